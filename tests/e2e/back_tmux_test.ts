/**
 * Back in a real terminal (tmux, temp HOME): Esc goes back from text and
 * multi-choice prompts, a back gesture typed into a filled text field is
 * refused instead of saved, Back steps over questions that were answered
 * without being shown (and never re-checks a key or reprints its line),
 * configure's section list is within Back's reach, a failed sign-in method
 * is not the next default, and declining the risk says how to continue.
 * Skipped without tmux.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { tempDir } from "../helpers/host.ts";
import { cliEnv, hasTmux, startCli, TMUX_MISSING, type TmuxTerminal } from "./tmux.ts";
import {
  activeBlock,
  actUntil,
  choose,
  isLabel,
  pressUntil,
  selectOptions,
  unwrapped,
} from "./clack-screen.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
if (!hasTmux) console.warn(TMUX_MISSING);

const RISK = "I understand the risks. Continue?";
const FLOW = "How do you want to set up?";
const PROVIDER = "Model and authentication: which provider?";
const WORKSPACE = "Where should the agent's workspace live?";
const CHANNELS = "Chat channels to set up";

async function startWizard(home: string, ...args: string[]): Promise<TmuxTerminal> {
  return await startCli(
    ["onboard", ...args],
    await cliEnv(home, { OPENCLAW_SKIP_AUTH_CHECK: "1" }),
  );
}

/** A first, non-interactive set-up under `env`, so configure has a config to change. */
async function setUp(env: Record<string, string>): Promise<void> {
  const setup = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", "-A", "main.ts", "onboard", "--non-interactive", "--accept-risk"]
      .concat(["--auth-choice", "skip", "--skip-health", "--skip-daemon"]),
    cwd: ROOT,
    env,
    clearEnv: true,
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(setup.code, 0, new TextDecoder().decode(setup.stderr));
}

/** Ctrl-C until the program ends; it ends with 130. */
async function interrupt(term: TmuxTerminal): Promise<void> {
  await pressUntil(term, () => Promise.resolve(["C-c"]), (s) => /^EXIT=/m.test(s));
  assert.equal(await term.exitCode(), 130);
}

/** 'y' answers clack's first-run risk confirm at once. */
async function acceptRisk(term: TmuxTerminal): Promise<void> {
  await term.waitFor(`◆  ${RISK}`);
  await pressUntil(term, () => Promise.resolve(["y"]), (s) => s.includes(`◆  ${FLOW}`));
}

const isActive = (message: string) => (s: string) => activeBlock(s, message) !== undefined;

/** The focused option of the active select `message`. */
function focused(screen: string, message: string): string {
  const { labels, focused } = selectOptions(activeBlock(screen, message)!);
  return labels[focused] ?? "";
}

Deno.test({
  name: "tmux back: '<' typed after a prefilled value is refused; Esc goes back",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    await using term = await startWizard(home.path);
    await acceptRisk(term);
    await choose(term, FLOW, "Advanced");
    await choose(term, PROVIDER, "Skip for now");

    // The workspace field holds its default; '<' lands after it, as a user would type it.
    const asked = await term.waitFor((s) =>
      activeBlock(s, WORKSPACE)?.some((l) => l.includes(".openclaw/workspace")) ?? false
    );
    assert.match(asked, /Esc to go back/);
    await actUntil(
      term,
      () => term.type("<"),
      (s) => activeBlock(s, WORKSPACE)?.some((l) => l.includes("workspace<")) ?? false,
    );
    await term.press("Enter");
    const refused = await term.waitFor(/cannot end with "<"/);
    assert.match(refused, /press Esc/);
    assert.ok(!refused.includes("◆  Gateway port"), `not accepted:\n${refused}`);

    // Esc: the provider question again, the previous answer under the cursor.
    const back = await pressUntil(term, () => Promise.resolve(["Escape"]), isActive(PROVIDER));
    assert.ok(isLabel(focused(back, PROVIDER), "Skip for now"), back);
    await choose(term, PROVIDER, "Skip for now");
    await term.waitFor(isActive(WORKSPACE));

    await interrupt(term);
    assert.equal(
      await Deno.stat(`${home.path}/.openclaw/openclaw.json`).catch(() => undefined),
      undefined,
      "nothing written",
    );
  },
});

Deno.test({
  name: "tmux back: Esc in the channels list goes back to the last question shown",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    await using term = await startWizard(home.path);
    await acceptRisk(term);
    await choose(term, FLOW, "QuickStart");
    await choose(term, PROVIDER, "Skip for now");

    const list = await term.waitFor(isActive(CHANNELS));
    assert.match(list, /Esc to go back/);
    // QuickStart answered the workspace and gateway questions silently: Back lands on the provider.
    const back = await pressUntil(term, () => Promise.resolve(["Escape"]), isActive(PROVIDER));
    assert.ok(isLabel(focused(back, PROVIDER), "Skip for now"), back);
    await choose(term, PROVIDER, "Skip for now");

    await term.waitFor(isActive(CHANNELS));
    await term.press("Enter");
    assert.equal(await term.exitCode(20_000), 0);
    const all = await term.screen(true);
    assert.ok(all.includes("└  Onboarding complete."), all);
    assert.equal(
      all.split(`◇  ${RISK}`).length - 1,
      1,
      `the risk question is not asked again:\n${all}`,
    );
  },
});

Deno.test({
  name: "tmux back: Enter at the risk question (No) says how to continue",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    await using term = await startWizard(home.path);
    const asked = await term.waitFor(isActive(RISK));
    assert.ok(activeBlock(asked, RISK)!.some((l) => l.includes("● No")), asked);
    await pressUntil(term, () => Promise.resolve(["Enter"]), (s) => /^EXIT=/m.test(s));
    assert.equal(await term.exitCode(), 130);
    const text = unwrapped(await term.screen(true));
    assert.match(text, /You did not accept the risks, so nothing was set up\./);
    assert.match(text, /answer Yes/);
    assert.match(text, /--accept-risk/);
    assert.equal(await Deno.stat(`${home.path}/.openclaw`).catch(() => undefined), undefined);
  },
});

Deno.test({
  name: "tmux back: configure goes back from a section's first question to the section list",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    // No TERM and no OPENCLAW_SKIP_AUTH_CHECK here, unlike the other tests.
    const { TERM: _term, ...env } = await cliEnv(home.path);
    await setUp(env);
    const configPath = `${home.path}/.openclaw/openclaw.json`;
    const before = await Deno.readTextFile(configPath);

    await using term = await startCli(["configure"], env);
    const SECTIONS = "What do you want to change?";
    await term.waitFor(isActive(SECTIONS));
    // The cursor starts on "model": tick it (the tick is what the screen shows), Enter.
    await pressUntil(
      term,
      () => Promise.resolve(["Space"]),
      (s) => activeBlock(s, SECTIONS)?.some((l) => /◼ model/.test(l)) ?? false,
    );
    await term.press("Enter");
    await term.waitFor(isActive(PROVIDER));
    const back = await pressUntil(term, () => Promise.resolve(["Escape"]), isActive(SECTIONS));
    assert.ok(activeBlock(back, SECTIONS)!.some((l) => /◼ model/.test(l)), back);

    await interrupt(term);
    assert.equal(await Deno.readTextFile(configPath), before, "nothing changed");
  },
});

/** A provider stand-in that accepts connections and never answers; counts them. */
function silentServer(): { url: string; connections: () => number } & AsyncDisposable {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  (async () => {
    for await (const conn of listener) held.push(conn);
  })().catch(() => {});
  return {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    connections: () => held.length,
    [Symbol.asyncDispose]() {
      listener.close();
      for (const c of held) c.close();
      return Promise.resolve();
    },
  };
}

Deno.test({
  name: "tmux back: from the Tailscale password, Back neither re-checks the key nor reprints it",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    await using api = silentServer();
    const key = `sk-ant-api03-${crypto.randomUUID().replaceAll("-", "")}`;
    await using term = await startCli(
      ["onboard", "--flow", "advanced"],
      await cliEnv(home.path, {
        OPENCLAW_ANTHROPIC_BASE_URL: api.url,
        // Short, so the test is fast; the point is that it is waited for only once.
        OPENCLAW_AUTH_CHECK_TIMEOUT_MS: "500",
      }),
    );
    await term.waitFor(`◆  ${RISK}`);
    await pressUntil(term, () => Promise.resolve(["y"]), isActive(PROVIDER));
    await choose(term, PROVIDER, "Anthropic");
    await choose(term, "Anthropic: how do you want to sign in?", "Anthropic API key");
    await term.waitFor(isActive("Anthropic API key"));
    await actUntil(
      term,
      () => term.type(key),
      (s) => activeBlock(s, "Anthropic API key")?.some((l) => l.includes("▪▪▪")) ?? false,
    );
    await term.press("Enter");
    await choose(term, "Default model", "anthropic/claude-sonnet-4-5");
    for (const q of [WORKSPACE, "Gateway port"]) {
      await term.waitFor(isActive(q));
      await term.press("Enter");
    }
    await choose(term, "Which addresses should the gateway listen on?", "Loopback");
    await choose(term, "How should clients authenticate to the gateway?", "Token");
    await choose(term, "Expose the gateway with Tailscale?", "Funnel");
    await term.waitFor(isActive("Gateway password"));

    await pressUntil(
      term,
      () => Promise.resolve(["Escape"]),
      isActive("Expose the gateway with Tailscale?"),
    );
    const all = await term.screen(true);
    assert.equal(all.split("Anthropic credential:").length - 1, 1, `one check line:\n${all}`);
    assert.equal(all.split("◇  Not verified").length - 1, 1, `one note:\n${all}`);
    assert.equal(api.connections(), 1, "the key was checked once");

    await interrupt(term);
  },
});

Deno.test({
  name: "tmux back: after a sign-in method fails, the offer defaults to another method",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    await using term = await startWizard(home.path);
    await acceptRisk(term);
    await choose(term, FLOW, "QuickStart");
    await choose(term, PROVIDER, "Anthropic");
    const METHOD = "Anthropic: how do you want to sign in?";
    // No ~/.claude in the temp HOME: reusing Claude Code's login fails.
    const first = await term.waitFor(isActive(METHOD));
    const reuse = selectOptions(activeBlock(first, METHOD)!).labels.find((l) => /Claude/.test(l))!;
    await choose(term, METHOD, reuse.replace(/ \(.*\)$/, ""));

    const again = await term.waitFor(isActive(PROVIDER));
    assert.match(again, /Could not use that/);
    assert.ok(isLabel(focused(again, PROVIDER), "Anthropic"), again);
    await term.press("Enter");
    // The method question a second time (the first is answered: ◇).
    const methods = await term.waitFor((s) =>
      s.includes(`◇  ${METHOD}`) && activeBlock(s, METHOD) !== undefined
    );
    const now = focused(methods, METHOD);
    assert.ok(!/Claude/.test(now), `the failed method is not the default:\n${methods}`);

    await interrupt(term);
  },
});

Deno.test({
  name: "tmux back: a model typed by hand replaces the proposal instead of being appended to it",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    const env = await cliEnv(home.path, { OPENCLAW_SKIP_AUTH_CHECK: "1" });
    await setUp(env);

    await using term = await startCli(["configure", "--section", "model"], env);
    await choose(term, PROVIDER, "Anthropic");
    await choose(term, "Anthropic: how do you want to sign in?", "Anthropic API key");
    await term.waitFor(isActive("Anthropic API key"));
    await actUntil(
      term,
      () => term.type(`sk-ant-api03-${"k".repeat(40)}`),
      (s) => activeBlock(s, "Anthropic API key")?.some((l) => l.includes("▪▪▪")) ?? false,
    );
    await term.press("Enter");
    await choose(term, "Default model", "Enter a model by hand");
    const MODEL = "Model (provider/model";
    await term.waitFor(isActive(MODEL));
    await actUntil(
      term,
      () => term.type("anthropic/claude-opus-4-1"),
      (s) => activeBlock(s, MODEL)?.some((l) => l.includes("claude-opus-4-1")) ?? false,
    );
    await term.press("Enter");
    assert.equal(await term.exitCode(20_000), 0, await term.screen(true));
    const config = JSON.parse(await Deno.readTextFile(`${home.path}/.openclaw/openclaw.json`));
    assert.equal(config.agents.defaults.model, "anthropic/claude-opus-4-1");
  },
});
