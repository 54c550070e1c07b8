/**
 * The onboarding flow driven by a scripted prompter against a temp HOME:
 * which questions are asked, what the plan writes, "← Back", and the rules
 * of the gateway step.
 */
import assert from "node:assert/strict";
import { runOnboard } from "../../lib/onboard/run.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { answersFromOptions } from "../../lib/onboard/questions.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { readConfigFile } from "../../lib/config/store.ts";
import {
  SCRIPT_BACK,
  SCRIPT_CANCEL,
  ScriptedPrompter,
  sequence,
} from "../../lib/wizard/scripted-prompter.ts";
import { FlagsPrompter } from "../../lib/wizard/flags-prompter.ts";
import { PresetPrompter } from "../../lib/wizard/preset-prompter.ts";
import {
  ActionableError,
  CancelledError,
  MissingAnswersError,
  UsageError,
} from "../../lib/errors.ts";
import type { Prompter } from "../../lib/wizard/prompter.ts";
import { tempDir, testHost } from "../helpers/host.ts";

const KEY = "sk-ant-api03-test-key-0123456789";

async function onboard(
  home: string,
  prompter: Prompter,
  raw: Record<string, unknown> = {},
  env = {},
) {
  // No live key check here (it would reach the internet): tests/auth/ covers it on 127.0.0.1.
  const host = testHost({ home, env: { OPENCLAW_SKIP_AUTH_CHECK: "1", ...env } });
  const paths = resolvePaths(host);
  // The health check (a real gateway on the configured port) has tests of its own.
  const options = parseOnboardOptions({ skipHealth: true, ...raw });
  const code = await runOnboard({ host, paths, options, prompter, command: "onboard" });
  const config = await readConfigFile(paths.configPath);
  // deno-lint-ignore no-explicit-any -- the config as parsed JSON, read field by field below
  return { code, host, paths, config: config.data as Record<string, any> };
}

Deno.test("quickstart asks only the essential questions and writes the plan", async () => {
  await using home = await tempDir();
  const p = new ScriptedPrompter({
    "risk.accept": true,
    "channels.select": [],
    flow: "quickstart",
    "auth.provider": "anthropic",
    "auth.method": "apiKey",
    "auth.anthropicApiKey": KEY,
  });
  const { code, config, paths } = await onboard(home.path, p);
  assert.equal(code, 0);
  assert.deepEqual(p.asked, [
    "risk.accept",
    "flow",
    "auth.provider",
    "auth.method",
    "auth.anthropicApiKey",
    "channels.select",
  ]);
  assert.ok(
    p.transcript.some((t) => t.kind === "note" && t.title === "QuickStart gateway settings"),
  );
  assert.equal(config.gateway.port, 18789);
  assert.equal(config.gateway.bind, "loopback");
  assert.equal(config.gateway.auth.mode, "token");
  assert.match(config.gateway.auth.token, /^[0-9a-f]{48}$/);
  assert.equal(config.agents.defaults.workspace, `${home.path}/.openclaw/workspace`);
  const profiles = JSON.parse(
    await Deno.readTextFile(`${paths.agentsDir}/main/agent/auth-profiles.json`),
  );
  assert.equal(profiles.profiles["anthropic:default"].key, KEY);
});

Deno.test("advanced asks the gateway questions and validates each answer", async () => {
  await using home = await tempDir();
  const p = new ScriptedPrompter({
    "risk.accept": true,
    "channels.select": [],
    flow: "advanced",
    "auth.provider": "skip",
    workspace: "~/agent-ws",
    "gateway.port": sequence("0", "70000", "19000"),
    "gateway.bind": "custom",
    "gateway.customBindHost": sequence("not a host!", "192.168.1.10"),
    "daemon.install": false,
    "gateway.auth": "password",
    "gateway.password": sequence("short", "long-enough-password"),
    "gateway.tailscale": "off",
    "skills.nodeManager": "npm",
    "skills.install": [],
  });
  const { config } = await onboard(home.path, p);
  const invalid = p.transcript.filter((t) => t.kind === "invalid").map((t) => t.id);
  assert.deepEqual(invalid, [
    "gateway.port",
    "gateway.port",
    "gateway.customBindHost",
    "gateway.password",
  ]);
  assert.deepEqual(config.gateway, {
    mode: "local",
    port: 19000,
    bind: "custom",
    customBindHost: "192.168.1.10",
    auth: { mode: "password", password: "long-enough-password" },
    tailscale: { mode: "off" },
  });
  assert.equal(config.agents.defaults.workspace, `${home.path}/agent-ws`);
  // "none" is not offered once the bind leaves loopback.
  const authOffer = p.transcript.find((t) => t.id === "gateway.auth")!.offered as {
    options: string[];
  };
  assert.deepEqual(authOffer.options, ["token", "password"]);
});

Deno.test("← Back re-asks the previous question with its answer kept", async () => {
  await using home = await tempDir();
  const p = new ScriptedPrompter({
    "risk.accept": true,
    "channels.select": [],
    flow: sequence("advanced", "quickstart"),
    "auth.provider": sequence(SCRIPT_BACK, "skip"),
  });
  const { code, config } = await onboard(home.path, p);
  assert.equal(code, 0);
  const flowAsks = p.transcript.filter((t) => t.id === "flow");
  assert.equal(flowAsks.length, 2);
  assert.equal((flowAsks[1].offered as { initialValue: string }).initialValue, "advanced");
  assert.equal(flowAsks[0].allowBack, true);
  // The risk question was answered once and replayed silently, not asked again.
  assert.equal(p.transcript.filter((t) => t.id === "risk.accept").length, 1);
  assert.equal(config.gateway.port, 18789);
});

Deno.test("cancel at any question writes nothing", async () => {
  await using home = await tempDir();
  const p = new ScriptedPrompter({
    "risk.accept": true,
    "channels.select": [],
    flow: "quickstart",
    "auth.provider": SCRIPT_CANCEL,
  });
  await assert.rejects(onboard(home.path, p), CancelledError);
  assert.deepEqual([...Deno.readDirSync(home.path)], []);
});

Deno.test("declining the risk note cancels", async () => {
  await using home = await tempDir();
  await assert.rejects(
    onboard(home.path, new ScriptedPrompter({ "risk.accept": false })),
    CancelledError,
  );
});

Deno.test("auth none on loopback needs an explicit yes after a warning", async () => {
  await using home = await tempDir();
  const p = new ScriptedPrompter({
    "risk.accept": true,
    "channels.select": [],
    flow: "advanced",
    "auth.provider": "skip",
    workspace: "~/.openclaw/workspace",
    "gateway.port": "18789",
    "gateway.bind": "loopback",
    "gateway.auth": sequence("none", "none"),
    "gateway.authNoneConfirm": sequence(false, true),
    "daemon.install": false,
    "gateway.tailscale": "off",
    "skills.nodeManager": "npm",
    "skills.install": [],
  });
  const { config } = await onboard(home.path, p);
  assert.equal(p.transcript.filter((t) => t.kind === "note" && t.title === "Auth off").length, 2);
  assert.equal(config.gateway.auth.mode, "none");
  assert.equal(config.gateway.auth.token, undefined);
});

Deno.test("non-interactive: every missing flag is named at once, nothing written", async () => {
  await using home = await tempDir();
  try {
    await onboard(home.path, new FlagsPrompter(new Map(), () => {}));
    assert.fail("should have thrown");
  } catch (e) {
    assert.ok(e instanceof MissingAnswersError, String(e));
    // The recommended auth path is assumed, so its key is named too.
    assert.deepEqual(e.flags, [
      "--accept-risk",
      "--auth-choice <id>",
      "--anthropic-api-key <key>",
    ]);
    assert.equal(e.exitCode, 2);
  }
  assert.deepEqual([...Deno.readDirSync(home.path)], []);
});

Deno.test("non-interactive: ANTHROPIC_API_KEY stands in for the flag", async () => {
  await using home = await tempDir();
  const raw = { acceptRisk: true, nonInteractive: true };
  const p = new FlagsPrompter(answersFromOptions(parseOnboardOptions(raw)), () => {});
  const { paths } = await onboard(home.path, p, raw, { ANTHROPIC_API_KEY: KEY });
  const profiles = await Deno.readTextFile(`${paths.agentsDir}/main/agent/auth-profiles.json`);
  assert.match(profiles, new RegExp(KEY));
});

Deno.test("non-interactive gateway rules: lan without auth, funnel without password, bad port", async () => {
  for (
    const [flags, pattern] of [
      [{ gatewayBind: "lan", gatewayAuth: "none" }, /only allowed with --gateway-bind loopback/],
      [{ tailscale: "funnel" }, /requires --gateway-auth password/],
      [{ gatewayPort: "99999" }, /--gateway-port <port>: A port is a whole number/],
      [{ gatewayBind: "custom" }, /--gateway-custom-bind-host/],
    ] as const
  ) {
    await using home = await tempDir();
    const raw = { acceptRisk: true, nonInteractive: true, authChoice: "skip", ...flags };
    const p = new FlagsPrompter(answersFromOptions(parseOnboardOptions(raw)), () => {});
    await assert.rejects(onboard(home.path, p, raw), (e: Error) => {
      assert.ok(e instanceof UsageError, `${JSON.stringify(flags)}: ${e}`);
      assert.match(e.message, pattern);
      return true;
    });
    assert.deepEqual([...Deno.readDirSync(home.path)], [], "nothing written");
  }
});

Deno.test("re-run: Keep asks nothing already set; Modify offers current values", async () => {
  await using home = await tempDir();
  const first = new ScriptedPrompter({
    "risk.accept": true,
    "channels.select": [],
    flow: "quickstart",
    "auth.provider": "anthropic",
    "auth.method": "apiKey",
    "auth.anthropicApiKey": KEY,
  });
  const { config: before } = await onboard(home.path, first);

  const keep = new ScriptedPrompter({
    "config.existing": "keep",
    "risk.accept": true,
    flow: "advanced",
  });
  const { config: kept } = await onboard(home.path, keep);
  assert.deepEqual(keep.asked, ["config.existing", "risk.accept"]);
  assert.equal(kept.gateway.auth.token, before.gateway.auth.token);

  const modify = new ScriptedPrompter({
    "config.existing": "modify",
    "risk.accept": true,
    "channels.select": [],
    flow: "advanced",
    "auth.provider": "existing",
    workspace: "~/.openclaw/workspace",
    "gateway.port": "18790",
    "gateway.bind": "loopback",
    "gateway.auth": "token",
    "gateway.token": "",
    "gateway.tailscale": "off",
    "skills.nodeManager": "npm",
    "skills.install": [],
    "daemon.install": false,
  });
  const { config: modified } = await onboard(home.path, modify);
  const portAsk = modify.transcript.find((t) => t.id === "gateway.port")!;
  assert.equal((portAsk.offered as { initialValue: string }).initialValue, "18789");
  assert.equal(modified.gateway.port, 18790);
  assert.equal(
    modified.gateway.auth.token,
    before.gateway.auth.token,
    "empty token answer keeps the token",
  );
});

Deno.test("an invalid existing config stops the wizard and points at doctor", async () => {
  await using home = await tempDir();
  await Deno.mkdir(`${home.path}/.openclaw`);
  const broken = '{ "gateway": { "port": "eighty" } }';
  await Deno.writeTextFile(`${home.path}/.openclaw/openclaw.json`, broken);
  await assert.rejects(onboard(home.path, new ScriptedPrompter({})), (e: Error) => {
    assert.ok(e instanceof ActionableError);
    assert.match(e.message, /gateway\.port/);
    assert.match(e.message, /openclaw doctor/);
    return true;
  });
  assert.equal(await Deno.readTextFile(`${home.path}/.openclaw/openclaw.json`), broken);
});

Deno.test("flags pre-answer questions of an interactive run", async () => {
  await using home = await tempDir();
  const raw = { gatewayPort: "19999", flow: "advanced" };
  const script = new ScriptedPrompter({
    "risk.accept": true,
    "channels.select": [],
    "auth.provider": "skip",
    workspace: "~/w",
    "gateway.bind": "loopback",
    "gateway.auth": "token",
    "gateway.token": "",
    "gateway.tailscale": "off",
    "skills.nodeManager": "npm",
    "skills.install": [],
    "daemon.install": false,
  });
  const p = new PresetPrompter(script, answersFromOptions(parseOnboardOptions(raw)));
  const { config } = await onboard(home.path, p, raw);
  assert.ok(!script.asked.includes("gateway.port"));
  assert.ok(!script.asked.includes("flow"));
  assert.equal(config.gateway.port, 19999);
});
