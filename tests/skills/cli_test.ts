/**
 * Black-box runs of `openclaw skills list|check|install` (main.ts in a
 * subprocess, temp HOME, a PATH holding only fake programs made here).
 */
import assert from "node:assert/strict";
import { hasStackTrace, runCli } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { fakePrograms, skillMd, writeSkill } from "./helpers.ts";

interface Setup {
  home: string;
  bin: string;
  env: Record<string, string>;
}

/** A HOME whose config names ~/ws as workspace, with one good and one broken workspace skill. */
async function setup(home: string): Promise<Setup> {
  const bin = `${home}/bin`;
  await fakePrograms(bin, []);
  await Deno.mkdir(`${home}/.openclaw`, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(
    `${home}/.openclaw/openclaw.json`,
    '{\n  // mine\n  "agents": { "defaults": { "workspace": "~/ws" } }\n}\n',
  );
  await writeSkill(
    `${home}/ws/skills`,
    "mytool",
    skillMd("mytool", "My tool.", "requires:\n  bins: [mytool]\n  env: [MYTOOL_KEY]"),
  );
  await writeSkill(
    `${home}/ws/skills`,
    "broken",
    "---\nname: broken\ndescription: ok\nmetadata:\n  openclaw:\n    requires: [\n---\n",
  );
  return { home, bin, env: { PATH: bin } };
}

// deno-lint-ignore no-explicit-any -- JSON read field by field
type Json = any;

Deno.test("skills list --json: sources, statuses, the broken file and line; PATH decides", async () => {
  await using dir = await tempDir();
  const s = await setup(dir.path);
  let r = await runCli(["skills", "list", "--json"], { home: s.home, env: s.env });
  assert.equal(r.code, 0, r.stderr);
  let out: Json = JSON.parse(r.stdout);
  const byName = (n: string) => out.skills.find((x: Json) => x.name === n);
  assert.equal(out.workspace, `${s.home}/ws`);
  assert.equal(byName("mytool").source, "workspace");
  assert.deepEqual(byName("mytool").missing.map((m: Json) => m.kind), ["bin", "env"]);
  assert.equal(byName("github").status, "missing");
  assert.equal(byName("github").source, "bundled");
  assert.equal(byName("clipboard").status, Deno.build.os === "darwin" ? "missing" : "unsupported");
  assert.equal(byName("broken"), undefined);
  assert.deepEqual(out.problems, [{
    file: "~/ws/skills/broken/SKILL.md",
    line: 6,
    message: out.problems[0].message,
    severity: "error",
  }]);
  assert.match(out.problems[0].message, /invalid YAML/);

  await fakePrograms(s.bin, ["gh", "mytool"]);
  r = await runCli(["skills", "list", "--json"], {
    home: s.home,
    env: { ...s.env, MYTOOL_KEY: "secret-value-123" },
  });
  out = JSON.parse(r.stdout);
  assert.equal(byName("github").status, "ready");
  assert.equal(byName("mytool").status, "ready");
  assert.ok(!r.stdout.includes("secret-value-123"), "env values never appear");

  r = await runCli(["skills", "list", "--eligible", "--json"], { home: s.home, env: s.env });
  out = JSON.parse(r.stdout);
  assert.ok(out.skills.every((x: Json) => x.status === "ready"));
  assert.ok(out.skills.some((x: Json) => x.name === "github"));
});

Deno.test("skills check --json and text: totals, what is missing and how to get it", async () => {
  await using dir = await tempDir();
  const s = await setup(dir.path);
  await fakePrograms(s.bin, ["curl"]);
  const env = { ...s.env, NOTION_API_KEY: "ntn_x" };
  const j = await runCli(["skills", "check", "--json"], { home: s.home, env });
  assert.equal(j.code, 0, j.stderr);
  const out: Json = JSON.parse(j.stdout);
  assert.equal(out.ready + out.missing + out.unsupported, out.skills.length);
  const notion = out.skills.find((x: Json) => x.name === "notion");
  assert.equal(notion.status, "ready");
  const weather = out.skills.find((x: Json) => x.name === "weather");
  assert.equal(weather.status, "ready");

  const t = await runCli(["skills", "check"], { home: s.home, env: s.env });
  assert.equal(t.code, 0);
  assert.match(t.stdout, /^Skills: \d+ ready, \d+ missing requirements, \d+ not for this OS/);
  assert.match(
    t.stdout,
    /✗ github \(bundled\)\n {2}- program gh: install it: (openclaw|.*main\.ts) skills install github \(brew install gh\)\n {2}! the recipe needs brew, which is not on PATH/,
  );
  assert.match(t.stdout, /- env MYTOOL_KEY: set MYTOOL_KEY in your environment/);
  assert.match(t.stdout, /~\/ws\/skills\/broken\/SKILL\.md:6: invalid YAML.*\(skill skipped\)/);
});

Deno.test("skills install: a real run through a fake npm; the program is found afterwards", async () => {
  await using dir = await tempDir();
  const s = await setup(dir.path);
  // A fake npm that records its arguments and "installs" mmdc next to itself.
  await Deno.writeTextFile(
    `${s.bin}/npm`,
    `#!/bin/sh\necho "$@" > "${s.home}/npm-args"\nprintf '#!/bin/sh\\n' > "${s.bin}/mmdc"\n` +
      `/bin/chmod 755 "${s.bin}/mmdc"\necho "added 1 package"\n`,
  );
  await Deno.chmod(`${s.bin}/npm`, 0o755);
  const r = await runCli(["skills", "install", "diagrams"], { home: s.home, env: s.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(
    (await Deno.readTextFile(`${s.home}/npm-args`)).trim(),
    "install --global @mermaid-js/mermaid-cli",
  );
  assert.match(r.stdout, /Installing diagrams: npm install --global @mermaid-js\/mermaid-cli…/);
  assert.match(r.stdout, /✓ diagrams: installed/);
  assert.match(r.stdout, /Log: ~\/\.openclaw\/logs\/skills-install\.log/);
  assert.match(
    await Deno.readTextFile(`${s.home}/.openclaw/logs/skills-install.log`),
    /added 1 package/,
  );

  const again = await runCli(["skills", "install", "diagrams", "--json"], {
    home: s.home,
    env: s.env,
  });
  assert.equal(again.code, 0);
  assert.deepEqual(JSON.parse(again.stdout), {
    ok: true,
    skill: "diagrams",
    message: "diagrams is ready; nothing to install.",
  });
});

Deno.test("skills install: bad input exits with a clear message and no stack trace", async () => {
  await using dir = await tempDir();
  const s = await setup(dir.path);
  const cases: [string[], number, RegExp][] = [
    [["skills", "install", "nope"], 2, /No skill named "nope"\. Skills here: .*github/],
    [["skills", "install", "github"], 1, /brew not found\n.*https:\/\/brew\.sh/],
    [["skills", "install", "mytool"], 1, /no install recipe for this machine/],
    [
      ["skills", "install", "github", "--recipe", "apt"],
      2,
      /--recipe: github has no recipe "apt"\. Its recipes: brew/,
    ],
    [
      ["skills", "install", "diagrams", "--node-manager", "yarn"],
      2,
      /yarn.*invalid|Allowed choices/i,
    ],
  ];
  for (const [args, code, pattern] of cases) {
    const r = await runCli(args, { home: s.home, env: s.env });
    assert.equal(r.code, code, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout + r.stderr, pattern, args.join(" "));
    assert.ok(!hasStackTrace(r.stderr), r.stderr);
  }
  // A failed install with --json: the result, ok false, on stdout.
  const j = await runCli(["skills", "install", "github", "--json"], { home: s.home, env: s.env });
  assert.equal(j.code, 1);
  const out: Json = JSON.parse(j.stdout);
  assert.equal(out.ok, false);
  assert.equal(out.result.error, "brew not found");
});

Deno.test("skills info: requirements with their state, the preferred recipe, what to do", async () => {
  await using dir = await tempDir();
  const s = await setup(dir.path);
  await fakePrograms(s.bin, ["mytool"]);
  const t = await runCli(["skills", "info", "mytool"], { home: s.home, env: s.env });
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /^mytool — My tool\.\nStatus: {3}missing requirements\n/);
  assert.match(t.stdout, /Source: {3}workspace \(~\/ws\/skills\/mytool\/SKILL\.md\)/);
  assert.match(t.stdout, /Requires:\n {2}✓ program mytool\n {2}✗ env MYTOOL_KEY\n/);
  assert.match(t.stdout, /To do:\n {2}- env MYTOOL_KEY: set MYTOOL_KEY/);

  const j = await runCli(["skills", "info", "github", "--json"], { home: s.home, env: s.env });
  const out: Json = JSON.parse(j.stdout);
  assert.equal(out.name, "github");
  assert.deepEqual(out.requires, { bins: ["gh"] });
  assert.equal(out.recipe, "brew");
  assert.deepEqual(out.install.map((r: Json) => r.command), ["brew install gh"]);
  assert.equal(out.homepage, "https://cli.github.com");

  const bad = await runCli(["skills", "info", "nope"], { home: s.home, env: s.env });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /No skill named "nope"/);
});
