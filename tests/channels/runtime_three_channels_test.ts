/**
 * Three channels at once in one gateway (Telegram, Slack, Mattermost),
 * each against its stand-in: every one answers its own sender in its own
 * conversation, and the agent sees three separate origins.
 */
import assert from "node:assert/strict";
import {
  dm,
  GOOD_MATTERMOST_TOKEN,
  GOOD_SLACK_APP_TOKEN,
  GOOD_SLACK_TOKEN,
  GOOD_TELEGRAM_TOKEN,
  telegramStandIn,
} from "./standins.ts";
import { slackDm, slackSocketStandIn } from "./standins/slack.ts";
import { mattermostStandIn, mmId, mmPost } from "./standins/mattermost.ts";
import { runChannels } from "./runtime-harness.ts";

Deno.test("three channels in one gateway: each answers its sender in its own conversation", async () => {
  await using tg = telegramStandIn();
  await using slack = slackSocketStandIn();
  await using mm = mattermostStandIn();
  const open = { dmPolicy: "open" };
  await using run = await runChannels({
    gateway: true,
    config: {
      channels: {
        telegram: { botToken: GOOD_TELEGRAM_TOKEN, ...open },
        slack: { botToken: GOOD_SLACK_TOKEN, appToken: GOOD_SLACK_APP_TOKEN, ...open },
        mattermost: { botToken: GOOD_MATTERMOST_TOKEN, baseUrl: mm.base, ...open },
      },
    },
    apiBase: { telegram: tg.base, slack: slack.base },
  });
  for (const id of ["telegram", "slack", "mattermost"]) await run.waitForState(id, "running");
  assert.deepEqual(run.started.sort(), ["mattermost", "slack", "telegram"]);

  // One at a time: the fake agent's scripted replies are taken in order.
  run.agent.reply("for telegram");
  tg.push(dm(4242, "hi from telegram"));
  assert.equal(String((await tg.waitForSend((m) => m.text === "for telegram")).chat_id), "4242");
  run.agent.reply("for slack");
  slack.push(slackDm("U0ALICE01", "hi from slack"));
  assert.equal((await slack.waitForPost((p) => p.text === "for slack")).channel, "D0DM00001");
  run.agent.reply("for mattermost");
  mm.push({ channelType: "D", post: mmPost(mmId("alice"), mmId("dm"), "hi from mattermost") });
  assert.equal(
    (await mm.waitForPost((p) => p.message === "for mattermost")).channel_id,
    mmId("dm"),
  );

  assert.deepEqual(run.agent.requests.map((r) => r.origin), [
    { surface: "telegram", peerId: "4242" },
    { surface: "slack", peerId: "U0ALICE01" },
    { surface: "mattermost", peerId: mmId("alice") },
  ]);
  // The gateway's board (behind channels.status) has all three running, each with a last message.
  const board = run.board.snapshot().filter((s) => s.state === "running" && s.lastMessageAt);
  assert.deepEqual(board.map((s) => s.channel).sort(), ["mattermost", "slack", "telegram"]);
});
