/**
 * printable(): remote-chosen text made safe for a terminal, and the places
 * that print what a platform answered (setup checks, channel status).
 */
import assert from "node:assert/strict";
import { printable } from "../../lib/platform/terminal-text.ts";
import { renderProbes } from "../../lib/channels/probe.ts";
import { describeOutcome } from "../../lib/channels/live-check.ts";

Deno.test("printable: escape sequences removed whole, breaks become spaces, letters kept", () => {
  assert.equal(printable("a\x1b[2Jb\nc\rd\te"), "ab c d e");
  assert.equal(printable("x\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\y"), "xlinky");
  assert.equal(printable("\u202eabc\u2066d\u2069"), "abcd");
  assert.equal(printable("\x00\x07\x7f\x85\x9f"), " ");
  assert.equal(printable("Zoë 山田 🦞"), "Zoë 山田 🦞");
});

Deno.test("channel status and token checks print a remote bot name without its escapes", () => {
  const name = "evil\x1b[2J\nok   telegram: fine";
  const status = renderProbes([{ channel: "telegram", status: "ok", detail: `bot ${name}` }]);
  assert.equal(status, "ok    telegram: bot evil ok   telegram: fine");
  assert.equal(
    describeOutcome({ status: "valid", identity: `@${name}` }),
    "valid (@evil ok   telegram: fine)",
  );
  assert.equal(
    describeOutcome({ status: "rejected", reason: "no\r\x1b]0;t\x07" }),
    "rejected: no ",
  );
});
