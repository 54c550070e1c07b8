/**
 * The interactive wizard in a real terminal (tmux, 100x40), driven with keys
 * as a user would: `deno run -A main.ts onboard` under `env -i` with a temp
 * HOME. Each step waits for the active question (clack marks it with ◆) before
 * pressing anything, so no fixed sleeps. Skipped when tmux is missing.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { modeOf, tempDir } from "../helpers/host.ts";
import { cliEnv, hasTmux, startCli, TMUX_MISSING, type TmuxTerminal } from "./tmux.ts";
import {
  activeBlock,
  actUntil,
  choose,
  isLabel,
  pressUntil,
  selectOptions,
} from "./clack-screen.ts";
import { readConfigFile } from "../../lib/config/store.ts";
import { checkConfig } from "../../lib/config/validate.ts";
import { WORKSPACE_DIRS, WORKSPACE_FILES } from "../../lib/workspace/templates.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

if (!hasTmux) console.warn(TMUX_MISSING);

const RISK = "I understand the risks. Continue?";
const FLOW = "How do you want to set up?";
const AUTH = "Model and authentication";
const KEY = "Anthropic API key";
const EXISTING = "Found an existing config at ~/.openclaw/openclaw.json.";
const GATEWAY_QUESTIONS = [
  "Gateway port",
  "Which addresses should the gateway listen on?",
  "How should clients authenticate to the gateway?",
  "Expose the gateway with Tailscale?",
  "Gateway token",
];

/** The test key is a fake: no live check against the real provider. */
const childEnv = (home: string) => cliEnv(home, { OPENCLAW_SKIP_AUTH_CHECK: "1" });

async function startWizard(home: string, ...args: string[]): Promise<TmuxTerminal> {
  return await startCli(["onboard", ...args], await childEnv(home));
}

/**
 * Answer Yes to the risk question. On a first run it is clack's confirm
 * ("○ Yes / ● No", No by default): Left moves to Yes. When "← Back" is
 * possible (after the existing-config question) it is a Yes/No/← Back select.
 */
async function acceptRisk(term: TmuxTerminal): Promise<void> {
  const screen = await term.waitFor((s) => activeBlock(s, RISK) !== undefined);
  const block = activeBlock(screen, RISK)!;
  if (!block.some((l) => l.includes(" / "))) {
    await choose(term, RISK, "Yes");
    return;
  }
  assert.ok(block.some((l) => l.includes("○ Yes / ● No")), `risk defaults to No:\n${screen}`);
  await pressUntil(
    term,
    () => Promise.resolve(["Left"]),
    (s) => activeBlock(s, RISK)?.some((l) => l.includes("● Yes / ○ No")) ?? false,
  );
  await term.press("Enter");
}

async function readJson(path: string): Promise<Record<string, unknown>> {
  const file = await readConfigFile(path); // JSONC-aware, like the program
  assert.deepEqual(file.syntaxErrors, [], `${path} parses`);
  return file.data as Record<string, unknown>;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

// deno-lint-ignore no-explicit-any
type Json = any;

Deno.test({
  name: "tmux: QuickStart from the first prompt to the summary, with an API key",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    const tail = Array.from(
      crypto.getRandomValues(new Uint8Array(30)),
      (b) => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[b % 62],
    ).join("");
    const apiKey = `sk-ant-api03-${tail}`;
    await using term = await startWizard(home.path);

    await term.waitFor("openclaw onboard ·");
    await term.waitFor("◇  Security"); // the risk note comes before the question
    await acceptRisk(term);
    await choose(term, FLOW, "QuickStart");
    await choose(term, AUTH, "Anthropic");
    await choose(term, "Anthropic: how do you want to sign in?", "Anthropic API key");

    // A key that is not an Anthropic key: the prompt stays, with the reason.
    await term.waitFor(`◆  ${KEY}`);
    await actUntil(
      term,
      () => term.type("abc"),
      (s) => activeBlock(s, KEY)?.some((l) => l.includes("▪▪▪")) ?? false,
    );
    await term.press("Enter");
    const invalid = await term.waitFor(
      "An Anthropic API key starts with sk-ant- (create one at console.anthropic.com).",
    );
    assert.match(invalid, new RegExp(`^▲  ${KEY}`, "m"), "the question is in its error state");
    assert.ok(!invalid.includes("abc"), "the typed characters are masked");

    await term.press("BSpace", "BSpace", "BSpace");
    await term.waitFor((s) => activeBlock(s, KEY)?.every((l) => !l.includes("▪")) ?? false);
    await term.type(apiKey);
    await term.press("Enter");

    await term.waitFor("◆  Chat channels to set up");
    await term.press("Enter");
    assert.equal(await term.exitCode(), 0);
    const all = await term.screen(true);
    for (
      const text of [
        "QuickStart gateway settings",
        "Port        18789",
        "◇  Summary",
        "Model auth  Anthropic API key",
        "└  Onboarding complete.",
        "The same setup without questions:",
        // After the prefix this run needs (from a checkout: deno run -A …/main.ts).
        " onboard --non-interactive --accept-risk --flow quickstart --auth-choice apiKey " +
        '--anthropic-api-key "$ANTHROPIC_API_KEY"',
      ]
    ) {
      assert.ok(all.includes(text), `the screen shows ${JSON.stringify(text)}:\n${all}`);
    }
    assert.ok(!all.includes(apiKey), "the API key never appears on screen");
    assert.ok(!all.includes(tail.slice(0, 12)), "no part of the API key appears on screen");

    const state = `${home.path}/.openclaw`;
    const config: Json = await readJson(`${state}/openclaw.json`);
    assert.equal(config.gateway.port, 18789);
    assert.equal(config.gateway.bind, "loopback");
    assert.equal(config.gateway.auth.mode, "token");
    assert.match(config.gateway.auth.token, /^[0-9a-f]{48}$/);
    assert.equal(config.agents.defaults.workspace, `${state}/workspace`);
    assert.equal(config.agents.defaults.model, "anthropic/claude-sonnet-4-5");
    assert.ok(!JSON.stringify(config).includes(apiKey), "the key is not in openclaw.json");

    const profiles = `${state}/agents/main/agent/auth-profiles.json`;
    const store: Json = await readJson(profiles);
    assert.deepEqual(store.profiles["anthropic:default"], {
      type: "api_key",
      provider: "anthropic",
      key: apiKey,
    });
    assert.equal(await modeOf(profiles), 0o600);
    assert.equal(await modeOf(`${state}/agents/main/agent`), 0o700);

    for (const f of WORKSPACE_FILES) {
      assert.ok(await exists(`${state}/workspace/${f.name}`), `workspace has ${f.name}`);
    }
    for (const d of WORKSPACE_DIRS) {
      assert.ok((await Deno.stat(`${state}/workspace/${d}`)).isDirectory, `workspace has ${d}/`);
    }
  },
});

Deno.test({
  name: "tmux: ← Back from model auth re-asks the flow with the previous answer selected",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    await using term = await startWizard(home.path);

    await acceptRisk(term);
    await choose(term, FLOW, "Advanced");
    await choose(term, AUTH, "← Back");

    // The flow question again, Advanced (the previous answer) under the cursor.
    const again = await term.waitFor((s) => activeBlock(s, FLOW) !== undefined);
    const { labels, focused } = selectOptions(activeBlock(again, FLOW)!);
    assert.ok(isLabel(labels[focused], "Advanced"), `Advanced is pre-selected:\n${again}`);
    assert.deepEqual(labels.map((l) => l.replace(/ \(.*\)$/, "")), [
      "QuickStart",
      "Advanced",
      "Remote gateway",
      "← Back",
    ]);

    await choose(term, FLOW, "QuickStart");
    await choose(term, AUTH, "Skip for now");

    await term.waitFor("◆  Chat channels to set up");
    await term.press("Enter");
    assert.equal(await term.exitCode(), 0);
    const all = await term.screen(true);
    assert.ok(all.includes("Model auth  skipped"), all);
    assert.ok(all.includes("--flow quickstart --auth-choice skip"), all);
    // Going back replays earlier answers silently: the note and risk question are shown once.
    assert.equal(all.split("◇  Security").length - 1, 1, all);
    assert.equal(all.split(RISK).length - 1, 1, all);

    const state = `${home.path}/.openclaw`;
    const config: Json = await readJson(`${state}/openclaw.json`);
    assert.equal(config.gateway.port, 18789);
    assert.equal(config.agents?.defaults?.model, undefined, "no model without model auth");
    assert.equal(await exists(`${state}/agents/main/agent/auth-profiles.json`), false);
  },
});

Deno.test({
  name: "tmux: Ctrl-C at the second question exits 130 and writes nothing",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    await using term = await startWizard(home.path);

    // 'y' answers clack's confirm at once, without Enter.
    await term.waitFor(`◆  ${RISK}`);
    await pressUntil(term, () => Promise.resolve(["y"]), (s) => s.includes(`◆  ${FLOW}`));
    await pressUntil(term, () => Promise.resolve(["C-c"]), (s) => /^(■|EXIT=)/m.test(s));

    assert.equal(await term.exitCode(), 130);
    const screen = await term.screen(true);
    assert.ok(screen.includes("Cancelled. Nothing was changed."), screen);
    assert.ok(!screen.includes("Onboarding complete."), screen);
    assert.equal(await exists(`${home.path}/.openclaw`), false, "no ~/.openclaw at all");
  },
});

Deno.test({
  name: "tmux: re-run on an existing config, Keep: no gateway questions, same token",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    const setup = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-q",
        "-A",
        "main.ts",
        "onboard",
        "--non-interactive",
        "--accept-risk",
        "--auth-choice",
        "skip",
      ],
      cwd: ROOT,
      env: await childEnv(home.path),
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    assert.equal(
      setup.code,
      0,
      `setup run failed:\n${decoder.decode(setup.stdout)}${decoder.decode(setup.stderr)}`,
    );
    const configPath = `${home.path}/.openclaw/openclaw.json`;
    const before: Json = await readJson(configPath);
    const token = before.gateway.auth.token;
    assert.match(token, /^[0-9a-f]{48}$/);

    await using term = await startWizard(home.path);
    const first = await term.waitFor(`◆  ${EXISTING}`);
    const { labels } = selectOptions(activeBlock(first, EXISTING)!);
    assert.deepEqual(labels.map((l) => l.replace(/ \(.*\)$/, "")), ["Keep", "Modify", "Reset"]);
    await choose(term, EXISTING, "Keep");
    await acceptRisk(term);
    // Keep asks only what the config lacks: no flow question, and model auth (missing).
    await choose(term, AUTH, "Skip for now");

    assert.equal(await term.exitCode(), 0);
    const all = await term.screen(true);
    for (const q of [...GATEWAY_QUESTIONS, FLOW, "Where should the agent's workspace live?"]) {
      assert.ok(!all.includes(q), `Keep does not ask "${q}":\n${all}`);
    }
    assert.ok(all.includes("└  Onboarding complete."), all);

    const file = await readConfigFile(configPath);
    const status = checkConfig(file);
    assert.equal(status.state, "valid", status.problems.join("\n"));
    const after: Json = file.data;
    assert.equal(after.gateway.auth.token, token, "the gateway token is unchanged");
    assert.deepEqual(after.gateway, before.gateway);
    assert.deepEqual(after.agents, before.agents);
  },
});
