/** Bundled skill: the macOS clipboard (pbcopy / pbpaste ship with macOS). */
export const SKILL_MD = `---
name: clipboard
description: Read and set the macOS clipboard with pbpaste and pbcopy.
metadata:
  openclaw:
    emoji: "📋"
    os: [darwin]
    requires:
      bins: [pbcopy, pbpaste]
---

# Clipboard (macOS)

- Read: \`pbpaste\`.
- Set: \`printf '%s' "text" | pbcopy\` (printf, so no trailing newline is added).
- From a file: \`pbcopy < notes.txt\`.

The clipboard may hold something private: only read it when the user asks, and tell them
before you replace what is on it.
`;
