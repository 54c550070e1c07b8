/** Bundled skill: drive long-running or interactive programs in tmux. */
export const SKILL_MD = `---
name: tmux
description: Run long or interactive terminal programs in a tmux session, send keys and read the screen.
metadata:
  openclaw:
    emoji: "🧵"
    os: [darwin, linux]
    requires:
      bins: [tmux]
    install:
      - id: brew
        kind: brew
        formula: tmux
        bins: [tmux]
        label: tmux (Homebrew)
---

# tmux

Use a private socket so you never touch the user's own sessions:

- Start: \`tmux -L openclaw new-session -d -s job -x 120 -y 40 'command'\`.
- Send input: \`tmux -L openclaw send-keys -t job 'text' Enter\` (keys like \`C-c\`, \`Up\`).
- Read the screen: \`tmux -L openclaw capture-pane -p -t job\` (add \`-S -200\` for scrollback).
- Check it is still running: \`tmux -L openclaw has-session -t job\`.
- Clean up when done: \`tmux -L openclaw kill-session -t job\`.

Poll the screen for the text you expect instead of sleeping for a fixed time.
`;
