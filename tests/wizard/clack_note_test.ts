/**
 * A note that holds a command is never wrapped: clack's box cuts lines at the
 * terminal's width (80 columns here), which breaks a long command in two and
 * puts the box's border in what the user copies.
 */
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { ClackPrompter } from "../../lib/wizard/clack-prompter.ts";
import { cli, currentInvocation, setInvocation } from "../../lib/platform/invocation.ts";

Deno.test("clack note: a long command stays on one line, without the box's border", async () => {
  const before = currentInvocation();
  setInvocation({
    kind: "checkout",
    prefix:
      "npx -y deno@2.9.6 run -A /home/ada/src/some/long/path/to/the/openclaw/checkout/main.ts",
    profile: "work",
  });
  try {
    const output = new PassThrough();
    let text = "";
    output.on("data", (d) => (text += d.toString()));
    const p = new ClackPrompter({ output });
    const command = cli("gateway run --port 18789");
    await p.note(
      `Meanwhile, run the gateway another way. In this terminal:\n  ${command}`,
      "Gateway",
    );
    const line = text.split("\n").find((l) => l.includes("gateway run"));
    assert.ok(line, text);
    assert.equal(line.trim(), command, text);
    // A note without a command keeps clack's box.
    text = "";
    await p.note("Nothing to type here.", "Plain");
    assert.match(text, /╮/);
  } finally {
    setInvocation(before);
  }
});

Deno.test("clack note: prose beside a command wraps inside the frame; a quoted command stays whole", async () => {
  const output = Object.assign(new PassThrough(), { columns: 60 });
  let text = "";
  output.on("data", (d) => (text += d.toString()));
  const p = new ClackPrompter({ output });
  const command = "`deno run -A /home/ada/src/openclaw/main.ts configure --section model`";
  await p.note(
    "The Anthropic credential was not verified: could not reach api.anthropic.com " +
      `(offline?). It is saved anyway; if it is wrong, replace it with ${command}.\n` +
      "  openclaw doctor",
    "Not verified",
  );
  const lines = text.split("\n");
  for (const l of lines.filter((l) => l.startsWith("│  "))) {
    // Only a quoted command too long for the width may pass it, on a line of its own.
    const alone = l.replace(/^│\s+/, "").startsWith(command);
    assert.ok(l.length <= 60 || alone, `a prose line passes the width:\n${text}`);
  }
  assert.ok(lines.some((l) => l.includes(command)), `the quoted command was split:\n${text}`);
  // Every line of prose keeps the frame's bar: the terminal never wraps it to column 0.
  assert.ok(
    lines.filter((l) => /not verified|offline|replace/.test(l)).every((l) => l.startsWith("│")),
  );
});
