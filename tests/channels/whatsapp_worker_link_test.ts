/**
 * Sends through the WhatsApp worker: each is done when the worker answers
 * for its number, fails when WhatsApp refused it, when the connection went
 * away, or when the channel stops; answers for unknown numbers are harmless.
 */
import assert from "node:assert/strict";
import { WorkerLink } from "../../lib/channels/whatsapp/worker-link.ts";

function link() {
  const written: Record<string, unknown>[] = [];
  const l = new WorkerLink({
    write: (o) => {
      written.push(o as Record<string, unknown>);
      return Promise.resolve();
    },
  });
  return { l, written };
}

Deno.test("whatsapp worker link: a send ends with the worker's answer for its number", async () => {
  const { l, written } = link();
  const first = l.send("1@s.whatsapp.net", "one");
  const second = l.send("2@s.whatsapp.net", "two");
  assert.deepEqual(written, [
    { send: 1, jid: "1@s.whatsapp.net", text: "one" },
    { send: 2, jid: "2@s.whatsapp.net", text: "two" },
  ]);
  assert.equal(l.settle({ failed: 2, error: "not on WhatsApp" }), true);
  await assert.rejects(second, /WhatsApp refused the message: not on WhatsApp/);
  assert.equal(l.settle({ sent: 1 }), true);
  await first;
  assert.equal(l.settle({ sent: 99 }), true, "an unknown number is consumed, not a message");
  assert.equal(l.settle({ message: {} }), false);
  await l.typing("1@s.whatsapp.net");
  assert.deepEqual(written.at(-1), { typing: "1@s.whatsapp.net" });
});

Deno.test("whatsapp worker link: the connection closing or the channel stopping fails what waits", async () => {
  const { l } = link();
  const stopper = new AbortController();
  const stopped = l.send("1@s.whatsapp.net", "x", stopper.signal);
  const waiting = l.send("1@s.whatsapp.net", "y");
  stopper.abort();
  await assert.rejects(stopped, /stopped/);
  l.close("the WhatsApp connection closed");
  await assert.rejects(waiting, /the WhatsApp connection closed/);
  await assert.rejects(l.send("1@s.whatsapp.net", "z"), /the WhatsApp connection closed/);
});
