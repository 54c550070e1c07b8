/**
 * Black box: a user who set up with the public OpenClaw CLI runs this
 * program on the same HOME. doctor passes with warnings, onboarding with
 * Keep leaves every key of theirs as it was (and imports their credentials
 * on --import-credentials), `agents list` shows their agents, the gateway
 * starts and `health` answers; a kept short remote token is kept, with a warning.
 */
import assert from "node:assert/strict";
import { readJson, runCli } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { closedPortUrl, freePort } from "../helpers/ports.ts";
import { gatewayArgv, spawnGateway } from "../gateway/harness.ts";
import {
  FIXTURE_GATEWAY_TOKEN,
  FIXTURE_PROFILES,
  PUBLIC_KEYS,
  publicCliConfigText,
  publicCliHome,
  sha256,
} from "./public-cli-fixture.ts";

const KEEP_FLAGS = [
  "--non-interactive",
  "--accept-risk",
  "--skip-health",
  "--skip-daemon",
  "--skip-skills",
  "--skip-channels",
  "--no-hello",
  "--skip-ui",
  // Accepted as the public CLI's (the gateway always does it).
  "--tailscale-reset-on-exit",
];

Deno.test("the public CLI's HOME: doctor, onboarding with Keep, agents list, gateway and health", async () => {
  await using home = await tempDir();
  const port = freePort();
  const { dbPath } = await publicCliHome(home.path, port);
  const configPath = `${home.path}/.openclaw/openclaw.json`;
  const original = JSON.parse(publicCliConfigText(port));
  const dbBefore = await sha256(dbPath);

  const doctor = await runCli(["doctor", "--non-interactive", "--json"], { home: home.path });
  assert.equal(doctor.code, 0, doctor.stdout + doctor.stderr);
  const report = JSON.parse(doctor.stdout);
  assert.equal(report.ok, true);
  assert.deepEqual(report.problems.filter((p: { severity: string }) => p.severity === "error"), []);
  const ids = new Set(report.problems.map((p: { id: string }) => p.id));
  assert.ok(ids.has("config-unknown-key") && ids.has("public-cli-credentials"), doctor.stdout);

  const onboard = await runCli(["onboard", ...KEEP_FLAGS, "--import-credentials"], {
    home: home.path,
  });
  assert.equal(onboard.code, 0, onboard.stdout + onboard.stderr);
  assert.match(onboard.stdout, /Model auth +kept \(anthropic:default\)/);
  assert.doesNotMatch(onboard.stdout, /Control UI, signed in/, "--skip-ui: no Control UI hint");
  const after = await readJson(configPath);
  for (const key of PUBLIC_KEYS) assert.deepEqual(after[key], original[key], key);
  assert.deepEqual(Object.keys(after).sort(), Object.keys(original).sort());
  const mainStore = `${home.path}/.openclaw/agents/main/agent/auth-profiles.json`;
  assert.equal((await Deno.stat(mainStore)).mode! & 0o777, 0o600);
  assert.deepEqual(
    (await readJson(mainStore)).profiles["openai:default"],
    FIXTURE_PROFILES["openai:default"],
  );
  assert.equal(await sha256(dbPath), dbBefore, "the public CLI's database is only read");
  assert.doesNotMatch(onboard.stdout + onboard.stderr, /sk-ant-api03|fixture-access-token/);

  const list = await runCli(["agents", "list", "--json"], { home: home.path });
  assert.equal(list.code, 0, list.stderr);
  assert.deepEqual(
    JSON.parse(list.stdout).map((a: { id: string; name: string }) => [a.id, a.name]),
    [["main", "Main"], ["work", "Work"]],
  );

  // Telegram is enabled in the file: its API points at a closed local port, never the internet.
  await using gw = await spawnGateway(home.path, gatewayArgv(), {
    OPENCLAW_TELEGRAM_API_BASE: closedPortUrl(),
  });
  assert.match(gw.stdout(), new RegExp(`Gateway running on ws://127\\.0\\.0\\.1:${port}/`));
  const health = await runCli(["health", "--json"], { home: home.path });
  assert.equal(health.code, 0, health.stdout + health.stderr);
  assert.equal(JSON.parse(health.stdout).health.pid, gw.child.pid);
  assert.equal(await gw.stop(), 0);
  assert.deepEqual((await readJson(configPath)).gateway.auth.token, FIXTURE_GATEWAY_TOKEN);
});

Deno.test("a kept remote token of one character is kept, with a warning", async () => {
  await using home = await tempDir();
  await Deno.mkdir(`${home.path}/.openclaw`, { recursive: true, mode: 0o700 });
  const configPath = `${home.path}/.openclaw/openclaw.json`;
  const url = closedPortUrl().replace("http:", "ws:");
  const config = { gateway: { mode: "remote", remote: { url, token: "x" } }, talk: { a: 1 } };
  await Deno.writeTextFile(configPath, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  const r = await runCli(["onboard", "--non-interactive", "--accept-risk", "--skip-health"], {
    home: home.path,
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout + r.stderr, /saved remote token is kept as it is.*at least 8 characters/s);
  const after = await readJson(configPath);
  assert.equal(after.gateway.remote.token, "x");
  assert.deepEqual(after.talk, { a: 1 });
  // A new token given now still goes through the rule for new input.
  const fresh = await runCli(
    ["onboard", "--non-interactive", "--accept-risk", "--skip-health", "--remote-token", "y"],
    { home: home.path },
  );
  assert.equal(fresh.code, 2, fresh.stdout + fresh.stderr);
  assert.match(fresh.stderr, /--remote-token.*at least 8 characters/);
});
