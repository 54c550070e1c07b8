/**
 * The channel commands as a user runs them (main.ts in a subprocess, temp
 * HOME): onboarding with channel flags, channels add/list/remove, pairing
 * errors, unknown channel ids — and no secret in any output.
 */
import assert from "node:assert/strict";
import { allOutput, exists, hasStackTrace, ONBOARD_FLAGS, readJson, runCli } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { GOOD_TELEGRAM_TOKEN, telegramStandIn } from "./standins.ts";
import { onboarded } from "../helpers/onboarded.ts";

Deno.test("onboard --non-interactive with --telegram-bot-token sets up Telegram (checked live)", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const r = await runCli([
    "onboard",
    ...ONBOARD_FLAGS,
    "--telegram-bot-token",
    GOOD_TELEGRAM_TOKEN,
    "--json",
  ], {
    home: home.path,
    env: { OPENCLAW_TELEGRAM_API_BASE: api.base },
  });
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.deepEqual(summary.channels, ["telegram"]);
  const config = await readJson(`${home.path}/.openclaw/openclaw.json`);
  assert.equal(config.channels.telegram.botToken, GOOD_TELEGRAM_TOKEN);
  assert.equal(config.channels.telegram.dmPolicy, "pairing");
  assert.ok(!allOutput(r).includes(GOOD_TELEGRAM_TOKEN), "the token is never printed");
  assert.match(r.stderr, /valid \(@claw_test_bot\)/);
});

Deno.test("onboard: --skip-channels asks nothing about channels; unknown ids and missing answers exit 2", async () => {
  await using home = await tempDir();
  const skipped = await runCli(["onboard", ...ONBOARD_FLAGS, "--skip-channels", "--json"], {
    home: home.path,
  });
  assert.equal(skipped.code, 0, skipped.stderr);
  assert.equal((await readJson(`${home.path}/.openclaw/openclaw.json`)).channels, undefined);

  await using fresh = await tempDir();
  const unknown = await runCli(["onboard", ...ONBOARD_FLAGS, "--channels", "telegram,icq"], {
    home: fresh.path,
  });
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.stderr,
    /--channels <ids>: unknown value icq; choose from telegram, whatsapp/,
  );
  const missing = await runCli(["onboard", ...ONBOARD_FLAGS, "--channels", "discord,bluebubbles"], {
    home: fresh.path,
    env: { OPENCLAW_DISCORD_API_BASE: "http://127.0.0.1:1" },
  });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--discord-token <token>/);
  assert.match(missing.stderr, /--bluebubbles-url <url>/);
  assert.match(missing.stderr, /--bluebubbles-password <password>/);
  assert.ok(!(await exists(`${fresh.path}/.openclaw/openclaw.json`)), "nothing written");
  assert.ok(!hasStackTrace(allOutput(unknown) + allOutput(missing)));
});

Deno.test("channels add / list / remove", async () => {
  await using home = await tempDir();
  const env = {
    OPENCLAW_TELEGRAM_API_BASE: "http://127.0.0.1:1",
    OPENCLAW_CHANNEL_CHECK_TIMEOUT_MS: "1000",
  };
  const add = await runCli([
    "channels",
    "add",
    "telegram",
    "--token",
    GOOD_TELEGRAM_TOKEN,
    "--non-interactive",
  ], {
    home: home.path,
    env,
  });
  assert.equal(add.code, 0, add.stderr);
  assert.match(allOutput(add), /could not reach 127\.0\.0\.1:1 \(offline\?\)/);
  assert.match(add.stdout, /Added Telegram \(channels\.telegram\)/);

  const bb = await runCli(
    [
      "channels",
      "add",
      "--channel",
      "bluebubbles",
      "--http-url",
      "http://127.0.0.1:1",
      "--password",
      "bb-secret-1",
      "--non-interactive",
    ],
    { home: home.path },
  );
  assert.equal(bb.code, 0, bb.stderr);

  const list = await runCli(["channels", "list"], { home: home.path });
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /Telegram \(telegram\)\n {2}DMs: pairing\n {2}botToken: …saw1/);
  assert.match(list.stdout, /BlueBubbles \(bluebubbles\)/);
  assert.ok(!list.stdout.includes(GOOD_TELEGRAM_TOKEN) && !list.stdout.includes("bb-secret-1"));
  const json = JSON.parse(
    (await runCli(["channels", "list", "--json", "--all"], { home: home.path })).stdout,
  );
  assert.deepEqual(json.channels.map((c: { id: string }) => c.id), ["telegram", "bluebubbles"]);
  assert.ok(json.available.includes("signal"));

  const wrongFlag = await runCli([
    "channels",
    "add",
    "--channel",
    "telegram",
    "--password",
    "x",
    "--non-interactive",
  ], {
    home: home.path,
  });
  assert.equal(wrongFlag.code, 2);
  assert.match(wrongFlag.stderr, /telegram does not use --password/);

  const disable = await runCli(["channels", "remove", "--channel", "telegram"], {
    home: home.path,
  });
  assert.equal(disable.code, 0, disable.stderr);
  assert.equal(
    (await readJson(`${home.path}/.openclaw/openclaw.json`)).channels.telegram.enabled,
    false,
  );
  const del = await runCli(["channels", "remove", "bluebubbles", "--delete"], { home: home.path });
  assert.equal(del.code, 0, del.stderr);
  const after = await readJson(`${home.path}/.openclaw/openclaw.json`);
  assert.deepEqual(Object.keys(after.channels), ["telegram"]);

  const unknown = await runCli(["channels", "remove", "--channel", "icq"], { home: home.path });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown channel "icq"/);
  const notSet = await runCli(["channels", "remove", "--channel", "discord"], { home: home.path });
  assert.equal(notSet.code, 2);
  assert.match(notSet.stderr, /discord is not set up \(set up: telegram\)/);
});

Deno.test("pairing: unknown channel, unknown and malformed codes, and the one-channel shortcut", async () => {
  await using home = await tempDir();
  const none = await runCli(["pairing", "list"], { home: home.path });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /No chat channel is set up/);
  const icq = await runCli(["pairing", "approve", "icq", "ABCDEFGH"], { home: home.path });
  assert.equal(icq.code, 2);
  assert.match(icq.stderr, /unknown channel "icq"/);

  await Deno.mkdir(`${home.path}/.openclaw`, { mode: 0o700 });
  await Deno.writeTextFile(
    `${home.path}/.openclaw/openclaw.json`,
    JSON.stringify({ channels: { telegram: { botToken: GOOD_TELEGRAM_TOKEN } } }),
  );
  const empty = await runCli(["pairing", "list"], { home: home.path });
  assert.equal(empty.code, 0, empty.stderr);
  assert.match(empty.stdout, /No telegram pairing requests are waiting/);
  const unknownCode = await runCli(["pairing", "approve", "ABCDEFGH"], { home: home.path });
  assert.equal(unknownCode.code, 1);
  assert.match(unknownCode.stderr, /No telegram pairing request has the code ABCDEFGH/);
  const malformed = await runCli(["pairing", "approve", "telegram", "12"], { home: home.path });
  assert.equal(malformed.code, 2);
  assert.match(malformed.stderr, /A pairing code is 8 letters and digits/);
  assert.ok(!hasStackTrace(allOutput(unknownCode) + allOutput(malformed)));
});

Deno.test("channels login --channel whatsapp: the real library runs; no server is a clear error", async () => {
  await using home = await tempDir();
  const r = await runCli(["channels", "login", "--channel", "whatsapp", "--account", "work"], {
    home: home.path,
    env: { OPENCLAW_WHATSAPP_WS_URL: "ws://127.0.0.1:1/ws/chat" },
  });
  assert.equal(r.code, 1, allOutput(r));
  assert.match(r.stderr, /WhatsApp was not linked: could not reach WhatsApp Web \(offline\?\)/);
  assert.ok(!hasStackTrace(allOutput(r)));
  assert.ok(await exists(`${home.path}/.openclaw/credentials/whatsapp/work`));
  const tg = await runCli(["channels", "login", "--channel", "telegram"], { home: home.path });
  assert.equal(tg.code, 2);
  assert.match(tg.stderr, /only whatsapp links by QR code/);
});

Deno.test("configure --section channels adds a channel to an existing setup", async () => {
  await using home = await tempDir();
  await onboarded(home.path, { skipChannels: true });
  const r = await runCli(
    [
      "configure",
      "--section",
      "channels",
      "--non-interactive",
      "--telegram-bot-token",
      GOOD_TELEGRAM_TOKEN,
    ],
    {
      home: home.path,
      env: {
        OPENCLAW_TELEGRAM_API_BASE: "http://127.0.0.1:1",
        OPENCLAW_CHANNEL_CHECK_TIMEOUT_MS: "1000",
      },
    },
  );
  assert.equal(r.code, 0, r.stderr);
  const config = await readJson(`${home.path}/.openclaw/openclaw.json`);
  assert.equal(config.channels.telegram.botToken, GOOD_TELEGRAM_TOKEN);
  assert.equal(config.gateway.port, 18789, "other sections are kept");
});
