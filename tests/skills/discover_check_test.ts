/**
 * Discovery in a temp workspace and state dir, and requirement checks
 * against a controlled PATH (real fake programs in temp folders), env and
 * config.
 */
import assert from "node:assert/strict";
import { resolvePaths } from "../../lib/config/paths.ts";
import { discoverSkills, skillRoots } from "../../lib/skills/discover.ts";
import { checkSkill, hostProbe } from "../../lib/skills/check.ts";
import { parseEnvFile } from "../../lib/platform/env-file.ts";
import { chooseRecipe } from "../../lib/skills/recipes.ts";
import { skillsReport } from "../../lib/skills/status.ts";
import { BUNDLED_SKILLS } from "../../lib/skills/bundled/index.ts";
import type { Skill } from "../../lib/skills/model.ts";
import { tempDir } from "../helpers/host.ts";
import { fakePrograms, pathHost, skillMd, writeSkill } from "./helpers.ts";

Deno.test("discovery: workspace over managed over bundled; broken skills skipped, the rest load", async () => {
  await using home = await tempDir();
  const host = pathHost({ home: home.path, pathDirs: [] });
  const paths = resolvePaths(host);
  const ws = `${home.path}/ws`;
  await writeSkill(`${ws}/skills`, "github", skillMd("github", "My own GitHub skill."));
  await writeSkill(`${ws}/skills`, "alpha", skillMd("alpha", "Alpha."));
  await writeSkill(`${ws}/skills`, "broken", "---\nname: broken\ndescription: [oops\n---\n");
  await Deno.mkdir(`${ws}/skills/not-a-skill`, { recursive: true }); // no SKILL.md: ignored
  await Deno.writeTextFile(`${ws}/skills/README.md`, "a file, not a folder");
  await writeSkill(`${paths.stateDir}/skills`, "alpha", skillMd("alpha", "Managed alpha."));
  await writeSkill(`${paths.stateDir}/skills`, "beta", skillMd("beta", "Managed beta."));

  const d = await discoverSkills(skillRoots(paths, ws), home.path);
  const byName = new Map(d.skills.map((s) => [s.name, s]));
  assert.equal(byName.get("github")?.source, "workspace");
  assert.equal(byName.get("github")?.description, "My own GitHub skill.");
  assert.equal(byName.get("alpha")?.source, "workspace");
  assert.equal(byName.get("beta")?.source, "managed");
  assert.equal(byName.get("tmux")?.source, "bundled");
  assert.ok(!byName.has("broken") && !byName.has("not-a-skill"));
  assert.deepEqual(d.shadowed.map((s) => `${s.name}:${s.source}`).sort(), [
    "alpha:managed",
    "github:bundled",
  ]);
  assert.deepEqual(d.skills.map((s) => s.name), [...d.skills.map((s) => s.name)].sort());
  assert.equal(d.problems.length, 1);
  assert.equal(d.problems[0].file, "~/ws/skills/broken/SKILL.md", "shown with ~");
  assert.equal(d.problems[0].line, 3);
  // Every bundled skill not overridden is there.
  for (const b of BUNDLED_SKILLS) assert.ok(byName.has(b.folder), b.folder);
});

Deno.test("discovery: no workspace or managed folder is fine; a symlinked skill folder is followed", async () => {
  await using home = await tempDir();
  const host = pathHost({ home: home.path, pathDirs: [] });
  const paths = resolvePaths(host);
  const d = await discoverSkills(skillRoots(paths, `${home.path}/missing`), home.path);
  assert.equal(d.skills.length, BUNDLED_SKILLS.length);
  assert.deepEqual(d.problems, []);

  await writeSkill(`${home.path}/elsewhere`, "linked", skillMd("linked", "Linked."));
  await Deno.mkdir(`${paths.stateDir}/skills`, { recursive: true });
  await Deno.symlink(`${home.path}/elsewhere/linked`, `${paths.stateDir}/skills/linked`);
  const d2 = await discoverSkills(skillRoots(paths, undefined), home.path);
  assert.equal(d2.skills.find((s) => s.name === "linked")?.source, "managed");
});

async function statusOf(
  homePath: string,
  skill: string,
  opts: { pathDirs: string[]; env?: Record<string, string>; platform?: typeof Deno.build.os },
  config: unknown = {},
) {
  const host = pathHost({ home: homePath, ...opts });
  const paths = resolvePaths(host);
  const report = await skillsReport(host, paths, { workspace: `${homePath}/ws`, config });
  return report.statuses.find((s) => s.skill.name === skill)!;
}

Deno.test("checks: bins on a controlled PATH, anyBins, env (and the gateway env file), config keys", async () => {
  await using home = await tempDir();
  const bin = `${home.path}/bin`;
  await fakePrograms(bin, ["tool-a", "alt-2"]);
  await writeSkill(
    `${home.path}/ws/skills`,
    "needs",
    skillMd(
      "needs",
      "Needs things.",
      `requires:
  bins: [tool-a, tool-b]
  anyBins: [alt-1, alt-2]
  env: [NEEDS_KEY, NEEDS_FILE_KEY]
  config: [gateway.port, channels.telegram.enabled]`,
    ),
  );
  let s = await statusOf(home.path, "needs", { pathDirs: [bin] }, { gateway: { port: 1 } });
  assert.equal(s.state, "missing");
  assert.deepEqual(
    s.missing.map((m) => [m.kind, "name" in m ? m.name : "key" in m ? m.key : ""]),
    [
      ["bin", "tool-b"],
      ["env", "NEEDS_KEY"],
      ["env", "NEEDS_FILE_KEY"],
      ["config", "channels.telegram.enabled"],
    ],
  );
  const envHint = s.missing.find((m) => m.kind === "env")!.hint;
  assert.match(envHint, /~\/\.openclaw\/\.env/);
  assert.match(s.missing.find((m) => m.kind === "bin")!.hint, /system's package manager/);

  // Everything present: the env file counts for the gateway's variables.
  await fakePrograms(bin, ["tool-b"]);
  await Deno.mkdir(`${home.path}/.openclaw`, { recursive: true });
  await Deno.writeTextFile(`${home.path}/.openclaw/.env`, "# keys\nNEEDS_FILE_KEY='x'\n");
  s = await statusOf(home.path, "needs", { pathDirs: [bin], env: { NEEDS_KEY: "v" } }, {
    gateway: { port: 1 },
    channels: { telegram: { enabled: true } },
  });
  assert.equal(s.state, "ready", JSON.stringify(s.missing));

  // anyBins: none of them is a gap of its own.
  await Deno.remove(`${bin}/alt-2`);
  s = await statusOf(home.path, "needs", { pathDirs: [bin], env: { NEEDS_KEY: "v" } }, {
    gateway: { port: 1 },
    channels: { telegram: { enabled: true } },
  });
  assert.deepEqual(s.missing.map((m) => m.kind), ["anyBins"]);
});

Deno.test("checks: an empty env var is missing; a non-executable file on PATH does not count", async () => {
  await using home = await tempDir();
  const bin = `${home.path}/bin`;
  await Deno.mkdir(bin);
  await Deno.writeTextFile(`${bin}/curl`, "not executable");
  const s = await statusOf(home.path, "notion", { pathDirs: [bin], env: { NOTION_API_KEY: "" } });
  assert.deepEqual(s.missing.map((m) => m.kind === "bin" || m.kind === "env" ? m.name : m.kind), [
    "curl",
    "NOTION_API_KEY",
  ]);
});

Deno.test("checks: OS gating; clipboard is macOS only", async () => {
  await using home = await tempDir();
  const linux = await statusOf(home.path, "clipboard", { pathDirs: [], platform: "linux" });
  assert.equal(linux.state, "unsupported");
  assert.match(linux.missing[0].hint, /only for darwin \(this machine: linux\)/);
  const bin = `${home.path}/bin`;
  await fakePrograms(bin, ["pbcopy", "pbpaste"]);
  const mac = await statusOf(home.path, "clipboard", { pathDirs: [bin], platform: "darwin" });
  assert.equal(mac.state, "ready");
});

Deno.test("recipes: Homebrew first on macOS, a Node package first elsewhere, present installers first", () => {
  const skill: Skill = {
    name: "t",
    description: "d",
    source: "workspace",
    file: "f",
    requires: { bins: ["t"] },
    body: "",
    install: [
      { id: "dl", kind: "download", url: "https://x.test/t", sha256: "0".repeat(64) },
      { id: "brew", kind: "brew", formula: "t" },
      { id: "node", kind: "node", package: "t" },
      { id: "mac-only", kind: "brew", formula: "t2", os: ["darwin"] },
    ],
  };
  const all = () => true;
  assert.equal(chooseRecipe(skill, "darwin", "npm", all)?.id, "brew");
  assert.equal(chooseRecipe(skill, "linux", "npm", all)?.id, "node");
  // No npm here, brew is: brew wins on Linux too.
  assert.equal(chooseRecipe(skill, "linux", "npm", (p) => p === "brew")?.id, "brew");
  // pnpm chosen but missing, curl present: the download.
  assert.equal(chooseRecipe(skill, "linux", "pnpm", (p) => p === "curl")?.id, "dl");
  // Nothing present: the first by preference, so the user hears what to install.
  assert.equal(chooseRecipe(skill, "linux", "npm", () => false)?.id, "node");
  const macOnly = { ...skill, install: [skill.install[3]] };
  assert.equal(chooseRecipe(macOnly, "linux", "npm", all), undefined);
});

Deno.test("checks: the hint names the recipe and flags a missing installer", async () => {
  await using home = await tempDir();
  const bin = `${home.path}/bin`;
  await fakePrograms(bin, ["npm"]);
  const diagrams = await statusOf(home.path, "diagrams", { pathDirs: [bin] });
  assert.equal(diagrams.recipe?.kind, "node");
  assert.deepEqual(diagrams.installer, { name: "npm", present: true });
  assert.match(
    diagrams.missing[0].hint,
    /openclaw skills install diagrams \(npm install --global @mermaid-js\/mermaid-cli\)/,
  );
  const github = await statusOf(home.path, "github", { pathDirs: [bin] });
  assert.deepEqual(github.installer, { name: "brew", present: false });
});

Deno.test("checks: programs unpacked by a download recipe count for their skill", async () => {
  await using home = await tempDir();
  const host = pathHost({ home: home.path, pathDirs: [] });
  const paths = resolvePaths(host);
  await fakePrograms(`${paths.stateDir}/tools/dl/bin`, ["dltool"]);
  await writeSkill(
    `${home.path}/ws/skills`,
    "dl",
    skillMd("dl", "D.", "requires:\n  bins: [dltool]"),
  );
  const d = await discoverSkills(skillRoots(paths, `${home.path}/ws`), home.path);
  const probe = await hostProbe(host, paths, {}, "npm");
  const s = await checkSkill(d.skills.find((x) => x.name === "dl")!, probe);
  assert.equal(s.state, "ready");
  assert.equal(await probe.hasBin("dltool"), false, "not for other skills");
});

Deno.test("env files: comments, export, quotes", () => {
  const m = parseEnvFile("# c\nexport A=1\nB = 'two'\nC=\"3\"\nbad line\n=x\n");
  assert.deepEqual([...m], [["A", "1"], ["B", "two"], ["C", "3"]]);
});
