/**
 * Slack in the gateway's channel runner, over Socket Mode against the
 * stand-in: pairing in the DM, the answer in the same conversation after
 * approval, channel messages answered only when the bot is mentioned (and
 * once, though Slack sends `message` and `app_mention` for it), every
 * envelope acknowledged, a refused token stopping only Slack, and a
 * reconnect when Slack asks for one.
 */
import assert from "node:assert/strict";
import {
  GOOD_SLACK_APP_TOKEN,
  GOOD_SLACK_TOKEN,
  GOOD_TELEGRAM_TOKEN,
  telegramStandIn,
  waitFor,
} from "./standins.ts";
import { SLACK_BOT, slackChannelMessage, slackDm, slackSocketStandIn } from "./standins/slack.ts";
import { runChannels } from "./runtime-harness.ts";
import { readSlackEvent } from "../../lib/channels/slack/events.ts";
import { errorText } from "../../lib/channels/slack/runtime.ts";

const ALICE = "U0ALICE01";
const TOKENS = { botToken: GOOD_SLACK_TOKEN, appToken: GOOD_SLACK_APP_TOKEN };

Deno.test("slack: unknown sender paired in the DM, approved, answered there; channels need a mention", async () => {
  await using slack = slackSocketStandIn();
  await using run = await runChannels({
    config: { channels: { slack: TOKENS } },
    apiBase: { slack: slack.base },
  });
  const running = await run.waitForState("slack", "running");
  assert.equal(running.detail, `@${SLACK_BOT.name}`);

  const first = slack.push(slackDm(ALICE, "hello?"));
  const code = await run.pairingCode("slack", ALICE);
  const codeMsg = await slack.waitForPost((p) => p.text.includes(code));
  assert.equal(codeMsg.channel, "D0DM00001");
  assert.match(codeMsg.text, new RegExp(`pairing approve slack ${code}`));
  await waitFor(slack.acks, (a) => a === first);
  assert.equal(run.agent.requests.length, 0, "nothing reaches the agent before approval");

  await run.approve("slack", code);
  run.agent.reply("Hi Alice, approved now.");
  slack.push(slackDm(ALICE, "now?"));
  const reply = await slack.waitForPost((p) => p.text === "Hi Alice, approved now.");
  assert.equal(reply.channel, "D0DM00001");
  assert.deepEqual(run.agent.requests[0].origin, { surface: "slack", peerId: ALICE });
  assert.equal(run.agent.requests[0].message, "now?");

  // In a channel: ignored without a mention; with one, answered there, once.
  slack.push(slackChannelMessage(ALICE, "talking among ourselves"));
  await run.waitForEvent(
    "slack",
    (e) => e.type === "ignored" && /without a mention/.test(e.reason),
  );
  run.agent.reply("Answer in the channel.");
  const mentioned = slackChannelMessage(ALICE, "what time is it?", true);
  slack.push(mentioned);
  slack.push({ ...mentioned, type: "app_mention", channel_type: undefined });
  const inChannel = await slack.waitForPost((p) => p.text === "Answer in the channel.");
  assert.equal(inChannel.channel, "C0CHAN001");
  assert.equal(run.agent.requests.at(-1)?.message, "what time is it?", "mention stripped");
  await waitFor(slack.acks, () => slack.acks.length === 5);
  assert.equal(run.agent.requests.length, 2, "the app_mention copy is not a second turn");

  // A bot's post (its own included) and an edit are never answered.
  slack.push({ ...slackDm("U0OTHERBOT", "beep"), bot_id: "B0001", subtype: "bot_message" });
  await run.waitForEvent("slack", (e) => e.type === "ignored" && /bot's message/.test(e.reason));
  assert.ok(run.board.snapshot().find((s) => s.channel === "slack")?.lastMessageAt);
  assert.ok(!slack.calls.includes("unknown_method"));
});

Deno.test("slack: a refused app token stops Slack alone, naming the key; Telegram keeps running", async () => {
  await using slack = slackSocketStandIn({ app: "xapp-1-A0123456789-1234567890-other" });
  await using tg = telegramStandIn();
  await using run = await runChannels({
    config: { channels: { slack: TOKENS, telegram: { botToken: GOOD_TELEGRAM_TOKEN } } },
    apiBase: { slack: slack.base, telegram: tg.base },
  });
  const stopped = await run.waitForState("slack", "stopped");
  assert.match(stopped.detail ?? "", /Slack rejected the app-level token/);
  assert.match(stopped.detail ?? "", /channels\.slack\.appToken \(invalid_auth\)/);
  const errors = run.events.filter((e) => e.channel === "slack" && e.event.type === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
  await run.waitForState("telegram", "running");
  assert.equal(slack.opened.length, 0, "no socket with a refused token");
});

Deno.test("slack: a refused bot token stops Slack naming channels.slack.botToken", async () => {
  await using slack = slackSocketStandIn({ bot: "xoxb-0000000000-0000000000-revoked" });
  await using run = await runChannels({
    config: { channels: { slack: TOKENS } },
    apiBase: { slack: slack.base },
  });
  const stopped = await run.waitForState("slack", "stopped");
  assert.match(stopped.detail ?? "", /channels\.slack\.botToken \(invalid_auth\)/);
  assert.deepEqual(slack.calls, ["auth.test"]);
});

Deno.test("slack: without an app token the channel says Socket Mode needs one and stops", async () => {
  await using run = await runChannels({
    config: { channels: { slack: { botToken: GOOD_SLACK_TOKEN } } },
    apiBase: { slack: "http://127.0.0.1:9" },
  });
  const stopped = await run.waitForState("slack", "stopped");
  assert.match(stopped.detail ?? "", /channels\.slack\.appToken/);
});

Deno.test("slack: reconnects when Slack asks (disconnect) or the socket closes, and keeps answering", async () => {
  await using slack = slackSocketStandIn();
  await using run = await runChannels({
    config: { channels: { slack: { ...TOKENS, dmPolicy: "open" } } },
    apiBase: { slack: slack.base },
  });
  await run.waitForState("slack", "running");
  // Slack's routine `disconnect`: a new connection at once, nothing logged as an error.
  slack.drop("disconnect");
  await waitFor(slack.opened, () => slack.opened.length === 2);
  await run.waitForState("slack", "running");
  const errors = () => run.events.filter((e) => e.channel === "slack" && e.event.type === "error");
  assert.equal(errors().length, 0, JSON.stringify(errors()));
  // A socket that just closes: reconnected after the backoff, one error line saying so.
  slack.drop("close");
  await waitFor(slack.opened, () => slack.opened.length === 3);
  await run.waitForState("slack", "running");
  assert.equal(errors().length, 1, JSON.stringify(errors()));
  assert.match(JSON.stringify(errors()[0].event), /reconnecting in/);
  run.agent.reply("Still here.");
  slack.push(slackDm(ALICE, "are you there?"));
  const reply = await slack.waitForPost((p) => p.text === "Still here.");
  assert.equal(reply.channel, "D0DM00001");
  assert.equal(slack.calls.filter((c) => c === "apps.connections.open").length, 3);
  assert.equal(slack.calls.filter((c) => c === "auth.test").length, 2, "auth.test once a session");
});

Deno.test("slack: a socket that cannot open is retried, and its URL's ticket is never logged", async () => {
  await using slack = slackSocketStandIn({ brokenSocket: true });
  await using run = await runChannels({
    config: { channels: { slack: TOKENS } },
    apiBase: { slack: slack.base },
  });
  const retry = await run.waitForEvent("slack", (e) => e.type === "error");
  assert.match(JSON.stringify(retry), /reconnecting in/);
  const state = await run.waitForState("slack", "connecting");
  assert.doesNotMatch(JSON.stringify([run.events, run.logs, state]), /SECRET-TICKET/);
});

Deno.test("slack: a mention in a thread is answered in that thread", async () => {
  await using slack = slackSocketStandIn();
  await using run = await runChannels({
    config: { channels: { slack: { ...TOKENS, dmPolicy: "open" } } },
    apiBase: { slack: slack.base },
  });
  await run.waitForState("slack", "running");
  run.agent.reply("In the thread.");
  slack.push({ ...slackChannelMessage(ALICE, "and now?", true), thread_ts: "1700000000.000001" });
  const reply = await slack.waitForPost((p) => p.text === "In the thread.");
  assert.deepEqual(reply, {
    channel: "C0CHAN001",
    text: "In the thread.",
    thread_ts: "1700000000.000001",
  });
});

Deno.test("slack errors: a socket URL's ticket is taken out", () => {
  const e = new Error("connect failed: wss://wss-primary.slack.com/link/?ticket=abc123&app_id=A1");
  assert.equal(
    errorText(e),
    "connect failed: wss://wss-primary.slack.com/link/?ticket=<redacted>&app_id=A1",
  );
});

Deno.test("slack events: edits and joins are not messages, a file's text is; <@BOT> marks a mention and is taken out", () => {
  const edit = readSlackEvent({ ...slackDm(ALICE, "x"), subtype: "message_changed" }, "UBOT00001");
  assert.ok("ignored" in edit);
  const join = readSlackEvent({ ...slackDm(ALICE, "x"), subtype: "channel_join" }, "UBOT00001");
  assert.ok("ignored" in join);
  const r = readSlackEvent(
    slackChannelMessage(ALICE, "<@UBOT00001|clawbot> hi there"),
    "UBOT00001",
  );
  assert.ok("candidate" in r);
  assert.equal(r.candidate.text, "hi there");
  assert.equal(r.candidate.mentioned, true);
  assert.equal(r.candidate.chatType, "group");
  const withFile = readSlackEvent(
    { ...slackDm(ALICE, "what is in this picture?"), subtype: "file_share" },
    "UBOT00001",
  );
  assert.ok("candidate" in withFile && withFile.candidate.text === "what is in this picture?");
  const own = readSlackEvent(slackDm("UBOT00001", "my own"), "UBOT00001");
  assert.ok("candidate" in own && own.candidate.fromBot);
  const odd = readSlackEvent({ ...slackDm("not an id!", "x") }, "UBOT00001");
  assert.ok("candidate" in odd && odd.candidate.senderId === "", "a malformed id is dropped");
});
