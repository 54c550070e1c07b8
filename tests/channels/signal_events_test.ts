/**
 * What the Signal runtime reads from signal-cli's event stream: SSE framing
 * (CRLF, multi-line data, keep-alive comments, oversized events dropped
 * whole) and the envelope → candidate rules (sender id, own messages,
 * groups, mentions taken out of the text, malformed input).
 */
import assert from "node:assert/strict";
import { sseData } from "../../lib/channels/signal/sse.ts";
import { judgeSignalEvent } from "../../lib/channels/signal/envelope.ts";

function stream(...parts: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const p of parts) c.enqueue(enc.encode(p));
      c.close();
    },
  });
}

Deno.test("sse: events split across chunks, CRLF, comments and multi-line data", async () => {
  const got = await Array.fromAsync(
    sseData(stream(":\n\nevent:receive\r\nda", 'ta: {"a":1}\r\n\r\ndata:x\ndata:y\n\n'), 1024),
  );
  assert.deepEqual(got, ['{"a":1}', "x\ny"]);
});

Deno.test("sse: an event larger than the limit is dropped whole, the next one still arrives", async () => {
  let dropped = 0;
  const big = "data:" + "z".repeat(300) + "\n";
  const got = await Array.fromAsync(
    sseData(stream(big, big, "\n", "data:" + "q".repeat(500), "q\n\ndata:ok\n\n"), 100, () => {
      dropped++;
    }),
  );
  assert.deepEqual(got, ["ok"]);
  assert.equal(dropped, 2);
});

const SELF = { number: "+15550001111", uuid: "0b0b0b0b-1111-4222-8333-444455556666" };

Deno.test("signal envelope: sender ids, own messages, groups, mentions", () => {
  const dm = judgeSignalEvent(
    JSON.stringify({
      envelope: {
        sourceNumber: "+15552223333",
        sourceName: "Alice",
        dataMessage: { message: "hi" },
      },
    }),
    SELF,
  );
  assert.deepEqual(dm, {
    candidate: {
      senderId: "+15552223333",
      chatId: "+15552223333",
      chatType: "direct",
      name: "Alice",
      text: "hi",
      mentioned: false,
      fromBot: false,
    },
  });
  const own = judgeSignalEvent(
    JSON.stringify({ envelope: { sourceNumber: SELF.number, dataMessage: { message: "me" } } }),
    SELF,
  );
  assert.deepEqual(own, { skip: true });
  const receipt = judgeSignalEvent(
    JSON.stringify({ envelope: { sourceNumber: "+15552223333", receiptMessage: {} } }),
    SELF,
  );
  assert.deepEqual(receipt, { skip: true });
  const group = judgeSignalEvent(
    JSON.stringify({
      envelope: {
        sourceUuid: "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE",
        dataMessage: {
          message: "hey \uFFFC, \uFFFC look",
          groupInfo: { groupId: "abc+/=" },
          mentions: [
            { uuid: SELF.uuid.toUpperCase(), start: 4, length: 1 },
            { uuid: "99999999-bbbb-4ccc-8ddd-eeeeeeeeeeee", start: 7, length: 1 },
          ],
        },
      },
    }),
    SELF,
  );
  assert.ok("candidate" in group);
  assert.equal(group.candidate.senderId, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
  assert.equal(group.candidate.chatId, "group:abc+/=");
  assert.equal(group.candidate.chatType, "group");
  assert.equal(group.candidate.mentioned, true);
  assert.equal(group.candidate.text, "hey , \uFFFC look");
});

Deno.test("signal envelope: malformed input is ignored with a reason, never thrown", () => {
  assert.deepEqual(judgeSignalEvent("{not json", SELF), { ignored: "an event that is not JSON" });
  assert.deepEqual(
    judgeSignalEvent(
      JSON.stringify({ envelope: { source: "alice", dataMessage: { message: "x" } } }),
      SELF,
    ),
    { ignored: "a message without a sender number or uuid" },
  );
  assert.deepEqual(
    judgeSignalEvent(
      JSON.stringify({
        envelope: {
          sourceNumber: "+15552223333",
          dataMessage: { message: "x", groupInfo: { groupId: "../../etc" } },
        },
      }),
      SELF,
    ),
    { ignored: "a group message with a malformed group id", senderId: "+15552223333" },
  );
  assert.deepEqual(
    judgeSignalEvent(
      JSON.stringify({
        envelope: { sourceNumber: "+15552223333", dataMessage: { attachments: [] } },
      }),
      SELF,
    ),
    { ignored: "not a text message", senderId: "+15552223333" },
  );
  assert.deepEqual(judgeSignalEvent("null", SELF), { skip: true });
});
