/**
 * "Mentioned" where the platform has no mentions (iMessage): which names
 * count, and how they match and are taken out of the text.
 */
import assert from "node:assert/strict";
import { mentionNames, nameMention } from "../../lib/channels/name-mention.ts";

Deno.test("mention names: the channel's own, else the default agent's name, else openclaw", () => {
  const agents = { list: [{ id: "a", name: "Ada" }, { id: "b", name: "Bob", default: true }] };
  assert.deepEqual(mentionNames({ mentionNames: " Clawd , Jeeves ," }, { agents }), [
    "Clawd",
    "Jeeves",
  ]);
  assert.deepEqual(mentionNames({}, { agents }), ["Bob"]);
  assert.deepEqual(mentionNames({}, { agents: { list: [{ id: "a", name: "Ada" }] } }), ["Ada"]);
  assert.deepEqual(mentionNames({ mentionNames: "  " }, { agents: { list: [{ id: "a" }] } }), [
    "openclaw",
  ]);
  assert.deepEqual(mentionNames({}, {}), ["openclaw"]);
});

Deno.test("mention names: whole words in any case, with or without @, taken out of the text", () => {
  const m = nameMention(["Claw Bot", "J.R"]);
  assert.ok(m.mentioned("hey claw bot, what's up"));
  assert.ok(m.mentioned("@Claw Bot?"));
  assert.ok(m.mentioned("ask J.R"));
  assert.ok(!m.mentioned("Claw Bots are many"), "part of a longer word");
  assert.ok(!m.mentioned("JxR"), "dots are literal");
  assert.ok(!m.mentioned("nothing here"));
  assert.equal(m.strip("Claw Bot, what time is it?"), "what time is it?");
  assert.equal(m.strip("what time is it @claw bot"), "what time is it");
  assert.equal(m.strip("Claw Bot"), "Claw Bot", "a text that is only the name stays as it is");
});
