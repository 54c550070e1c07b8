/**
 * Secrets without command-line flags (issue 12, minor 24): flags are visible
 * to every local user in `ps`, so every secret flag of onboard, configure,
 * channels add and gateway run has an environment-variable twin, and
 * --secrets-file <path|-> carries those variables from a file or stdin.
 */
import assert from "node:assert/strict";
import { allOutput, readJson, runCli, TEST_API_KEY } from "./cli.ts";
import { tempDir } from "../helpers/host.ts";
import { GOOD_TELEGRAM_TOKEN, telegramStandIn } from "../channels/standins.ts";

const BASE = ["onboard", "--non-interactive", "--accept-risk", "--auth-choice", "apiKey"];
const GATEWAY_TOKEN = "gw-token-from-the-environment-0123456789";

function authProfiles(home: string) {
  return readJson(`${home}/.openclaw/agents/main/agent/auth-profiles.json`);
}

function profileKey(store: { profiles: Record<string, { key?: string }> }): string | undefined {
  return store.profiles["anthropic:default"]?.key;
}

Deno.test("onboard: every secret comes from its environment variable, none on the command line", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const r = await runCli([...BASE, "--channels", "telegram", "--skip-health", "--json"], {
    home: home.path,
    env: {
      ANTHROPIC_API_KEY: TEST_API_KEY,
      OPENCLAW_GATEWAY_TOKEN: GATEWAY_TOKEN,
      TELEGRAM_BOT_TOKEN: GOOD_TELEGRAM_TOKEN,
      OPENCLAW_TELEGRAM_API_BASE: api.base,
    },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(profileKey(await authProfiles(home.path)), TEST_API_KEY);
  const config = await readJson(`${home.path}/.openclaw/openclaw.json`);
  assert.equal(config.gateway.auth.token, GATEWAY_TOKEN);
  assert.equal(config.channels.telegram.botToken, GOOD_TELEGRAM_TOKEN);
  for (const secret of [TEST_API_KEY, GATEWAY_TOKEN, GOOD_TELEGRAM_TOKEN]) {
    assert.ok(!allOutput(r).includes(secret), "a secret was printed");
  }
});

Deno.test("onboard: a channel's variable alone does not pick the channel", async () => {
  await using home = await tempDir();
  const r = await runCli([...BASE, "--skip-health", "--json"], {
    home: home.path,
    env: { ANTHROPIC_API_KEY: TEST_API_KEY, TELEGRAM_BOT_TOKEN: GOOD_TELEGRAM_TOKEN },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await readJson(`${home.path}/.openclaw/openclaw.json`)).channels, undefined);
});

Deno.test("onboard --secrets-file: NAME=value lines from a file or from stdin (-)", async () => {
  const file = [
    "# secrets for onboarding",
    `export ANTHROPIC_API_KEY="${TEST_API_KEY}"`,
    "",
    `OPENCLAW_GATEWAY_TOKEN=${GATEWAY_TOKEN}\r`,
  ].join("\n");
  // From a file.
  await using home = await tempDir();
  await Deno.writeTextFile(`${home.path}/secrets.env`, file, { mode: 0o600 });
  let r = await runCli([...BASE, "--skip-health", "--secrets-file", "secrets.env"], {
    home: home.path,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(profileKey(await authProfiles(home.path)), TEST_API_KEY);
  assert.equal(
    (await readJson(`${home.path}/.openclaw/openclaw.json`)).gateway.auth.token,
    GATEWAY_TOKEN,
  );

  // From stdin.
  await using home2 = await tempDir();
  r = await runCli([...BASE, "--skip-health", "--secrets-file", "-"], {
    home: home2.path,
    stdin: file,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(profileKey(await authProfiles(home2.path)), TEST_API_KEY);

  // A name that is no secret's variable is a usage error (a typo would otherwise go unnoticed).
  r = await runCli([...BASE, "--skip-health", "--secrets-file", "-"], {
    home: home2.path,
    stdin: "ANTHROPIC_APIKEY=x\n",
  });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /--secrets-file: ANTHROPIC_APIKEY \(line 1\) is not .*ANTHROPIC_API_KEY/s);
  assert.ok(!r.stderr.includes("=x"), "the value was echoed");
});

Deno.test("--help of every command with secret flags says flags are visible and names the alternatives", async () => {
  await using home = await tempDir();
  for (const cmd of [["onboard"], ["configure"], ["channels", "add"], ["gateway", "run"]]) {
    const r = await runCli([...cmd, "--help"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    const text = r.stdout.replace(/\s+/g, " ");
    assert.match(text, /visible to other local users/, cmd.join(" "));
    assert.match(text, /--secrets-file <path\|->/, cmd.join(" "));
  }
  const onboard = (await runCli(["onboard", "--help"], { home: home.path })).stdout
    .replace(/\s+/g, " ");
  for (const env of ["$OPENCLAW_GATEWAY_TOKEN", "$TELEGRAM_BOT_TOKEN", "$OPENCLAW_REMOTE_TOKEN"]) {
    assert.ok(onboard.includes(env), `onboard --help does not name ${env}`);
  }
});

Deno.test("onboard --list-secret-flags: each secret flag with its variable, for install.sh", async () => {
  await using home = await tempDir();
  const r = await runCli(["onboard", "--list-secret-flags"], { home: home.path });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  for (
    const want of [
      "--anthropic-api-key ANTHROPIC_API_KEY",
      "--custom-api-key CUSTOM_API_KEY",
      "--gateway-token OPENCLAW_GATEWAY_TOKEN",
      "--gateway-password OPENCLAW_GATEWAY_PASSWORD",
      "--remote-token OPENCLAW_REMOTE_TOKEN",
      "--token OPENCLAW_AUTH_TOKEN",
      "--telegram-bot-token TELEGRAM_BOT_TOKEN",
      "--msteams-app-password MSTEAMS_APP_PASSWORD",
    ]
  ) assert.ok(lines.includes(want), `missing "${want}" in:\n${r.stdout}`);
  for (const line of lines) assert.match(line, /^--[a-z0-9-]+ [A-Z][A-Z0-9_]*$/);
});

Deno.test("channels add and configure take channel and gateway secrets from the environment", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const env = { TELEGRAM_BOT_TOKEN: GOOD_TELEGRAM_TOKEN, OPENCLAW_TELEGRAM_API_BASE: api.base };
  const add = await runCli(["channels", "add", "telegram", "--non-interactive"], {
    home: home.path,
    env,
  });
  assert.equal(add.code, 0, add.stderr);
  const config = await readJson(`${home.path}/.openclaw/openclaw.json`);
  assert.equal(config.channels.telegram.botToken, GOOD_TELEGRAM_TOKEN);

  const conf = await runCli([
    "configure",
    "--section",
    "gateway",
    "--non-interactive",
    "--gateway-auth",
    "token",
  ], { home: home.path, env: { OPENCLAW_GATEWAY_TOKEN: GATEWAY_TOKEN } });
  assert.equal(conf.code, 0, conf.stderr);
  assert.equal(
    (await readJson(`${home.path}/.openclaw/openclaw.json`)).gateway.auth.token,
    GATEWAY_TOKEN,
  );
});

Deno.test("a missing secret names its variable as well as its flag", async () => {
  await using home = await tempDir();
  const r = await runCli([...BASE, "--channels", "telegram", "--skip-health"], {
    home: home.path,
    env: { ANTHROPIC_API_KEY: TEST_API_KEY },
  });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /--telegram-bot-token <token> +\(.*or set \$TELEGRAM_BOT_TOKEN\)/);
});
