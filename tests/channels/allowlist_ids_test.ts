/**
 * Allowlists match platform ids, never display names (issue 12, critical 1).
 * A Bot API stand-in on 127.0.0.1 delivers DMs from senders who chose their
 * names to look like an allowlisted "@alice"; none gets through, the
 * numeric id does. Setup resolves @usernames where Telegram can and says
 * plainly when it cannot.
 */
import assert from "node:assert/strict";
import type { TelegramEvent } from "../../lib/channels/telegram/runtime.ts";
import { SENDER_ID_RULES, unresolvedEntries } from "../../lib/channels/sender-ids.ts";
import { tempDir } from "../helpers/host.ts";
import { add } from "./add.ts";
import {
  discordStandIn,
  dmFrom,
  GOOD_DISCORD_TOKEN,
  GOOD_SLACK_TOKEN,
  GOOD_TELEGRAM_TOKEN,
  slackStandIn,
  telegramChannelOn,
  telegramStandIn,
  waitFor,
} from "./standins.ts";

/** The three look-alikes of "@alice": a first name with @, a bare first name, a real username. */
const LOOKALIKES = [
  { id: 901, first_name: "@alice" },
  { id: 902, first_name: "alice" },
  { id: 903, first_name: "Alice", username: "alice" },
];

for (const policy of ["allowlist", "pairing"] as const) {
  Deno.test(`telegram runtime (${policy}): an allowFrom "@alice" lets no look-alike in; the numeric id gets in`, async () => {
    await using home = await tempDir();
    await using api = telegramStandIn();
    const { channel: ch, accepted, events } = telegramChannelOn(home.path, api, {
      channels: {
        telegram: { botToken: GOOD_TELEGRAM_TOKEN, dmPolicy: policy, allowFrom: ["@alice", 904] },
      },
    });
    try {
      for (const from of LOOKALIKES) api.push(dmFrom(from, "let me in"));
      api.push(dmFrom({ id: 904, first_name: "Bob" }, "by id"));
      // Every sender was handled one way or another before judging.
      const sender = (e: TelegramEvent) =>
        e.type === "accepted" ? e.message.senderId : "senderId" in e ? e.senderId : undefined;
      for (const id of ["901", "902", "903", "904"]) await waitFor(events, (e) => sender(e) === id);
      assert.deepEqual(accepted.map((m) => m.senderId), ["904"]);
      if (policy === "allowlist") {
        const ignored = events.find((e) => e.type === "ignored" && e.senderId === "901");
        assert.match(
          ignored?.type === "ignored" ? ignored.reason : "",
          /@alice .*never match/,
          "the log says why the @name entry did not match",
        );
      }
    } finally {
      await ch.stop();
    }
  });
}

Deno.test("sender id rules: ids per platform, names are never ids", () => {
  const yes: [keyof typeof SENDER_ID_RULES, string][] = [
    ["telegram", "123456789"],
    ["whatsapp", "+15551234567"],
    ["signal", "+15551234567"],
    ["discord", "111111111111111111"],
    ["slack", "U0JANE001"],
    ["matrix", "@jane:example.org"],
    ["msteams", "99999999-8888-7777-6666-555555555555"],
    ["imessage", "jane@icloud.com"],
    ["bluebubbles", "+15551234567"],
    ["googlechat", "users/1234567890"],
    ["mattermost", "abcdefghijklmnopqrstuvwxyz"],
  ];
  for (const [ch, id] of yes) assert.ok(SENDER_ID_RULES[ch].isId(id), `${ch}: ${id}`);
  const no: [keyof typeof SENDER_ID_RULES, string][] = [
    ["telegram", "@alice"],
    ["telegram", "alice"],
    ["telegram", "+15551234567"],
    ["whatsapp", "+1555abc"],
    ["signal", "Alice"],
    ["discord", "@jane"],
    ["slack", "jane doe"],
    ["matrix", "jane"],
    ["msteams", "jane@contoso.com"],
    ["imessage", "Jane"],
    ["mattermost", "@bob"],
    ["googlechat", "Jane Doe"],
  ];
  for (const [ch, name] of no) assert.ok(!SENDER_ID_RULES[ch].isId(name), `${ch}: ${name}`);
  assert.deepEqual(unresolvedEntries("telegram", ["*", 123, "@alice"]), ["@alice"]);
});

Deno.test("telegram setup: @names resolved with getChat where Telegram can; the rest kept with a true warning", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn(GOOD_TELEGRAM_TOKEN, {
    "@public_bob": { id: 5005, type: "private" },
    "@some_channel": { id: -1001234, type: "channel" },
  });
  const r = await add(home.path, "telegram", {
    botToken: GOOD_TELEGRAM_TOKEN,
    dmPolicy: "allowlist",
    allowFrom: "12345, @public_bob, @alice, @some_channel",
  }, { env: { OPENCLAW_TELEGRAM_API_BASE: api.base } });
  assert.deepEqual(r.config.channels.telegram.allowFrom, [
    "12345",
    "5005",
    "@alice",
    "@some_channel",
  ]);
  assert.ok(api.calls.includes("getChat"));
  assert.match(r.output, /@alice, @some_channel\. These will never match/);
  assert.match(r.output, /@some_channel is a channel, not a person/);
  assert.match(r.output, /openclaw pairing approve telegram/, "says how to learn the id");
  // The next step matches the policy: an allowlist sends no pairing codes.
  assert.match(r.plan.nextSteps?.join("\n") ?? "", /only the numeric ids/);
});

Deno.test("discord and slack setup resolve unique handles only, never display names", async () => {
  await using home = await tempDir();
  await using discord = discordStandIn([
    { id: "111111111111111111", username: "jane" },
    { id: "333333333333333333", username: "mallory", nick: "bobby", global_name: "Bobby" },
  ]);
  // A member whose server nickname is "jane" is not jane.
  const r = await add(home.path, "discord", {
    token: GOOD_DISCORD_TOKEN,
    dmPolicy: "allowlist",
    allowFrom: "@jane, bobby",
  }, {
    env: { OPENCLAW_DISCORD_API_BASE: discord.base },
  });
  assert.deepEqual(r.config.channels.discord.allowFrom, ["111111111111111111", "bobby"]);

  await using home2 = await tempDir();
  await using slack = slackStandIn([
    { id: "U0JANE001", name: "jane", real_name: "Jane Doe" },
    { id: "U0EVIL001", name: "mallory", real_name: "Bob Smith" },
  ]);
  const s = await add(home2.path, "slack", {
    botToken: GOOD_SLACK_TOKEN,
    dmPolicy: "allowlist",
    allowFrom: "@jane, Bob Smith",
  }, { env: { OPENCLAW_SLACK_API_BASE: slack.base } });
  assert.deepEqual(s.config.channels.slack.allowFrom, ["U0JANE001", "Bob Smith"]);
  assert.match(s.output, /Bob Smith/);
});

Deno.test("setup warnings are true: iMessage emails and Signal numbers are ids, not 'unresolved'", async () => {
  await using home = await tempDir();
  const r = await add(home.path, "imessage", {
    cliPath: "/bin/true",
    dmPolicy: "allowlist",
    allowFrom: "+15551234567, jane@icloud.com",
  }, { platform: "darwin" });
  assert.deepEqual(r.config.channels.imessage.allowFrom, ["+15551234567", "jane@icloud.com"]);
  assert.doesNotMatch(r.output, /not resolved|never match/);
});
