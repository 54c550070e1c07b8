/**
 * Back in a real terminal (tmux, temp HOME): Esc goes back from text and
 * multi-choice prompts, a back gesture typed into a filled text field is
 * refused instead of saved, Back steps over questions that were answered
 * without being shown, and declining the risk says how to continue.
 * Skipped without tmux.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { tempDir } from "../helpers/host.ts";
import { hasTmux, parentDenoDir, TMUX_MISSING, TmuxTerminal } from "./tmux.ts";
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
const DENO_DIR = hasTmux ? await parentDenoDir() : "";
if (!hasTmux) console.warn(TMUX_MISSING);

const RISK = "I understand the risks. Continue?";
const FLOW = "How do you want to set up?";
const PROVIDER = "Model and authentication: which provider?";
const WORKSPACE = "Where should the agent's workspace live?";
const CHANNELS = "Chat channels to set up";

async function startWizard(home: string, ...args: string[]): Promise<TmuxTerminal> {
  return await TmuxTerminal.start({
    cwd: ROOT,
    argv: [Deno.execPath(), "run", "-q", "-A", "main.ts", "onboard", ...args],
    env: {
      PATH: Deno.env.get("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
      HOME: home,
      DENO_DIR,
      TERM: "xterm-256color",
      OPENCLAW_SKIP_AUTH_CHECK: "1",
    },
    width: 100,
    height: 40,
  });
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

    await pressUntil(term, () => Promise.resolve(["C-c"]), (s) => /^EXIT=/m.test(s));
    assert.equal(await term.exitCode(), 130);
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
    const setup = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-q", "-A", "main.ts", "onboard", "--non-interactive", "--accept-risk"]
        .concat(["--auth-choice", "skip", "--skip-health", "--skip-daemon"]),
      cwd: ROOT,
      env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", HOME: home.path, DENO_DIR },
      clearEnv: true,
      stdout: "null",
      stderr: "piped",
    }).output();
    assert.equal(setup.code, 0, new TextDecoder().decode(setup.stderr));
    const configPath = `${home.path}/.openclaw/openclaw.json`;
    const before = await Deno.readTextFile(configPath);

    await using term = await TmuxTerminal.start({
      cwd: ROOT,
      argv: [Deno.execPath(), "run", "-q", "-A", "main.ts", "configure"],
      env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", HOME: home.path, DENO_DIR },
      width: 100,
      height: 40,
    });
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

    await pressUntil(term, () => Promise.resolve(["C-c"]), (s) => /^EXIT=/m.test(s));
    assert.equal(await term.exitCode(), 130);
    assert.equal(await Deno.readTextFile(configPath), before, "nothing changed");
  },
});
