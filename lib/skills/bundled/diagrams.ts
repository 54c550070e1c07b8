/** Bundled skill: render Mermaid diagrams with mermaid-cli (an npm package). */
export const SKILL_MD = `---
name: diagrams
description: Render Mermaid diagrams (flowcharts, sequence, class, Gantt) to SVG or PNG with mermaid-cli.
metadata:
  openclaw:
    emoji: "📐"
    homepage: https://github.com/mermaid-js/mermaid-cli
    requires:
      bins: [mmdc]
    install:
      - id: node
        kind: node
        package: "@mermaid-js/mermaid-cli"
        bins: [mmdc]
        label: mermaid-cli (npm package)
---

# Diagrams

Write the diagram to a \`.mmd\` file in the workspace, then render it:

    mmdc -i diagram.mmd -o diagram.svg
    mmdc -i diagram.mmd -o diagram.png -b white -w 1600

mermaid-cli drives a headless Chromium: the first run may take a few seconds. If it fails
with a sandbox error on Linux, render with a config file holding
\`{"args": ["--no-sandbox"]}\` passed as \`-p puppeteer.json\`.

Keep diagrams small enough to read; split large ones. Send the user the rendered file and
keep the \`.mmd\` source next to it so it can be edited.
`;
