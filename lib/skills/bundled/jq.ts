/** Bundled skill: JSON filtering with jq. */
export const SKILL_MD = `---
name: jq
description: Filter, reshape and summarise JSON from files and command output with jq.
metadata:
  openclaw:
    emoji: "🧮"
    homepage: https://jqlang.org
    requires:
      bins: [jq]
    install:
      - id: brew
        kind: brew
        formula: jq
        bins: [jq]
        label: jq (Homebrew)
---

# jq

- Pretty-print: \`jq . file.json\`; one field: \`jq -r '.name' file.json\`.
- From a list: \`jq -r '.[] | select(.state == "open") | .title'\`.
- Count and group: \`jq 'group_by(.author) | map({author: .[0].author, n: length})'\`.
- Build new JSON safely from shell values: \`jq -n --arg t "$TITLE" '{title: $t}'\`.

Use \`-r\` for plain strings, \`-c\` for one object per line. On Debian and Ubuntu, jq is also
\`apt install jq\`.
`;
