/**
 * The onboarding Skills step: what it shows and asks, what it plans, and
 * that installs run only after the apply phase wrote the config (never
 * during the questions, never in a dry run), going on past failures.
 */
import assert from "node:assert/strict";
import { runOnboard } from "../../lib/onboard/run.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { answersFromOptions } from "../../lib/onboard/questions.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { readConfigFile } from "../../lib/config/store.ts";
import { ScriptedPrompter } from "../../lib/wizard/scripted-prompter.ts";
import { FlagsPrompter } from "../../lib/wizard/flags-prompter.ts";
import { UsageError } from "../../lib/errors.ts";
import type { Prompter } from "../../lib/wizard/prompter.ts";
import type { CommandResult } from "../../lib/host.ts";
import { exists } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { fakePrograms, pathHost, skillMd, writeSkill } from "./helpers.ts";

const ADVANCED = {
  "risk.accept": true,
  flow: "advanced",
  "auth.provider": "skip",
  workspace: "~/ws",
  "gateway.port": "18789",
  "gateway.bind": "loopback",
  "gateway.auth": "token",
  "gateway.token": "",
  "gateway.tailscale": "off",
};

async function onboard(
  home: string,
  prompter: Prompter,
  raw: Record<string, unknown> = {},
  runner?: (cmd: string, args: string[]) => CommandResult | Promise<CommandResult>,
) {
  const bin = `${home}/bin`;
  await fakePrograms(bin, ["pnpm", "npm"]); // no brew, no gh, no jq…
  const host = pathHost({ home, pathDirs: [bin], runner });
  const paths = resolvePaths(host);
  // The health check and the service have tests of their own; here they would start real ones.
  const options = parseOnboardOptions({
    skipHealth: true,
    skipDaemon: true,
    skipChannels: true,
    ...raw,
  });
  const code = await runOnboard({ host, paths, options, prompter, command: "onboard" });
  const config = await readConfigFile(paths.configPath);
  // deno-lint-ignore no-explicit-any -- read field by field below
  return { code, host, paths, config: config.data as Record<string, any> };
}

Deno.test("advanced: status shown, node manager chosen, picked installs run after the config is written", async () => {
  await using home = await tempDir();
  const configPath = `${home.path}/.openclaw/openclaw.json`;
  const configAtInstall: boolean[] = [];
  const p = new ScriptedPrompter({
    ...ADVANCED,
    "skills.nodeManager": "pnpm",
    "skills.install": ["diagrams", "github"],
  });
  const { code, host, config } = await onboard(home.path, p, {}, async () => {
    configAtInstall.push(await exists(configPath));
    return { code: 0, stdout: "", stderr: "" };
  });
  assert.equal(code, 0);
  assert.equal(config.skills.install.nodeManager, "pnpm");

  const note = p.transcript.find((t) => t.kind === "note" && t.title === "Skills")!;
  assert.match(note.message, /✗ 📐 diagrams: needs program mmdc/);
  assert.match(note.message, /– 📋 clipboard: not for this OS/);
  const nm = p.transcript.find((t) => t.id === "skills.nodeManager")!;
  assert.deepEqual((nm.offered as { options: string[] }).options, ["npm", "pnpm", "bun"]);
  const pick = p.transcript.find((t) => t.id === "skills.install")!;
  // Only skills whose missing programs a recipe for this OS can install.
  assert.deepEqual((pick.offered as { options: string[] }).options, [
    "diagrams",
    "github",
    "jq",
    "tmux",
  ]);

  // github's recipe needs brew, which is missing: reported, nothing run; diagrams ran.
  assert.deepEqual(host.calls.map((c) => [c.cmd, ...c.args].join(" ")), [
    "pnpm add --global @mermaid-js/mermaid-cli",
  ]);
  assert.deepEqual(configAtInstall, [true], "the config was written before any install ran");
  const summary = p.transcript.find((t) => t.kind === "note" && t.title === "Summary")!.message;
  assert.match(summary, /Skills {6}\d+ ready, \d+ missing requirements \(installs use pnpm\)/);
  assert.match(summary, /! diagrams: installed, but mmdc is not on PATH yet/);
  assert.match(summary, /✗ github: brew not found\n.*https:\/\/brew\.sh/);
  assert.match(summary, /Install log: ~\/\.openclaw\/logs\/skills-install\.log/);
  assert.ok(p.transcript.some((t) => t.kind === "progress"), "progress is shown");
  const next = p.transcript.find((t) => t.kind === "note" && t.title === "Next steps")!.message;
  assert.match(next, /openclaw skills install jq\n +openclaw skills install tmux/);
  assert.match(
    host.out.join(""),
    /--flow advanced .*--node-manager pnpm --skills-install diagrams,github( |\n)/,
    "the equivalent command repeats the choices",
  );
});

Deno.test("the question phase runs nothing: a dry run plans the installs and runs none", async () => {
  await using home = await tempDir();
  const p = new ScriptedPrompter({
    ...ADVANCED,
    "skills.nodeManager": "npm",
    "skills.install": ["diagrams"],
  });
  const { host } = await onboard(home.path, p, { dryRun: true });
  assert.deepEqual(host.calls, []);
  const plan = p.transcript.find((t) => t.title === "Dry run: nothing was written")!.message;
  assert.match(plan, /Install for skill diagrams: npm install --global @mermaid-js\/mermaid-cli/);
  assert.match(plan, /skills\.install\.nodeManager = "npm"/);
  assert.equal(await exists(`${home.path}/.openclaw/logs`), false);
});

Deno.test("quickstart: the status is shown, nothing asked, npm kept, installs left to later", async () => {
  await using home = await tempDir();
  const p = new ScriptedPrompter({
    "risk.accept": true,
    flow: "quickstart",
    "auth.provider": "skip",
  });
  const { host, config } = await onboard(home.path, p);
  assert.ok(!p.asked.some((id) => id.startsWith("skills.")), p.asked.join(","));
  assert.ok(p.transcript.some((t) => t.kind === "note" && t.title === "Skills"));
  assert.equal(config.skills.install.nodeManager, "npm");
  assert.deepEqual(host.calls, []);
  const next = p.transcript.find((t) => t.title === "Next steps")!.message;
  assert.match(next, /openclaw skills install diagrams/);
});

Deno.test("--skip-skills: no status, no questions, no skills config", async () => {
  await using home = await tempDir();
  const p = new ScriptedPrompter(ADVANCED);
  const { config } = await onboard(home.path, p, { skipSkills: true });
  assert.ok(!p.transcript.some((t) => t.title === "Skills"));
  assert.equal(config.skills, undefined);
});

Deno.test("a broken skill in the planned workspace is reported with file and line; the rest show", async () => {
  await using home = await tempDir();
  await writeSkill(`${home.path}/ws/skills`, "bad", "---\nname: bad\ndescription: [x\n---\n");
  await writeSkill(`${home.path}/ws/skills`, "good", skillMd("good", "Good.", "emoji: 🙂"));
  const p = new ScriptedPrompter({
    ...ADVANCED,
    "skills.nodeManager": "npm",
    "skills.install": [],
  });
  await onboard(home.path, p);
  const note = p.transcript.find((t) => t.title === "Skills")!.message;
  assert.match(note, /✓ 🙂 good: ready/);
  assert.match(note, /~\/ws\/skills\/bad\/SKILL\.md:3: invalid YAML.*\(skill skipped\)/);
});

function flagsRun(raw: Record<string, unknown>) {
  const full = { nonInteractive: true, acceptRisk: true, authChoice: "skip", ...raw };
  const out: string[] = [];
  const p = new FlagsPrompter(answersFromOptions(parseOnboardOptions(full)), (t) => out.push(t));
  return { p, full, out };
}

Deno.test("non-interactive: --node-manager and --skills-install (names, all, unknown, ready)", async () => {
  {
    await using home = await tempDir();
    const { p, full, out } = flagsRun({ nodeManager: "pnpm", skillsInstall: "diagrams, weather" });
    const { host, config } = await onboard(home.path, p, full, () => ({
      code: 1,
      stdout: "",
      stderr: "npm error code EACCES\n",
    }));
    assert.equal(config.skills.install.nodeManager, "pnpm");
    assert.deepEqual(host.calls.map((c) => c.cmd), ["pnpm"]);
    const text = out.join("") + host.out.join(""); // notes, then the summary on stdout
    // weather has no recipe (curl comes with the system): said, not fatal.
    assert.match(text, /Nothing to install for:\n {2}weather: nothing installable/);
    assert.match(
      text,
      /✗ diagrams: pnpm exited with code 1: npm error code EACCES\n.*`pnpm setup`/,
    );
  }
  {
    await using home = await tempDir();
    const { p, full } = flagsRun({ skillsInstall: "all" });
    const { host } = await onboard(home.path, p, full, () => ({ code: 0, stdout: "", stderr: "" }));
    // All four candidates; only diagrams (npm) can run here, the brew ones report brew missing.
    assert.deepEqual(host.calls.map((c) => [c.cmd, ...c.args].join(" ")), [
      "npm install --global @mermaid-js/mermaid-cli",
    ]);
  }
  {
    await using home = await tempDir();
    const { p, full } = flagsRun({ skillsInstall: "diagrams,nope" });
    await assert.rejects(onboard(home.path, p, full), (e: Error) => {
      assert.ok(e instanceof UsageError);
      assert.equal(e.exitCode, 2);
      assert.match(e.message, /--skills-install: no skill named nope\. Skills here: .*diagrams/);
      return true;
    });
    assert.equal(await exists(`${home.path}/.openclaw/openclaw.json`), false, "nothing written");
  }
});

Deno.test("non-interactive --json: the summary carries the node manager and each install result", async () => {
  await using home = await tempDir();
  const { p, full } = flagsRun({ skillsInstall: "diagrams,github", json: true });
  const { host } = await onboard(home.path, p, full, () => ({ code: 0, stdout: "", stderr: "" }));
  const summary = JSON.parse(host.out.join(""));
  assert.equal(summary.skipSkills, false);
  assert.equal(summary.skills.nodeManager, "npm");
  assert.deepEqual(
    summary.skills.installs.map((r: { skill: string; ok: boolean }) => [r.skill, r.ok]),
    [["diagrams", true], ["github", false]],
  );
  assert.equal(summary.skills.installLog, `${home.path}/.openclaw/logs/skills-install.log`);
});

Deno.test("configure --section skills: asks the manager (current one offered) and changes only it", async () => {
  await using home = await tempDir();
  const first = flagsRun({ nodeManager: "pnpm" });
  await onboard(home.path, first.p, first.full);

  const bin = `${home.path}/bin`;
  const host = pathHost({ home: home.path, pathDirs: [bin] });
  const paths = resolvePaths(host);
  const before = await Deno.readTextFile(paths.configPath);
  const p = new ScriptedPrompter({ "skills.nodeManager": "npm", "skills.install": [] });
  const code = await runOnboard({
    host,
    paths,
    options: parseOnboardOptions({}),
    prompter: p,
    command: "configure",
    sections: ["skills"],
  });
  assert.equal(code, 0);
  const asked = p.transcript.find((t) => t.id === "skills.nodeManager")!;
  assert.equal((asked.offered as { initialValue: string }).initialValue, "pnpm");
  const after = (await readConfigFile(paths.configPath)).data as Record<string, unknown>;
  assert.deepEqual((after as { skills: unknown }).skills, { install: { nodeManager: "npm" } });
  const was = JSON.parse(before);
  assert.deepEqual((after as { gateway: unknown }).gateway, was.gateway, "the rest is kept");
});

Deno.test("--dry-run --json lists the planned installs and runs none", async () => {
  await using home = await tempDir();
  const { p, full } = flagsRun({ skillsInstall: "diagrams", json: true, dryRun: true });
  const { host } = await onboard(home.path, p, full, () => ({ code: 0, stdout: "", stderr: "" }));
  assert.deepEqual(host.calls, []);
  const summary = JSON.parse(host.out.join(""));
  assert.equal(summary.dryRun, true);
  assert.deepEqual(summary.skills.installs, [
    { skill: "diagrams", command: "npm install --global @mermaid-js/mermaid-cli" },
  ]);
  assert.deepEqual([...Deno.readDirSync(home.path)].map((e) => e.name), ["bin"], "nothing written");
});
