/**
 * The finish screen's texts agree with what happened (issue 13, section 5):
 * kept channels stay in the summary and in the same-setup command, one row
 * per label, a ChatGPT sign-in repeats as something a non-interactive run
 * accepts, --model is honoured with --auth-choice skip, and the browser opens
 * on the Control UI only when a gateway will answer there.
 */
import assert from "node:assert/strict";
import { runOnboard } from "../../lib/onboard/run.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { readConfigFile } from "../../lib/config/store.ts";
import { ScriptedPrompter } from "../../lib/wizard/scripted-prompter.ts";
import { renderSummary } from "../../lib/onboard/report.ts";
import { emptyPlan } from "../../lib/plan/types.ts";
import { authEquivalentArgs } from "../../lib/auth/equivalent.ts";
import { equivalentArgs } from "../../lib/wizard/equivalent-command.ts";
import { AUTH_CHOICES } from "../../lib/auth/catalog.ts";
import type { ObtainedCredential } from "../../lib/auth/choices/types.ts";
import { channelFlags } from "../../lib/channels/equivalent.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import { allOutput, runCli } from "../e2e/cli.ts";
import { GOOD_SLACK_TOKEN, slackStandIn } from "../channels/standins.ts";
import { testGateway, TOKEN } from "../gateway/harness.ts";
import { freePort } from "../helpers/ports.ts";

const KEY = "sk-ant-api03-test-key-0123456789";

Deno.test("Keep: kept channels show in the summary and the same-setup command does not skip them", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path, env: { OPENCLAW_SKIP_AUTH_CHECK: "1" } });
  const paths = resolvePaths(host);
  const options = parseOnboardOptions({ skipHealth: true });
  const first = new ScriptedPrompter({
    "risk.accept": true,
    "channels.select": [],
    flow: "quickstart",
    "auth.provider": "anthropic",
    "auth.method": "apiKey",
    "auth.anthropicApiKey": KEY,
  });
  assert.equal(await runOnboard({ host, paths, options, prompter: first, command: "onboard" }), 0);
  // A channel set up since (by hand or `channels add`).
  const config = JSON.parse(await Deno.readTextFile(paths.configPath));
  config.channels = { telegram: { enabled: true, botToken: "123:abc" } };
  await Deno.writeTextFile(paths.configPath, JSON.stringify(config));
  host.out.length = 0;

  const keep = new ScriptedPrompter({ "config.existing": "keep", "risk.accept": true });
  assert.equal(await runOnboard({ host, paths, options, prompter: keep, command: "onboard" }), 0);
  const summary = keep.transcript.find((t) => t.kind === "note" && t.title === "Summary")!;
  assert.match(summary.message, /Channels +telegram \(kept\)/);
  const out = host.out.join("");
  assert.match(out, /The same setup without questions/);
  assert.doesNotMatch(out, /--skip-channels/);
  assert.ok((await readConfigFile(paths.configPath)).text.includes("123:abc"), "channel kept");
});

Deno.test("summary: a gateway started in the background is not a second Gateway row", () => {
  const plan = emptyPlan();
  plan.summary.gateway = { port: 1, bind: "loopback", authMode: "token", tailscaleMode: "off" };
  const text = renderSummary(plan, {
    configPath: "/h/.openclaw/openclaw.json",
    configChanged: true,
    trashed: [],
    workspaceCreated: [],
    daemon: { installed: false, background: "Started the gateway in the background" },
  } as never, "/h");
  assert.equal(text.match(/^Gateway /gm)?.length, 1, text);
  assert.match(text, /^Running +Started the gateway in the background/m);
});

Deno.test("equivalent: a ChatGPT sign-in repeats as --auth-choice skip (the saved login), never openai-codex", () => {
  const choice = AUTH_CHOICES.find((c) => c.id === "openai-codex")!;
  const cred = { choice, provider: "openai-codex", secrets: [] } as unknown as ObtainedCredential;
  const args = equivalentArgs(authEquivalentArgs(cred), (s) => s);
  assert.deepEqual(args.slice(0, 2), ["--auth-choice", "skip"]);
});

Deno.test("equivalent: a Mattermost plugin from a local folder is repeated with --mattermost-plugin", () => {
  const flags = channelFlags([
    { path: ["plugins", "entries", "mattermost", "enabled"], value: true },
    {
      path: ["plugins", "installs", "mattermost"],
      value: { source: "path", sourcePath: "/src/mm plugin", installPath: "/src/mm plugin" },
    },
    { path: ["channels", "mattermost", "enabled"], value: true },
    { path: ["channels", "mattermost", "botToken"], value: "tok" },
    { path: ["channels", "mattermost", "baseUrl"], value: "https://chat.example" },
  ], (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s}'`));
  const i = flags.indexOf("--mattermost-plugin");
  assert.ok(i >= 0, flags.join(" "));
  assert.equal(flags[i + 1], "'/src/mm plugin'");
});

Deno.test("--auth-choice skip keeps --model: it is written, not silently dropped", async () => {
  await using home = await tempDir();
  const r = await runCli([
    "onboard",
    "--non-interactive",
    "--accept-risk",
    "--auth-choice",
    "skip",
    "--model",
    "openai/gpt-5.1",
    "--skip-health",
    "--skip-channels",
    "--skip-skills",
  ], { home: home.path });
  assert.equal(r.code, 0, allOutput(r));
  const config = JSON.parse(await Deno.readTextFile(`${home.path}/.openclaw/openclaw.json`));
  assert.equal(config.agents.defaults.model, "openai/gpt-5.1");
});

Deno.test("Slack next step names onboarding's flag (--slack-app-token), and channels add's its own", async () => {
  await using home = await tempDir();
  await using api = slackStandIn();
  const r = await runCli([
    "onboard",
    "--non-interactive",
    "--accept-risk",
    "--auth-choice",
    "skip",
    "--channels",
    "slack",
    "--slack-bot-token",
    GOOD_SLACK_TOKEN,
    "--skip-health",
    "--skip-skills",
  ], { home: home.path, env: { OPENCLAW_SLACK_API_BASE: api.base } });
  assert.equal(r.code, 0, allOutput(r));
  assert.match(r.stdout, /add --slack-app-token for Socket Mode/);
  assert.doesNotMatch(r.stdout, /add --app-token/);
});

async function onboardOnDesktop(home: string, port: number) {
  const host = testHost({
    home,
    env: { OPENCLAW_SKIP_AUTH_CHECK: "1", DISPLAY: ":0", USER: "ada" },
    onPath: ["xdg-open"],
    runner: () => ({ code: 0, stdout: "", stderr: "" }),
  });
  const paths = resolvePaths(host);
  const options = parseOnboardOptions({ skipDaemon: true, skipSkills: true });
  const p = new ScriptedPrompter({
    "risk.accept": true,
    "channels.select": [],
    flow: "advanced",
    "auth.provider": "skip",
    workspace: "~/.openclaw/workspace",
    "gateway.port": String(port),
    "gateway.bind": "loopback",
    "gateway.auth": "token",
    "gateway.token": TOKEN,
    "gateway.tailscale": "off",
  });
  assert.equal(await runOnboard({ host, paths, options, prompter: p, command: "onboard" }), 0);
  const notes = p.transcript.map((t) => t.message).join("\n");
  return { opened: host.calls.some((c) => c.cmd === "xdg-open"), out: notes + host.out.join("") };
}

Deno.test("desktop: the browser opens on the Control UI only when a gateway will answer there", async () => {
  await using home = await tempDir();
  const port = freePort();
  // Nothing will run the gateway (no service, only the health check's own one).
  const alone = await onboardOnDesktop(home.path, port);
  assert.equal(alone.opened, false, "opened a browser on a gateway that is not running");
  assert.match(alone.out, /Start the gateway .*\n +openclaw gateway run/);

  // A gateway already runs there: the browser opens on it.
  await using home2 = await tempDir();
  await using _gw = await testGateway({ settings: { port } });
  const running = await onboardOnDesktop(home2.path, port);
  assert.equal(running.opened, true, running.out);
  assert.doesNotMatch(running.out, /Start the gateway/);
});
