/** Bundled skill: GitHub through the official gh CLI. */
export const SKILL_MD = `---
name: github
description: Read and act on GitHub issues, pull requests, CI runs and releases with the gh CLI.
metadata:
  openclaw:
    emoji: "🐙"
    homepage: https://cli.github.com
    requires:
      bins: [gh]
    install:
      - id: brew
        kind: brew
        formula: gh
        bins: [gh]
        label: GitHub CLI (Homebrew)
        os: [darwin, linux]
---

# GitHub

Use \`gh\` for anything on GitHub; it is already signed in as the user (\`gh auth status\`
shows who). If it is not, ask the user to run \`gh auth login\` themselves: never ask for
a token in chat.

- Issues: \`gh issue list --repo OWNER/REPO\`, \`gh issue view N --comments\`,
  \`gh issue create --title … --body …\`.
- Pull requests: \`gh pr list\`, \`gh pr view N\`, \`gh pr diff N\`, \`gh pr checks N\`.
- CI: \`gh run list --limit 5\`, \`gh run view RUN_ID --log-failed\` for the failing steps.
- Anything else: \`gh api repos/OWNER/REPO/…\` (add \`--jq\` to pick fields).

Prefer \`--json field,field\` output when you need to read results. Confirm with the user
before anything that writes (comments, merges, closing, releases).
`;
