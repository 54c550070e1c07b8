/**
 * The Control UI's chat in headless Chromium against a fake agent: the
 * main session's history shows on connect, a message streams its reply in
 * (deltas, then final), model text is shown as text (markup stays inert),
 * a failed turn shows its short message, Stop aborts a running turn.
 */
import assert from "node:assert/strict";
import { testGateway, TOKEN } from "./harness.ts";
import { Browser, chromiumAvailable } from "./cdp.ts";
import { FakeAgent } from "../agent/fake-agent.ts";

const available = await chromiumAvailable();

const bubbles =
  `[...document.querySelectorAll('#chat-log .msg')].map((m) => m.className + '|' + m.textContent)`;

Deno.test({
  name: "Control UI chat: history, streaming reply, text only, errors, stop",
  ignore: !available,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    let release!: () => void;
    const markup = `<img src=x onerror="window.pwned=1"><b>bold</b>`;
    const agent = new FakeAgent()
      .reply("Earlier answer.")
      .reply({
        text: `Here: ${markup}`,
        deltas: ["Here: ", markup],
        gate: new Promise<void>((r) => (release = r)),
      })
      .reply({ text: "The model could not be reached.", error: "unreachable" })
      .reply({ text: "never finished", gate: new Promise(() => {}) });
    // A turn before the page opens: the history the page must show.
    await agent.turn({
      message: "Earlier question",
      origin: { surface: "cli" },
      sessionKey: "main",
    });
    await using gw = await testGateway({ agent });
    await using b = await Browser.open(`${gw.httpUrl}#token=${TOKEN}`);
    await b.waitFor(`!document.getElementById('chat-section').hidden`);
    await b.waitFor(`document.querySelectorAll('#chat-log .msg').length === 2`);
    assert.deepEqual(await b.eval(bubbles), [
      "msg user|Earlier question",
      "msg assistant|Earlier answer.",
    ]);

    // Send: the reply streams in as text while the turn runs, then ends.
    await b.eval(
      `document.getElementById('chat-input').value = 'show me markup'; document.getElementById('chat-send').click(), true`,
    );
    await b.waitFor(
      `[...document.querySelectorAll('#chat-log .msg.streaming')].some((m) => m.textContent.includes('<b>bold</b>'))`,
    );
    assert.equal(await b.eval(`document.getElementById('chat-stop').hidden`), false);
    release();
    await b.waitFor(`document.querySelectorAll('#chat-log .msg.streaming').length === 0`);
    const after = await b.eval(bubbles);
    assert.equal(after[2], "msg user|show me markup");
    assert.equal(after[3], `msg assistant|Here: ${markup}`);
    assert.equal(await b.eval(`document.querySelectorAll('#chat-log img, #chat-log b').length`), 0);
    assert.equal(await b.eval(`window.pwned === undefined`), true);
    assert.equal(agent.requests.at(-1)?.sessionKey, "main");
    assert.deepEqual(agent.requests.at(-1)?.origin, { surface: "control-ui" });

    // A failed turn: its short message, marked as failed.
    await b.eval(
      `document.getElementById('chat-input').value = 'again'; document.getElementById('chat-send').click(), true`,
    );
    await b.waitFor(`document.querySelectorAll('#chat-log .msg.failed').length === 1`);
    assert.equal(
      await b.eval(`document.querySelector('#chat-log .msg.failed').textContent`),
      "The model could not be reached.",
    );

    // Stop ends a turn that would never finish.
    await b.eval(
      `document.getElementById('chat-input').value = 'long one'; document.getElementById('chat-send').click(), true`,
    );
    await b.waitFor(`!document.getElementById('chat-stop').hidden`);
    await b.eval(`document.getElementById('chat-stop').click(), true`);
    await b.waitFor(`document.querySelectorAll('#chat-log .msg.aborted').length === 1`);
    assert.equal(await b.eval(`document.getElementById('chat-stop').hidden`), true);
  },
});
