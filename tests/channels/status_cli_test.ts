/**
 * `openclaw channels status` and `status --deep` as a user runs them,
 * against a real `gateway run` whose Telegram channel talks to the Bot API
 * stand-in: running with the bot's name, the last message, the pairing
 * request waiting; a second gateway-less run says what it can and exits 1.
 */
import assert from "node:assert/strict";
import { readJson, runCli } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { gatewayArgv, spawnGateway } from "../gateway/harness.ts";
import { freePort } from "../helpers/ports.ts";
import { onboarded } from "../helpers/onboarded.ts";
import { dm, GOOD_TELEGRAM_TOKEN, telegramStandIn } from "./standins.ts";

async function withTelegram(home: string, extra: Record<string, unknown> = {}): Promise<void> {
  const path = `${home}/.openclaw/openclaw.json`;
  const config = await readJson(path);
  config.channels = { telegram: { botToken: GOOD_TELEGRAM_TOKEN }, ...extra };
  await Deno.writeTextFile(path, JSON.stringify(config, null, 2));
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

Deno.test("channels status: running with the bot's name, last message, pairing waiting; disabled shown", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const port = freePort();
  await onboarded(home.path, { gatewayPort: String(port) });
  await withTelegram(home.path, { discord: { token: "x", enabled: false } });
  const env = { OPENCLAW_TELEGRAM_API_BASE: api.base };
  await using gw = await spawnGateway(home.path, gatewayArgv([]), env);
  api.push(dm(4242, "hello"));
  await api.waitForSend((m) => String(m.chat_id) === "4242", 15_000);

  const text = await runCli(["channels", "status"], { home: home.path });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /telegram\s+running \(@claw_test_bot\) · last message \d+s ago/);
  assert.match(text.stdout, /1 pairing request waiting: \S.* pairing list telegram\n/);
  assert.match(text.stdout, /discord\s+disabled \(enabled: false in the config\)\n/);

  const json = JSON.parse(
    (await runCli(["channels", "status", "--json"], { home: home.path })).stdout,
  );
  assert.equal(json.ok, true);
  const tg = json.channels.find((c: { channel: string }) => c.channel === "telegram");
  assert.equal(tg.live.state, "running");
  assert.equal(tg.pendingPairing, 1);

  const deep = await runCli(["status", "--deep"], { home: home.path });
  assert.equal(deep.code, 0, deep.stderr);
  assert.match(deep.stdout, /Channels in the gateway:\n\s+telegram\s+running/);
  assert.equal(await gw.stop("SIGTERM"), 0);
  assert.ok(!gw.stderr().includes(GOOD_TELEGRAM_TOKEN), "the token is never logged");
});

Deno.test("channels status: a rejected token shows stopped and why; no gateway: local view and exit 1", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const port = freePort();
  await onboarded(home.path, { gatewayPort: String(port) });
  await withTelegram(home.path);
  const config = await readJson(`${home.path}/.openclaw/openclaw.json`);
  config.channels.telegram.botToken = "999:revoked-token-xxxxxxxxxxxxxxxxxxxxxxx";
  await Deno.writeTextFile(`${home.path}/.openclaw/openclaw.json`, JSON.stringify(config));
  {
    await using gw = await spawnGateway(home.path, gatewayArgv([]), {
      OPENCLAW_TELEGRAM_API_BASE: api.base,
    });
    let out = "";
    await until(async () => {
      out = (await runCli(["channels", "status"], { home: home.path })).stdout;
      return out.includes("stopped");
    }, "the channel to stop");
    assert.match(out, /telegram\s+stopped \(Telegram rejected the bot token \(401\)/);
    assert.match(gw.stderr(), /telegram: error: Telegram rejected the bot token/);
    // The gateway itself keeps running.
    assert.equal((await runCli(["health"], { home: home.path })).code, 0);
    await gw.stop("SIGTERM");
  }
  const none = await runCli(["channels", "status", "--timeout", "3000"], { home: home.path });
  assert.equal(none.code, 1);
  assert.match(none.stdout, /telegram\s+unknown \(gateway not running\)/);
  assert.match(none.stderr, /The gateway is not running/);
  assert.match(none.stderr, /Start it with: \S.* gateway run\n/);
});
