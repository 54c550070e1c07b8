/**
 * Discord in the gateway's channel runner, against a stand-in that speaks
 * the Gateway WebSocket and REST: pairing in the DM, approval, the answer
 * in the same channel, the guild mention rule, a refused token or intent
 * stopping only Discord, a dropped connection resumed without losing a
 * message, heartbeats, and REST rate limits waited out.
 */
import assert from "node:assert/strict";
import {
  DISCORD_BOT,
  discordDm,
  discordGatewayStandIn,
  discordGuildMessage,
  GOOD_DISCORD_TOKEN,
} from "./standins/discord.ts";
import { runChannels } from "./runtime-harness.ts";
import { GOOD_TELEGRAM_TOKEN, telegramStandIn } from "./standins.ts";

/** Polls `cond` until it holds (8 s at most). */
async function waitFor(cond: () => boolean): Promise<void> {
  const deadline = Date.now() + 8000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const ALICE = { id: "300000000000000003", username: "alice" };
const DM_CHANNEL = "400000000000000004";
const GUILD_CHANNEL = "500000000000000005";
const config = { channels: { discord: { token: GOOD_DISCORD_TOKEN } } };

/** Discord alone with DMs open to everyone (no pairing step), against `api`. */
function runOpen(api: { base: string }) {
  return runChannels({
    config: { channels: { discord: { token: GOOD_DISCORD_TOKEN, dmPolicy: "open" } } },
    apiBase: { discord: api.base },
  });
}

Deno.test("discord: unknown sender paired in the DM, approved, answered there; guilds need a mention", async () => {
  await using api = discordGatewayStandIn();
  await using run = await runChannels({ config, apiBase: { discord: api.base } });
  const running = await run.waitForState("discord", "running");
  assert.equal(running.detail, DISCORD_BOT.username);
  const identify = await api.waitForFrame((f) => f.op === 2);
  const d = identify.d as { token: string; intents: number };
  assert.equal(d.token, GOOD_DISCORD_TOKEN);
  // GUILDS, GUILD_MESSAGES, DIRECT_MESSAGES, MESSAGE_CONTENT
  assert.equal(d.intents, 1 | 512 | 4096 | 32768);

  api.push(discordDm(ALICE, DM_CHANNEL, "hello?"));
  const code = await run.pairingCode("discord", ALICE.id);
  const codeMsg = await api.waitForPost((m) => m.content.includes(code));
  assert.equal(codeMsg.channelId, DM_CHANNEL);
  assert.match(codeMsg.content, new RegExp(`pairing approve discord ${code}`));
  assert.deepEqual(codeMsg.allowedMentions, { parse: [] }, "nothing the bot posts pings anyone");
  assert.equal(run.agent.requests.length, 0, "nothing reaches the agent before approval");

  await run.approve("discord", code);
  run.agent.reply("Hi Alice, approved now.");
  api.push(discordDm(ALICE, DM_CHANNEL, "now?"));
  const reply = await api.waitForPost((m) => m.content === "Hi Alice, approved now.");
  assert.equal(reply.channelId, DM_CHANNEL);
  assert.deepEqual(run.agent.requests[0].origin, { surface: "discord", peerId: ALICE.id });
  assert.equal(run.agent.requests[0].message, "now?");
  assert.ok(api.typing.includes(DM_CHANNEL), "typing shown in the DM");

  // In a guild channel: ignored without a mention, answered there with one (mention stripped).
  api.push(discordGuildMessage(ALICE, GUILD_CHANNEL, "talking among ourselves"));
  await run.waitForEvent(
    "discord",
    (e) => e.type === "ignored" && /without a mention/.test(e.reason),
  );
  run.agent.reply("Answer in the guild.");
  api.push(discordGuildMessage(ALICE, GUILD_CHANNEL, "what time is it?", true));
  const inGuild = await api.waitForPost((m) => m.content === "Answer in the guild.");
  assert.equal(inGuild.channelId, GUILD_CHANNEL);
  assert.equal(run.agent.requests.at(-1)?.message, "what time is it?");
  assert.equal(run.agent.requests.length, 2);

  // Another bot's message is never answered, mention or not.
  api.push(discordGuildMessage({ ...ALICE, id: "600000000000000006" }, GUILD_CHANNEL, "x", true));
  api.push({ ...discordDm(ALICE, DM_CHANNEL, "beep"), author: { ...ALICE, bot: true } });
  await run.waitForEvent(
    "discord",
    (e) => e.type === "ignored" && /a bot's message/.test(e.reason),
  );
  const status = run.board.snapshot().find((s) => s.channel === "discord");
  assert.ok(status?.lastMessageAt, "the last message time is recorded");
});

Deno.test("discord: a long answer is split to 2000 characters; a 429 is waited out and retried", async () => {
  await using api = discordGatewayStandIn({ rateLimitOnce: 0.05 });
  await using run = await runOpen(api);
  await run.waitForState("discord", "running");
  run.agent.reply("a".repeat(2500));
  api.push(discordDm(ALICE, DM_CHANNEL, "tell me a lot"));
  await api.waitForPost((m) => m.content.length === 500);
  assert.deepEqual(api.posted.map((m) => m.content.length), [2000, 500]);
  assert.equal(api.rateLimited(), 1, "the stand-in answered one 429");
  assert.equal(run.events.filter((e) => e.event.type === "error").length, 0);
});

Deno.test("discord: a dropped connection resumes the session and no message is lost", async () => {
  await using api = discordGatewayStandIn({ heartbeatMs: 40 });
  await using run = await runOpen(api);
  await run.waitForState("discord", "running");
  // Heartbeats carry the last sequence number and are acknowledged (no zombie reconnects).
  await api.waitForFrame((f) => f.op === 1);

  api.drop(4000);
  await run.waitForState("discord", "connecting");
  run.agent.reply("still here");
  api.push(discordDm(ALICE, DM_CHANNEL, "sent while you were away"));
  const resume = await api.waitForFrame((f) => f.op === 6);
  const r = resume.d as { token: string; session_id: string; seq: number };
  assert.equal(r.token, GOOD_DISCORD_TOKEN);
  assert.ok(r.session_id && r.seq >= 1, JSON.stringify(r));
  const reply = await api.waitForPost((m) => m.content === "still here");
  assert.equal(reply.channelId, DM_CHANNEL);
  assert.equal(api.connections(), 2);
  assert.equal(api.frames.filter((f) => f.op === 2).length, 1, "resumed, not identified again");
  await run.waitForState("discord", "running");
});

Deno.test("discord: op 7 reconnects and resumes; op 9 (not resumable) identifies afresh", async () => {
  await using api = discordGatewayStandIn();
  await using run = await runOpen(api);
  await run.waitForState("discord", "running");
  api.requestReconnect();
  await api.waitForFrame((f) => f.op === 6);
  await waitFor(() => api.connections() === 2 && run.board.snapshot()[0]?.state === "running");
  assert.equal(api.frames.filter((f) => f.op === 2).length, 1, "op 7: resumed");

  api.invalidateSession();
  await waitFor(() => api.frames.filter((f) => f.op === 2).length === 2);
  assert.equal(api.frames.filter((f) => f.op === 6).length, 1, "op 9 false: no resume tried");
  run.agent.reply("fresh session");
  api.push(discordDm(ALICE, DM_CHANNEL, "hi again"));
  await api.waitForPost((m) => m.content === "fresh session");
});

Deno.test("discord: heartbeats not acknowledged end the zombie connection; the next one resumes", async () => {
  await using api = discordGatewayStandIn({ heartbeatMs: 30, ackFirstConnection: false });
  await using run = await runOpen(api);
  await run.waitForState("discord", "running");
  await run.waitForEvent(
    "discord",
    (e) => e.type === "error" && /stopped acknowledging heartbeats/.test(e.message),
  );
  await api.waitForFrame((f) => f.op === 6);
  run.agent.reply("alive");
  api.push(discordDm(ALICE, DM_CHANNEL, "there?"));
  await api.waitForPost((m) => m.content === "alive");
  assert.equal(api.frames.filter((f) => f.op === 2).length, 1, "resumed, not identified again");
});

Deno.test("discord: a rejected token stops only Discord with one clear line and a stopped state", async () => {
  await using api = discordGatewayStandIn();
  await using telegram = telegramStandIn();
  await using run = await runChannels({
    config: {
      channels: {
        discord: { token: "bad.token.revoked" },
        telegram: { botToken: GOOD_TELEGRAM_TOKEN },
      },
    },
    apiBase: { discord: api.base, telegram: telegram.base },
  });
  const stopped = await run.waitForState("discord", "stopped");
  assert.match(stopped.detail ?? "", /Discord rejected the bot token \(401\)/);
  assert.match(stopped.detail ?? "", /channels\.discord\.token/);
  const errors = run.events.filter((e) => e.event.type === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0].channel, "discord");
  assert.equal(api.connections(), 0, "no gateway connection with a refused token");
  await run.waitForState("telegram", "running");
  assert.ok(!run.logs.join("\n").includes("bad.token.revoked"), "the token is never logged");
});

Deno.test("discord: a token reset while running (gateway close 4004) stops the channel", async () => {
  await using api = discordGatewayStandIn();
  await using run = await runChannels({ config, apiBase: { discord: api.base } });
  await run.waitForState("discord", "running");
  api.revokeToken();
  api.drop(4000);
  const stopped = await run.waitForState("discord", "stopped");
  assert.match(stopped.detail ?? "", /Discord rejected the bot token \(gateway close 4004\)/);
  assert.match(stopped.detail ?? "", /channels\.discord\.token/);
  const fatal = run.events.filter((e) =>
    e.event.type === "error" && /stopped/.test(e.event.message)
  );
  assert.equal(fatal.length, 1);
});

Deno.test("discord: the Message Content intent not granted (4014) stops with how to enable it", async () => {
  await using api = discordGatewayStandIn({ messageContentAllowed: false });
  await using run = await runChannels({ config, apiBase: { discord: api.base } });
  const stopped = await run.waitForState("discord", "stopped");
  assert.match(stopped.detail ?? "", /Message Content intent/);
  assert.match(stopped.detail ?? "", /Developer Portal.*Privileged Gateway Intents/);
  assert.equal(run.events.filter((e) => e.event.type === "error").length, 1);
});
