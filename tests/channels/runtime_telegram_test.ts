/**
 * Telegram in the gateway's channel runner, through the shared gate: the
 * checks every channel's runtime test makes (pairing, approval, answer in
 * the same chat, an unmentioned group message ignored, a rejected token
 * stopping only that channel), here against the Bot API stand-in.
 */
import assert from "node:assert/strict";
import { dm, GOOD_TELEGRAM_TOKEN, telegramStandIn, waitFor } from "./standins.ts";
import { runChannels } from "./runtime-harness.ts";

const BOT = { id: 123456789, username: "claw_test_bot" };

function groupMessage(userId: number, text: string, mention = false) {
  const full = mention ? `@${BOT.username} ${text}` : text;
  return {
    message: {
      message_id: 77,
      from: { id: userId, is_bot: false, first_name: "Alice" },
      chat: { id: -100200, type: "supergroup" as const },
      date: 1764300000,
      text: full,
      ...(mention
        ? { entities: [{ type: "mention", offset: 0, length: BOT.username.length + 1 }] }
        : {}),
    },
  };
}

Deno.test("telegram: unknown sender paired, approved, answered in the same chat; groups need a mention", async () => {
  await using api = telegramStandIn();
  await using run = await runChannels({
    config: { channels: { telegram: { botToken: GOOD_TELEGRAM_TOKEN } } },
    apiBase: { telegram: api.base },
  });
  const running = await run.waitForState("telegram", "running");
  assert.equal(running.detail, `@${BOT.username}`);

  api.push(dm(4242, "hello?"));
  const code = await run.pairingCode("telegram", "4242");
  const codeMsg = await api.waitForSend((m) => String(m.chat_id) === "4242");
  assert.match(codeMsg.text, new RegExp(`pairing approve telegram ${code}`));
  assert.equal(run.agent.requests.length, 0, "nothing reaches the agent before approval");

  await run.approve("telegram", code);
  run.agent.reply("Hi Alice, approved now.");
  api.push(dm(4242, "now?"));
  const reply = await api.waitForSend((m) => m.text === "Hi Alice, approved now.");
  assert.equal(String(reply.chat_id), "4242");
  assert.deepEqual(run.agent.requests[0].origin, { surface: "telegram", peerId: "4242" });
  assert.equal(run.agent.requests[0].message, "now?");

  // In a group: ignored without a mention, answered in the group with one.
  api.push(groupMessage(4242, "talking among ourselves"));
  await run.waitForEvent(
    "telegram",
    (e) => e.type === "ignored" && /without a mention/.test(e.reason),
  );
  run.agent.reply("Answer in the group.");
  api.push(groupMessage(4242, "what time is it?", true));
  const inGroup = await api.waitForSend((m) => m.text === "Answer in the group.");
  assert.equal(String(inGroup.chat_id), "-100200");
  assert.equal(run.agent.requests.at(-1)?.message, "what time is it?");
  assert.equal(run.agent.requests.length, 2);
  const status = run.board.snapshot().find((s) => s.channel === "telegram");
  assert.ok(status?.lastMessageAt, "the last message time is recorded");
});

Deno.test("telegram: a rejected token stops the channel with one clear line and a stopped state", async () => {
  await using api = telegramStandIn();
  await using run = await runChannels({
    config: { channels: { telegram: { botToken: "999:revoked-token-xxxxxxxxxxxxxxxxxxxxxxx" } } },
    apiBase: { telegram: api.base },
  });
  const stopped = await run.waitForState("telegram", "stopped");
  assert.match(stopped.detail ?? "", /Telegram rejected the bot token \(401\)/);
  assert.match(stopped.detail ?? "", /channels\.telegram\.botToken/);
  const errors = run.events.filter((e) => e.event.type === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
  await waitFor(api.calls, (c) => c === "getMe");
  assert.ok(!api.calls.includes("getUpdates"), "no polling with a refused token");
});
