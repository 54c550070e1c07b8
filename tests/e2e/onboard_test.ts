/**
 * Black-box: a non-interactive `openclaw onboard` in a subprocess, against a
 * temp HOME. What it writes (contents and modes), what it prints (--json, no
 * secrets), and the flags and variables that move things elsewhere.
 */
import assert from "node:assert/strict";
import { modeOf, tempDir } from "../helpers/host.ts";
import {
  allOutput,
  exists,
  listDir,
  ONBOARD_FLAGS,
  readJson,
  runCli,
  TEST_API_KEY,
} from "./cli.ts";

const WORKSPACE_FILES = [
  "AGENTS.md",
  "BOOTSTRAP.md",
  "HEARTBEAT.md",
  "IDENTITY.md",
  "SOUL.md",
  "TOOLS.md",
  "USER.md",
];

function authProfilesPath(stateDir: string): string {
  return `${stateDir}/agents/main/agent/auth-profiles.json`;
}

Deno.test("onboard: writes the config, the key and the workspace with private modes", async () => {
  await using home = await tempDir();
  const before = Date.now();
  const r = await runCli(["onboard", ...ONBOARD_FLAGS], { home: home.path });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!allOutput(r).includes(TEST_API_KEY), "the API key was printed");

  const state = `${home.path}/.openclaw`;
  assert.equal(await modeOf(state), 0o700);
  assert.equal(await modeOf(`${state}/openclaw.json`), 0o600);
  const config = await readJson(`${state}/openclaw.json`);
  assert.equal(config.agents.defaults.workspace, `${state}/workspace`);
  assert.equal(config.agents.defaults.model, "anthropic/claude-sonnet-4-5");
  assert.equal(config.gateway.mode, "local");
  assert.equal(config.gateway.port, 18789);
  assert.equal(config.gateway.bind, "loopback");
  assert.equal(config.gateway.auth.mode, "token");
  assert.match(config.gateway.auth.token, /^[0-9a-f]{48}$/);
  assert.equal(config.gateway.tailscale.mode, "off");
  assert.equal(config.wizard.lastRunCommand, "onboard");
  assert.equal(config.wizard.lastRunMode, "local");
  assert.equal(typeof config.wizard.lastRunVersion, "string");
  const ranAt = Date.parse(config.wizard.lastRunAt);
  assert.ok(ranAt >= before - 1000 && ranAt <= Date.now() + 1000, config.wizard.lastRunAt);
  assert.ok(!allOutput(r).includes(config.gateway.auth.token), "the gateway token was printed");

  const profiles = authProfilesPath(state);
  assert.equal(await modeOf(profiles), 0o600);
  assert.equal(await modeOf(`${state}/agents/main/agent`), 0o700);
  assert.deepEqual((await readJson(profiles)).profiles["anthropic:default"], {
    type: "api_key",
    provider: "anthropic",
    key: TEST_API_KEY,
  });

  const ws = `${state}/workspace`;
  assert.deepEqual(await listDir(ws), [...WORKSPACE_FILES, "memory"].sort());
  for (const f of WORKSPACE_FILES) {
    assert.ok((await Deno.readTextFile(`${ws}/${f}`)).trim().length > 0, `${f} is empty`);
  }
  assert.ok((await Deno.stat(`${ws}/memory`)).isDirectory);
  assert.ok((await Deno.stat(`${state}/agents/main/sessions`)).isDirectory);
  assert.equal(await modeOf(`${state}/agents/main/sessions`), 0o700);
  // No lock or temp file is left behind.
  assert.deepEqual(await listDir(state), ["agents", "openclaw.json", "workspace"]);
});

Deno.test("onboard --json: a JSON summary on stdout and no secret anywhere", async () => {
  await using home = await tempDir();
  const r = await runCli(["onboard", ...ONBOARD_FLAGS, "--json"], { home: home.path });
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.ok, true);
  assert.equal(summary.mode, "local");
  assert.equal(summary.workspace, `${home.path}/.openclaw/workspace`);
  assert.equal(summary.authChoice, "apiKey");
  assert.deepEqual(summary.gateway, {
    port: 18789,
    bind: "loopback",
    authMode: "token",
    tailscaleMode: "off",
  });
  const token = (await readJson(`${home.path}/.openclaw/openclaw.json`)).gateway.auth.token;
  for (const secret of [TEST_API_KEY, token]) {
    assert.ok(!r.stdout.includes(secret), `stdout holds the secret ${secret}`);
    assert.ok(!r.stderr.includes(secret), `stderr holds the secret ${secret}`);
  }
});

Deno.test("onboard: the key from ANTHROPIC_API_KEY; --auth-choice skip writes no profile", async (t) => {
  await t.step("ANTHROPIC_API_KEY without the flag", async () => {
    await using home = await tempDir();
    const envKey = "sk-ant-env-1111111111111111111";
    const r = await runCli(["onboard", "--non-interactive", "--accept-risk"], {
      home: home.path,
      env: { ANTHROPIC_API_KEY: envKey },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!allOutput(r).includes(envKey));
    const profiles = await readJson(authProfilesPath(`${home.path}/.openclaw`));
    assert.equal(profiles.profiles["anthropic:default"].key, envKey);
  });

  await t.step("--auth-choice skip", async () => {
    await using home = await tempDir();
    const r = await runCli(
      ["onboard", "--non-interactive", "--accept-risk", "--auth-choice", "skip", "--json"],
      { home: home.path },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).authChoice, "skip");
    const state = `${home.path}/.openclaw`;
    assert.equal(await exists(authProfilesPath(state)), false);
    assert.equal(await exists(`${state}/agents/main/agent`), false);
    assert.ok(await exists(`${state}/agents/main/sessions`));
    const config = await readJson(`${state}/openclaw.json`);
    assert.equal(config.agents.defaults.model, undefined);
  });
});

Deno.test("onboard: custom gateway flags, --workspace with ~, --skip-bootstrap", async (t) => {
  await t.step("port, lan bind and password auth are written", async () => {
    await using home = await tempDir();
    const r = await runCli([
      "onboard",
      ...ONBOARD_FLAGS,
      "--gateway-port",
      "19001",
      "--gateway-bind",
      "lan",
      "--gateway-auth",
      "password",
      "--gateway-password",
      "s3cretpass",
      "--json",
    ], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!allOutput(r).includes("s3cretpass"), "the password was printed");
    assert.deepEqual(JSON.parse(r.stdout).gateway, {
      port: 19001,
      bind: "lan",
      authMode: "password",
      tailscaleMode: "off",
    });
    const gateway = (await readJson(`${home.path}/.openclaw/openclaw.json`)).gateway;
    assert.equal(gateway.port, 19001);
    assert.equal(gateway.bind, "lan");
    assert.deepEqual(gateway.auth, { mode: "password", password: "s3cretpass" });
    assert.deepEqual(gateway.tailscale, { mode: "off" });
  });

  await t.step(
    "--workspace ~/ws is expanded; --skip-bootstrap writes no first-run file",
    async () => {
      await using home = await tempDir();
      const r = await runCli(
        ["onboard", ...ONBOARD_FLAGS, "--workspace", "~/ws", "--skip-bootstrap"],
        { home: home.path },
      );
      assert.equal(r.code, 0, r.stderr);
      const config = await readJson(`${home.path}/.openclaw/openclaw.json`);
      assert.equal(config.agents.defaults.workspace, `${home.path}/ws`);
      assert.deepEqual(await listDir(`${home.path}/ws`), ["memory"]);
      assert.equal(await exists(`${home.path}/.openclaw/workspace`), false);
      assert.equal(await exists(`${home.path}/~`), false, "a literal ~ folder was created");
    },
  );
});

Deno.test("onboard: --profile, OPENCLAW_STATE_DIR and OPENCLAW_CONFIG_PATH move the state", async (t) => {
  await t.step("--profile work", async () => {
    await using home = await tempDir();
    const r = await runCli(["--profile", "work", "onboard", ...ONBOARD_FLAGS], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    const state = `${home.path}/.openclaw-work`;
    assert.deepEqual(await listDir(home.path), [".openclaw-work"]);
    assert.equal(await modeOf(state), 0o700);
    assert.equal(await modeOf(`${state}/openclaw.json`), 0o600);
    assert.equal(
      (await readJson(`${state}/openclaw.json`)).agents.defaults.workspace,
      `${state}/workspace`,
    );
    assert.ok(await exists(authProfilesPath(state)));
  });

  await t.step("OPENCLAW_STATE_DIR", async () => {
    await using home = await tempDir();
    const state = `${home.path}/elsewhere/state`;
    const r = await runCli(["onboard", ...ONBOARD_FLAGS], {
      home: home.path,
      env: { OPENCLAW_STATE_DIR: state },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await listDir(home.path), ["elsewhere"]);
    assert.equal(await modeOf(`${state}/openclaw.json`), 0o600);
    assert.equal(
      (await readJson(`${state}/openclaw.json`)).agents.defaults.workspace,
      `${state}/workspace`,
    );
    assert.ok(await exists(authProfilesPath(state)));
  });

  await t.step("OPENCLAW_CONFIG_PATH", async () => {
    await using home = await tempDir();
    const configPath = `${home.path}/cfg/my-openclaw.json`;
    const r = await runCli(["onboard", ...ONBOARD_FLAGS, "--json"], {
      home: home.path,
      env: { OPENCLAW_CONFIG_PATH: configPath },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).configPath, configPath);
    assert.equal(await modeOf(configPath), 0o600);
    assert.equal(await modeOf(`${home.path}/cfg`), 0o700);
    assert.equal((await readJson(configPath)).gateway.port, 18789);
    // The rest of the state stays in the default state dir.
    assert.equal(await exists(`${home.path}/.openclaw/openclaw.json`), false);
    assert.ok(await exists(authProfilesPath(`${home.path}/.openclaw`)));
  });
});
