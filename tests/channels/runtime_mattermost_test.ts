/**
 * Mattermost in the gateway's channel runner, over the v4 WebSocket against
 * the stand-in: pairing in the DM, the answer in the same channel after
 * approval (typing shown there), channel posts answered only when the bot
 * is mentioned (in the thread they came in), a refused token stopping only
 * Mattermost, and a reconnect when the server drops the socket.
 */
import assert from "node:assert/strict";
import {
  GOOD_MATTERMOST_TOKEN,
  GOOD_TELEGRAM_TOKEN,
  telegramStandIn,
  waitFor,
} from "./standins.ts";
import { mattermostStandIn, MM_BOT, mmId, mmPost } from "./standins/mattermost.ts";
import { runChannels } from "./runtime-harness.ts";
import { readMattermostPosted } from "../../lib/channels/mattermost/events.ts";

const ALICE = mmId("alice");
const DM = mmId("dmchannel");
const TOWN = mmId("townsquare");

const config = (base: string, extra: Record<string, unknown> = {}) => ({
  channels: { mattermost: { botToken: GOOD_MATTERMOST_TOKEN, baseUrl: base, ...extra } },
});

Deno.test("mattermost: unknown sender paired in the DM, approved, answered there; channels need a mention", async () => {
  await using mm = mattermostStandIn();
  await using run = await runChannels({ config: config(mm.base) });
  const running = await run.waitForState("mattermost", "running");
  assert.equal(running.detail, `@${MM_BOT.username}`);

  mm.push({ channelType: "D", post: mmPost(ALICE, DM, "hello?") });
  const code = await run.pairingCode("mattermost", ALICE);
  const codeMsg = await mm.waitForPost((p) => p.message.includes(code));
  assert.equal(codeMsg.channel_id, DM);
  assert.match(codeMsg.message, new RegExp(`pairing approve mattermost ${code}`));
  assert.equal(run.agent.requests.length, 0, "nothing reaches the agent before approval");

  await run.approve("mattermost", code);
  run.agent.reply("Hi Alice, approved now.");
  mm.push({ channelType: "D", post: mmPost(ALICE, DM, "now?") });
  const reply = await mm.waitForPost((p) => p.message === "Hi Alice, approved now.");
  assert.equal(reply.channel_id, DM);
  assert.equal(reply.root_id, undefined);
  assert.deepEqual(run.agent.requests[0].origin, { surface: "mattermost", peerId: ALICE });
  assert.equal(run.agent.requests[0].message, "now?");
  await waitFor(mm.actions, (a) => a.action === "user_typing" && a.data.channel_id === DM);

  // In a channel: ignored without a mention; with one, answered in the thread it came in.
  mm.push({ channelType: "O", post: mmPost(ALICE, TOWN, "talking among ourselves") });
  await run.waitForEvent(
    "mattermost",
    (e) => e.type === "ignored" && /without a mention/.test(e.reason),
  );
  run.agent.reply("Answer in the thread.");
  const root = mmId("rootpost");
  mm.push({
    channelType: "O",
    post: mmPost(ALICE, TOWN, `@${MM_BOT.username} what time is it?`, root),
    mentions: [MM_BOT.id],
  });
  const inThread = await mm.waitForPost((p) => p.message === "Answer in the thread.");
  assert.equal(inThread.channel_id, TOWN);
  assert.equal(inThread.root_id, root);
  assert.equal(run.agent.requests.at(-1)?.message, "what time is it?", "mention stripped");

  // The bot's own posts (its answers echo back as `posted`) are never answered.
  mm.push({ channelType: "D", post: mmPost(MM_BOT.id, DM, "Hi Alice, approved now.") });
  await run.waitForEvent("mattermost", (e) => e.type === "ignored" && /bot's/.test(e.reason));
  assert.equal(run.agent.requests.length, 2);
  assert.ok(run.board.snapshot().find((s) => s.channel === "mattermost")?.lastMessageAt);
});

Deno.test("mattermost: a refused token (401) stops Mattermost alone, naming the key; Telegram keeps running", async () => {
  await using mm = mattermostStandIn({ rest: "another-token-entirely" });
  await using tg = telegramStandIn();
  await using run = await runChannels({
    config: {
      channels: {
        ...config(mm.base).channels,
        telegram: { botToken: GOOD_TELEGRAM_TOKEN },
      },
    },
    apiBase: { telegram: tg.base },
  });
  const stopped = await run.waitForState("mattermost", "stopped");
  assert.match(stopped.detail ?? "", /Mattermost rejected the bot token/);
  assert.match(stopped.detail ?? "", /channels\.mattermost\.botToken \(401\)/);
  const errors = run.events.filter((e) => e.channel === "mattermost" && e.event.type === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
  await run.waitForState("telegram", "running");
  assert.deepEqual(mm.calls, ["GET /api/v4/users/me"]);
});

Deno.test("mattermost: a token the WebSocket refuses stops the channel too", async () => {
  await using mm = mattermostStandIn({ socket: "not-the-token" });
  await using run = await runChannels({ config: config(mm.base) });
  const stopped = await run.waitForState("mattermost", "stopped");
  assert.match(stopped.detail ?? "", /channels\.mattermost\.botToken \(the WebSocket refused it\)/);
  assert.equal(mm.authenticated.length, 0);
});

Deno.test("mattermost: reconnects after the server drops the socket and keeps answering", async () => {
  await using mm = mattermostStandIn();
  await using run = await runChannels({ config: config(mm.base, { dmPolicy: "open" }) });
  await run.waitForState("mattermost", "running");
  mm.drop();
  await waitFor(mm.authenticated, () => mm.authenticated.length === 2);
  run.agent.reply("Still here.");
  mm.push({ channelType: "D", post: mmPost(ALICE, DM, "are you there?") });
  const reply = await mm.waitForPost((p) => p.message === "Still here.");
  assert.equal(reply.channel_id, DM);
  await run.waitForEvent("mattermost", (e) => e.type === "error" && /reconnecting/.test(e.message));
});

Deno.test("mattermost: a disabled plugin entry keeps the channel stopped, saying why", async () => {
  await using mm = mattermostStandIn();
  await using run = await runChannels({
    config: {
      ...config(mm.base),
      plugins: { entries: { mattermost: { enabled: false } } },
    } as { channels: Record<string, unknown> },
  });
  const stopped = await run.waitForState("mattermost", "stopped");
  assert.match(stopped.detail ?? "", /plugins\.entries\.mattermost\.enabled/);
  assert.deepEqual(mm.calls, []);
});

Deno.test("mattermost events: system posts and broken JSON are not messages; @name marks a mention", () => {
  const bot = MM_BOT;
  const data = (post: unknown, extra: Record<string, unknown> = {}) => ({
    channel_type: "O",
    post: typeof post === "string" ? post : JSON.stringify(post),
    ...extra,
  });
  const join = readMattermostPosted(
    data({ ...mmPost(ALICE, TOWN, "joined"), type: "system_join_channel" }),
    bot,
  );
  assert.ok("ignored" in join);
  assert.ok("ignored" in readMattermostPosted(data("{not json"), bot));
  assert.ok("ignored" in readMattermostPosted(data({ ...mmPost(ALICE, "short", "x") }), bot));
  const r = readMattermostPosted(data(mmPost(ALICE, TOWN, "hey @clawbot, hi")), bot);
  assert.ok("candidate" in r);
  assert.equal(r.candidate.mentioned, true);
  assert.equal(r.candidate.text, "hey , hi");
  const other = readMattermostPosted(data(mmPost(ALICE, TOWN, "ask @clawbotfan")), bot);
  assert.ok("candidate" in other && !other.candidate.mentioned, "another name is no mention");
  const fromBot = readMattermostPosted(
    data({ ...mmPost(mmId("otherbot"), TOWN, "beep"), props: { from_bot: "true" } }),
    bot,
  );
  assert.ok("candidate" in fromBot && fromBot.candidate.fromBot);
});
