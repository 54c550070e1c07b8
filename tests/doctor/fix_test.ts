import assert from "node:assert/strict";
import { diagnose, type DoctorProblem, PROBLEM_IDS } from "../../lib/doctor/checks.ts";
import { applyDoctorFixes } from "../../lib/doctor/fix.ts";
import { findLegacyStateDirs, migrateLegacyStateDir } from "../../lib/config/legacy-state.ts";
import { resolvePaths, type StatePaths } from "../../lib/config/paths.ts";
import { parseConfigText } from "../../lib/config/store.ts";
import { modeOf, tempDir, testHost } from "../helpers/host.ts";

async function put(path: string, text: string, mode = 0o600): Promise<void> {
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(path, text);
  await Deno.chmod(path, mode);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function setup(home: string): Promise<StatePaths> {
  const paths = resolvePaths(testHost({ home }));
  await Deno.mkdir(paths.stateDir, { mode: 0o700 });
  await Deno.chmod(paths.stateDir, 0o700);
  return paths;
}

/** diagnose, fix, diagnose again. */
async function doctorFix(home: string, paths: StatePaths) {
  const host = testHost({ home });
  const before = await diagnose(host, paths);
  const result = await applyDoctorFixes(host, paths, before);
  const after = await diagnose(host, paths);
  return { before, result, after };
}

const LEGACY = `{
  // my gateway, set up by clawdbot
  "gateway": {
    "port": 18789, // default port
    "bind": "127.0.0.1",
    "token": "abcdefgh12345678"
  },
  // the model I like
  "agent": { "model": "anthropic/claude-opus-4-5" },
  // chat
  "telegram": { "botToken": "123:abc" },
  // node tools
  "skills": { "install": { "nodeManager": "pnpm" } }
}
`;

Deno.test("legacy keys are moved in place, with a .bak of the previous file", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, LEGACY);

  const { before, result, after } = await doctorFix(dir.path, paths);
  assert.equal(before.filter((p) => p.id.startsWith(PROBLEM_IDS.legacyKeyPrefix)).length, 4);
  assert.deepEqual(result.failed, []);
  assert.equal(result.fixed.length, 1);
  assert.match(result.fixed[0], /Moved legacy keys .*gateway\.token.*openclaw\.json\.bak/);
  assert.deepEqual(after, []);

  assert.equal(await Deno.readTextFile(paths.backupPath), LEGACY);
  const text = await Deno.readTextFile(paths.configPath);
  for (const c of ["// my gateway, set up by clawdbot", "// default port", "// node tools"]) {
    assert.ok(text.includes(c), `${c} survives in:\n${text}`);
  }
  assert.ok(text.indexOf('"gateway"') < text.indexOf('"skills"'));
  assert.ok(text.indexOf('"skills"') < text.indexOf('"agents"'), "moved keys are appended");
  assert.deepEqual(parseConfigText(text).data, {
    gateway: {
      port: 18789,
      bind: "loopback",
      auth: { token: "abcdefgh12345678", mode: "token" },
    },
    skills: { install: { nodeManager: "pnpm" } },
    agents: { defaults: { model: "anthropic/claude-opus-4-5" } },
    channels: { telegram: { botToken: "123:abc" } },
  });
  assert.equal(await modeOf(paths.configPath), 0o600);
  assert.equal(await modeOf(paths.backupPath), 0o600);
});

Deno.test("fix refuses to write a config that would still be invalid", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  const text = `{
  "gateway": { "token": "abcdefgh12345678", "port": 99999 },
  "agent": { "model": "opus" }
}
`;
  await put(paths.configPath, text);

  const { before, result } = await doctorFix(dir.path, paths);
  assert.ok(before.some((p) => p.path === "gateway.port"));
  assert.deepEqual(result.fixed, []);
  assert.deepEqual(result.failed.map((f) => f.id), [
    "legacy-key:agent",
    "legacy-key:gateway-token",
  ]);
  assert.match(result.failed[0].error, /Did not change/);
  assert.match(result.failed[0].error, /gateway\.port: A port is/);
  assert.match(result.failed[0].error, /agents\.defaults\.model: A model is written/);
  assert.equal(await Deno.readTextFile(paths.configPath), text, "the config is untouched");
  assert.equal(await exists(paths.backupPath), false, "and no backup was made");
});

Deno.test("fix re-reads the config and refuses when it no longer parses", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, LEGACY);
  const host = testHost({ home: dir.path });
  const problems = await diagnose(host, paths);
  await put(paths.configPath, `{ "agent": { ,`);
  const result = await applyDoctorFixes(host, paths, problems);
  assert.deepEqual(result.fixed, []);
  assert.match(result.failed[0].error, /syntax errors/);
  assert.equal(await Deno.readTextFile(paths.configPath), `{ "agent": { ,`);
});

Deno.test("loose modes are tightened to 0600 for files and 0700 for folders", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, `{}`, 0o644);
  await put(paths.envFile, "A=b\n", 0o644);
  await put(`${paths.agentsDir}/main/agent/auth-profiles.json`, "{}", 0o644);
  await put(`${paths.credentialsDir}/telegram.json`, "{}", 0o664);
  await Deno.chmod(paths.credentialsDir, 0o755);
  await Deno.chmod(paths.stateDir, 0o755);

  const { before, result, after } = await doctorFix(dir.path, paths);
  assert.equal(before.length, 6);
  assert.deepEqual(result.failed, []);
  assert.equal(result.fixed.length, 6);
  assert.ok(result.fixed.includes("chmod 600 ~/.openclaw/openclaw.json"));
  assert.deepEqual(after, []);
  assert.equal(await modeOf(paths.configPath), 0o600);
  assert.equal(await modeOf(paths.envFile), 0o600);
  assert.equal(await modeOf(`${paths.agentsDir}/main/agent/auth-profiles.json`), 0o600);
  assert.equal(await modeOf(`${paths.credentialsDir}/telegram.json`), 0o600);
  assert.equal(await modeOf(paths.credentialsDir), 0o700);
  assert.equal(await modeOf(paths.stateDir), 0o700);
});

Deno.test("only fixable problems are touched", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, `{}`, 0o644);
  const host = testHost({ home: dir.path });
  const [problem] = await diagnose(host, paths);
  const result = await applyDoctorFixes(host, paths, [{ ...problem, fixable: false }]);
  assert.deepEqual(result, { fixed: [], failed: [] });
  assert.equal(await modeOf(paths.configPath), 0o644);
});

Deno.test("a fixable problem doctor cannot fix is reported as failed", async () => {
  await using dir = await tempDir();
  const paths = resolvePaths(testHost({ home: dir.path }));
  const odd: DoctorProblem = {
    id: "something-new",
    severity: "warning",
    message: "x",
    fix: "do y",
    fixable: true,
  };
  const result = await applyDoctorFixes(testHost({ home: dir.path }), paths, [odd]);
  assert.deepEqual(result.fixed, []);
  assert.equal(result.failed[0].id, "something-new");
  assert.match(result.failed[0].error, /do y/);
});

Deno.test("a legacy state dir is moved into a new 0700 state dir; nothing is deleted", async () => {
  await using dir = await tempDir();
  const home = dir.path;
  const paths = resolvePaths(testHost({ home }));
  const old = `${home}/.clawdbot`;
  const legacyConfig = `{
  // from clawdbot
  "agents": { "defaults": { "workspace": "~/.clawdbot/workspace" } },
  "gateway": { "port": 18789 }
}
`;
  await put(`${old}/clawdbot.json`, legacyConfig);
  await put(`${old}/credentials/whatsapp/creds.json`, "{}");
  await put(`${old}/workspace/AGENTS.md`, "# agents\n", 0o644);
  await put(`${old}/agents/main/sessions/s1.jsonl`, "{}\n");

  const { result, after } = await doctorFix(home, paths);
  assert.deepEqual(result.failed, []);
  assert.equal(result.fixed.length, 1);
  assert.match(result.fixed[0], /clawdbot\.json → ~\/\.openclaw\/openclaw\.json/);
  assert.deepEqual(after, []);

  assert.equal(await modeOf(paths.stateDir), 0o700);
  assert.equal(await Deno.readTextFile(`${paths.credentialsDir}/whatsapp/creds.json`), "{}");
  assert.equal(await Deno.readTextFile(`${paths.stateDir}/workspace/AGENTS.md`), "# agents\n");
  assert.ok(await exists(`${paths.agentsDir}/main/sessions/s1.jsonl`));
  assert.ok(await exists(old), "the old folder stays (empty)");
  assert.deepEqual(await Array.fromAsync(Deno.readDir(old)), []);

  // The workspace path followed the move; the moved original is the backup.
  const text = await Deno.readTextFile(paths.configPath);
  assert.ok(text.includes("// from clawdbot"));
  assert.deepEqual(parseConfigText(text).data, {
    agents: { defaults: { workspace: `${paths.stateDir}/workspace` } },
    gateway: { port: 18789 },
  });
  assert.equal(await Deno.readTextFile(paths.backupPath), legacyConfig);
});

Deno.test("moving a legacy dir never replaces what the new state dir already has", async () => {
  await using dir = await tempDir();
  const home = dir.path;
  const paths = await setup(home);
  await put(`${paths.stateDir}/workspace/AGENTS.md`, "new\n");
  await put(`${home}/.moltbot/moltbot.json`, `{}`);
  await put(`${home}/.moltbot/workspace/AGENTS.md`, "old\n");
  await put(`${home}/.moltbot/.env`, "A=b\n");

  const [legacy] = await findLegacyStateDirs(testHost({ home }), paths);
  const r = await migrateLegacyStateDir(testHost({ home }), paths, legacy);
  assert.equal(r.moved, true);
  assert.match(r.message, /left in ~\/\.moltbot .*: workspace/);
  assert.equal(await Deno.readTextFile(`${paths.stateDir}/workspace/AGENTS.md`), "new\n");
  assert.equal(await Deno.readTextFile(`${home}/.moltbot/workspace/AGENTS.md`), "old\n");
  assert.equal(await Deno.readTextFile(paths.envFile), "A=b\n");
  assert.equal(await Deno.readTextFile(paths.configPath), "{}");
});

Deno.test("with a config in both places, nothing moves and both files are named", async () => {
  await using dir = await tempDir();
  const home = dir.path;
  const paths = await setup(home);
  await put(paths.configPath, `{ "gateway": { "port": 1234 } }`);
  await put(`${home}/.clawdbot/clawdbot.json`, `{ "gateway": { "port": 5678 } }`);
  await put(`${home}/.clawdbot/credentials/a.json`, "{}");

  const host = testHost({ home });
  const [legacy] = await findLegacyStateDirs(host, paths);
  assert.deepEqual(legacy, {
    dir: `${home}/.clawdbot`,
    configFile: `${home}/.clawdbot/clawdbot.json`,
  });
  const r = await migrateLegacyStateDir(host, paths, legacy);
  assert.equal(r.moved, false);
  assert.match(r.message, /~\/\.clawdbot\/clawdbot\.json and ~\/\.openclaw\/openclaw\.json/);
  assert.match(r.message, /by hand/);

  // doctor --fix leaves it alone too: the problem is not fixable.
  const { before, result } = await doctorFix(home, paths);
  assert.equal(before.find((p) => p.id === PROBLEM_IDS.legacyStateDir)?.fixable, false);
  assert.deepEqual(result, { fixed: [], failed: [] });
  assert.equal(await Deno.readTextFile(paths.configPath), `{ "gateway": { "port": 1234 } }`);
  assert.ok(await exists(`${home}/.clawdbot/clawdbot.json`));
  assert.ok(await exists(`${home}/.clawdbot/credentials/a.json`));
  assert.equal(await exists(`${paths.credentialsDir}/a.json`), false);
});

Deno.test("two legacy dirs: the first moves, the second is reported for merging by hand", async () => {
  await using dir = await tempDir();
  const home = dir.path;
  const paths = resolvePaths(testHost({ home }));
  await put(`${home}/.moltbot/moltbot.json`, `{ "gateway": { "port": 1111 } }`);
  await put(`${home}/.clawdbot/clawdbot.json`, `{ "gateway": { "port": 2222 } }`);

  const { result } = await doctorFix(home, paths);
  assert.equal(result.fixed.length, 1);
  assert.match(result.fixed[0], /moltbot\.json/);
  assert.deepEqual(result.failed.map((f) => f.id), [PROBLEM_IDS.legacyStateDir]);
  assert.match(result.failed[0].error, /clawdbot\.json and ~\/\.openclaw\/openclaw\.json/);
  assert.equal(await Deno.readTextFile(paths.configPath), `{ "gateway": { "port": 1111 } }`);
  assert.ok(await exists(`${home}/.clawdbot/clawdbot.json`));
});

/** diagnose + fix with the env a user would set (OPENCLAW_CONFIG_PATH, OPENCLAW_STATE_DIR). */
async function doctorFixEnv(home: string, env: Record<string, string>) {
  const host = testHost({ home, env });
  const paths = resolvePaths(host);
  const before = await diagnose(host, paths);
  const result = await applyDoctorFixes(host, paths, before);
  return { paths, before, result };
}

const modeProblem = (ps: DoctorProblem[], path: string) =>
  ps.find((p) => p.path === path && p.id.startsWith("loose-"));

Deno.test("fix never chmods a file at OPENCLAW_CONFIG_PATH that is not an openclaw config", async () => {
  await using dir = await tempDir();
  const stray = `${dir.path}/some-other-file`;
  await put(stray, "not json at all: PATH=/usr/bin\n", 0o644);
  const { before, result } = await doctorFixEnv(dir.path, { OPENCLAW_CONFIG_PATH: stray });
  assert.equal(await modeOf(stray), 0o644);
  const p = modeProblem(before, stray);
  assert.ok(p, "the loose mode is still reported");
  assert.equal(p.fixable, false);
  assert.match(p.message, /not an openclaw config/);
  assert.ok(!result.fixed.some((f) => f.includes(stray)));
});

Deno.test("fix keeps a shared (1777) state dir's mode and sticky bit", async () => {
  await using dir = await tempDir();
  const shared = `${dir.path}/shared`;
  await Deno.mkdir(shared);
  await Deno.chmod(shared, 0o1777);
  const { before, result } = await doctorFixEnv(dir.path, { OPENCLAW_STATE_DIR: shared });
  assert.equal((await Deno.stat(shared)).mode! & 0o7777, 0o1777);
  const p = modeProblem(before, shared);
  assert.ok(p);
  assert.equal(p.fixable, false);
  assert.match(p.message, /shared folder/);
  assert.deepEqual(result.fixed, []);
});

Deno.test("fix does not follow a symlinked credential file", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  const target = `${dir.path}/elsewhere.json`;
  await put(target, "{}", 0o644);
  await Deno.mkdir(paths.credentialsDir, { mode: 0o700 });
  await Deno.symlink(target, `${paths.credentialsDir}/oauth.json`);
  await put(paths.configPath, "{}", 0o644);
  const { before, result } = await doctorFix(dir.path, paths);
  assert.equal(await modeOf(target), 0o644, "the link's target was chmodded");
  assert.equal(await modeOf(paths.configPath), 0o600, "the normal case still tightens");
  const p = before.find((p) => p.path === `${paths.credentialsDir}/oauth.json`);
  assert.ok(p, "the link is reported");
  assert.equal(p.fixable, false);
  assert.match(p.message, /symbolic link/);
  assert.ok(!result.fixed.some((f) => f.includes("oauth.json")));
});

Deno.test({
  name: "fix skips a config file owned by another user",
  ignore: Deno.uid() !== 0,
  fn: async () => {
    await using dir = await tempDir();
    const paths = await setup(dir.path);
    await put(paths.configPath, "{}", 0o644);
    await Deno.chown(paths.configPath, 65534, 65534); // nobody
    const { before, result } = await doctorFix(dir.path, paths);
    assert.equal(await modeOf(paths.configPath), 0o644);
    const p = modeProblem(before, paths.configPath);
    assert.ok(p);
    assert.equal(p.fixable, false);
    assert.match(p.message, /owned by uid 65534/);
    assert.deepEqual(result.fixed, []);
  },
});

Deno.test("fix re-checks ownership at fix time: a file swapped for a symlink is left alone", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, "{}", 0o644);
  const host = testHost({ home: dir.path });
  const before = await diagnose(host, paths);
  const target = `${dir.path}/victim`;
  await put(target, "x", 0o644);
  await Deno.remove(paths.configPath);
  await Deno.symlink(target, paths.configPath);
  const result = await applyDoctorFixes(host, paths, before);
  assert.equal(await modeOf(target), 0o644);
  assert.match(result.failed[0].error, /symbolic link/);
});

Deno.test("fix never chmods another program's JSON at OPENCLAW_CONFIG_PATH", async () => {
  await using dir = await tempDir();
  const other = `${dir.path}/package.json`;
  await put(other, '{ "name": "x", "version": "1.0.0" }\n', 0o644);
  const { before } = await doctorFixEnv(dir.path, { OPENCLAW_CONFIG_PATH: other });
  assert.equal(await modeOf(other), 0o644);
  assert.match(modeProblem(before, other)!.message, /not an openclaw config/);
});

Deno.test("a config with a wrong value or legacy keys is still openclaw's, and is tightened", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, '{ "gateway": { "port": 70000 }, "agent": {} }\n', 0o644);
  await doctorFix(dir.path, paths);
  assert.equal(await modeOf(paths.configPath), 0o600);
});
