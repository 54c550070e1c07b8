/**
 * BlueBubbles in the gateway: the stand-in server answers the REST calls,
 * the test POSTs the server's webhooks to the gateway's port. Pairing,
 * approval, the answer in the same chat, the group rule (iMessage has no
 * mentions: the bot's name in the text), the webhook's password, a refused
 * password stopping only this channel, and a server that is down at first.
 */
import assert from "node:assert/strict";
import {
  BLUEBUBBLES_PASSWORD,
  bluebubblesStandIn,
  newMessage,
  postWebhook,
} from "./standins/bluebubbles.ts";
import { runChannels } from "./runtime-harness.ts";

const ALICE = "+15551234567";
const ALICE_CHAT = `iMessage;-;${ALICE}`;
const GROUP_CHAT = "iMessage;+;chat493827561";

function config(serverUrl: string, extra: Record<string, unknown> = {}) {
  return {
    channels: {
      bluebubbles: { serverUrl, password: BLUEBUBBLES_PASSWORD, ...extra },
    },
  };
}

Deno.test("bluebubbles: unknown sender paired, approved, answered in the same chat; groups need the bot's name", async () => {
  await using bb = bluebubblesStandIn();
  await using run = await runChannels({ config: config(bb.base), gateway: true });
  const running = await run.waitForState("bluebubbles", "running");
  assert.match(running.detail ?? "", /server v1\.9\.9/);
  const base = `${run.gateway!.httpUrl}bluebubbles-webhook`;
  const hook = `${base}?password=${encodeURIComponent(BLUEBUBBLES_PASSWORD)}`;

  // Without the password, or with a wrong one, the gateway refuses before reading the event.
  const dm = (text: string) => newMessage({ from: ALICE, chatGuid: ALICE_CHAT, text });
  assert.equal(await postWebhook(base, dm("no password")), 401);
  assert.equal(await postWebhook(`${base}?password=wrong`, dm("wrong password")), 401);
  assert.equal(
    await postWebhook(base, dm("wrong bearer"), { headers: { authorization: "Bearer nope" } }),
    401,
  );
  assert.equal(await postWebhook(hook, "{not json"), 400);
  // Other events, and a message without its chat, are taken and dropped.
  assert.equal(await postWebhook(hook, { type: "updated-message", data: {} }), 200);
  const noChat = newMessage({ from: ALICE, chatGuid: ALICE_CHAT, text: "where?" });
  assert.equal(await postWebhook(hook, { ...noChat, data: { ...noChat.data, chats: [] } }), 200);
  await run.waitForEvent(
    "bluebubbles",
    (e) => e.type === "ignored" && /without its chat/.test(e.reason),
  );

  assert.equal(await postWebhook(hook, dm("hello?")), 200);
  const code = await run.pairingCode("bluebubbles", ALICE);
  const codeMsg = await bb.waitForSend((m) => m.message.includes(code));
  assert.equal(codeMsg.chatGuid, ALICE_CHAT);
  assert.match(codeMsg.message, new RegExp(`pairing approve bluebubbles ${code}`));
  assert.equal(bb.sent.length, 1, "the refused requests sent nothing");
  assert.equal(run.agent.requests.length, 0, "nothing reaches the agent before approval");

  await run.approve("bluebubbles", code);
  run.agent.reply("Hi Alice, approved now.");
  // The header form of the password works too.
  const viaHeader = { headers: { authorization: `Bearer ${BLUEBUBBLES_PASSWORD}` } };
  const again = dm("now?");
  assert.equal(await postWebhook(base, again, viaHeader), 200);
  const reply = await bb.waitForSend((m) => m.message === "Hi Alice, approved now.");
  assert.equal(reply.chatGuid, ALICE_CHAT);
  assert.deepEqual(run.agent.requests[0].origin, { surface: "bluebubbles", peerId: ALICE });
  assert.equal(run.agent.requests[0].message, "now?");
  // The same event delivered twice is one message; our own sent message is never answered.
  assert.equal(await postWebhook(hook, again), 200);
  assert.equal(
    await postWebhook(hook, { ...dm("Hi Alice"), data: { ...dm("x").data, isFromMe: true } }),
    200,
  );
  await run.waitForEvent("bluebubbles", (e) => e.type === "ignored" && /bot's/.test(e.reason));

  // In a group: ignored unless the text names the bot, then answered in the group.
  const inGroup = (text: string) => newMessage({ from: ALICE, chatGuid: GROUP_CHAT, text });
  assert.equal(await postWebhook(hook, inGroup("talking among ourselves")), 200);
  await run.waitForEvent(
    "bluebubbles",
    (e) => e.type === "ignored" && /without a mention/.test(e.reason),
  );
  run.agent.reply("Answer in the group.");
  assert.equal(await postWebhook(hook, inGroup("OpenClaw, what time is it?")), 200);
  const group = await bb.waitForSend((m) => m.message === "Answer in the group.");
  assert.equal(group.chatGuid, GROUP_CHAT);
  assert.equal(run.agent.requests.at(-1)?.message, "what time is it?");
  assert.equal(run.agent.requests.length, 2);

  const tempGuids = new Set(bb.sent.map((m) => m.tempGuid));
  assert.equal(tempGuids.size, bb.sent.length, "every send has its own tempGuid");
  const all = JSON.stringify([run.logs, run.events, run.board.snapshot()]);
  assert.ok(!all.includes(BLUEBUBBLES_PASSWORD), "the password is never logged");
});

Deno.test("bluebubbles: mentionNames set who the bot is in groups", async () => {
  await using bb = bluebubblesStandIn();
  await using run = await runChannels({
    config: config(bb.base, { mentionNames: "Clawd, Jeeves", allowFrom: [ALICE] }),
    gateway: true,
  });
  await run.waitForState("bluebubbles", "running");
  const hook = `${run.gateway!.httpUrl}bluebubbles-webhook?guid=${BLUEBUBBLES_PASSWORD}`;
  const inGroup = (text: string) => newMessage({ from: ALICE, chatGuid: GROUP_CHAT, text });
  await postWebhook(hook, inGroup("openclaw is not my name here"));
  await postWebhook(hook, inGroup("Clawdia is someone else"));
  await run.waitForEvent(
    "bluebubbles",
    (e) => e.type === "ignored" && /without a mention/.test(e.reason),
  );
  run.agent.reply("Yes?");
  await postWebhook(hook, inGroup("hey @jeeves tea please"));
  await bb.waitForSend((m) => m.message === "Yes?" && m.chatGuid === GROUP_CHAT);
  assert.equal(run.agent.requests.length, 1);
  assert.equal(run.agent.requests[0].message, "hey tea please");
});

Deno.test("bluebubbles: a refused password stops the channel with one line and takes its webhook down", async () => {
  await using bb = bluebubblesStandIn("another-password");
  await using run = await runChannels({ config: config(bb.base), gateway: true });
  const stopped = await run.waitForState("bluebubbles", "stopped");
  assert.match(stopped.detail ?? "", /BlueBubbles rejected the password \(401\)/);
  assert.match(stopped.detail ?? "", /channels\.bluebubbles\.password/);
  const errors = run.events.filter((e) => e.event.type === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.ok(!bb.calls.some((c) => c.includes("message/text")));
  const hook = `${run.gateway!.httpUrl}bluebubbles-webhook?password=${BLUEBUBBLES_PASSWORD}`;
  assert.equal(
    await postWebhook(hook, newMessage({ from: ALICE, chatGuid: ALICE_CHAT, text: "hi" })),
    404,
  );
});

Deno.test("bluebubbles: a server that is down at first is retried, then the channel runs", async () => {
  await using bb = bluebubblesStandIn();
  bb.failPings(1);
  await using run = await runChannels({ config: config(bb.base), gateway: true });
  await run.waitForEvent(
    "bluebubbles",
    (e) => e.type === "error" && /503.*reconnecting in/.test(e.message),
  );
  await run.waitForState("bluebubbles", "running");
  assert.equal(bb.calls.filter((c) => c === "GET /api/v1/ping").length, 2);
});

Deno.test("bluebubbles: outside a gateway it says it needs one and stops", async () => {
  await using bb = bluebubblesStandIn();
  await using run = await runChannels({ config: config(bb.base) });
  const stopped = await run.waitForState("bluebubbles", "stopped");
  assert.match(stopped.detail ?? "", /webhook.*inside the gateway/);
  assert.equal(bb.calls.length, 0);
});
