import assert from "node:assert/strict";
import { diagnose, type DoctorProblem, PROBLEM_IDS } from "../../lib/doctor/checks.ts";
import { authProfilesPath, resolvePaths, type StatePaths } from "../../lib/config/paths.ts";
import { tempDir, testHost } from "../helpers/host.ts";

/** Write a file with an exact mode (the umask would filter the create mode). */
async function put(path: string, text: string, mode = 0o600): Promise<void> {
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(path, text);
  await Deno.chmod(path, mode);
}

async function setup(home: string): Promise<StatePaths> {
  const paths = resolvePaths(testHost({ home }));
  await Deno.mkdir(paths.stateDir, { mode: 0o700 });
  await Deno.chmod(paths.stateDir, 0o700);
  return paths;
}

async function run(home: string, paths: StatePaths): Promise<DoctorProblem[]> {
  return await diagnose(testHost({ home }), paths);
}

const VALID = `{
  // a good config
  "gateway": {
    "port": 18789,
    "bind": "loopback",
    "auth": { "mode": "token", "token": "abcdefgh12345678" }
  },
  "agents": { "defaults": { "model": "anthropic/claude-sonnet-4-5" } }
}
`;

Deno.test("a valid config with private files has no problems", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, VALID);
  assert.deepEqual(await run(dir.path, paths), []);
});

Deno.test("a missing config is a warning that points to onboard", async () => {
  await using dir = await tempDir();
  const paths = resolvePaths(testHost({ home: dir.path }));
  const problems = await run(dir.path, paths);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].id, PROBLEM_IDS.configMissing);
  assert.equal(problems[0].severity, "warning");
  assert.equal(problems[0].fixable, false);
  assert.match(problems[0].fix, /openclaw onboard/);
});

Deno.test("broken JSONC is reported with line and column, and nothing else about the config", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(
    paths.configPath,
    `{
  // comments are fine
  "gateway": {
    "port": 18789
    "bind": "loopback"
  }
}
`,
  );
  const problems = await run(dir.path, paths);
  assert.ok(problems.length >= 1);
  for (const p of problems) {
    assert.equal(p.id, PROBLEM_IDS.configSyntax);
    assert.equal(p.severity, "error");
    assert.equal(p.fixable, false);
    assert.equal(p.path, paths.configPath);
  }
  assert.equal(problems[0].message, "Syntax error at line 5, column 5: CommaExpected.");
  assert.match(problems[0].fix, /~\/\.openclaw\/openclaw\.json:5:5 /);
});

Deno.test("wrong types are reported at their key path with a fix hint", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(
    paths.configPath,
    `{
  "gateway": { "port": "18789", "bind": "everywhere" },
  "agents": {
    "defaults": { "model": "opus" },
    "list": [{ "id": "main" }, { "id": 7 }]
  },
  "colour": "blue"
}
`,
  );
  const problems = await run(dir.path, paths);
  const byPath = new Map(problems.map((p) => [p.path, p]));
  assert.deepEqual([...byPath.keys()].sort(), [
    "agents.defaults.model",
    "agents.list[1].id",
    "colour",
    "gateway.bind",
    "gateway.port",
  ]);
  for (const p of problems) {
    // An unknown key is kept and only warned about (issue 18); wrong values stay errors.
    assert.equal(p.severity, p.path === "colour" ? "warning" : "error");
    assert.equal(p.fixable, false);
  }
  const port = byPath.get("gateway.port")!;
  assert.equal(port.id, PROBLEM_IDS.configInvalid);
  assert.equal(port.message, "A port is a whole number from 1 to 65535.");
  assert.match(port.fix, /Set gateway\.port/);
  assert.match(byPath.get("gateway.bind")!.message, /bind is one of/);
  // The union's useless "Invalid input" is replaced by the string branch's message.
  assert.match(byPath.get("agents.defaults.model")!.message, /provider\/model/);
  assert.match(byPath.get("agents.list[1].id")!.fix, /agents\.list entry an id/);
  const unknown = byPath.get("colour")!;
  assert.equal(unknown.id, PROBLEM_IDS.configUnknownKey);
  assert.match(unknown.fix, /remove colour from ~\/\.openclaw\/openclaw\.json/);
  assert.match(unknown.message, /not used by this version of openclaw/i);
});

Deno.test("a wrong value inside a channel's section points to that key and to channels add", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, `{ "channels": { "slack": { "requireMention": "yes" } } }`);
  const [p] = await run(dir.path, paths);
  assert.equal(p.path, "channels.slack.requireMention");
  assert.equal(p.message, "requireMention is true or false.");
  assert.equal(
    p.fix,
    "Correct channels.slack.requireMention as the message says, or set the channel up again " +
      "with `openclaw channels add --channel slack`.",
  );
});

Deno.test("a path without a hint gets the generic fix naming the file", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, `{ "meta": "not an object" }`);
  const [p] = await run(dir.path, paths);
  assert.equal(p.path, "meta");
  assert.equal(p.fix, "Edit ~/.openclaw/openclaw.json at meta.");
});

Deno.test("legacy keys: one fixable error per rule, not also reported as unknown keys", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(
    paths.configPath,
    `{
  "agent": { "model": "anthropic/claude-opus-4-5" },
  "gateway": { "token": "abcdefgh12345678", "bind": "0.0.0.0" },
  "telegram": { "botToken": "1:a" },
  "slack": { "botToken": "xoxb" }
}
`,
  );
  const problems = await run(dir.path, paths);
  assert.deepEqual(
    problems.map((p) => [p.id, p.path, p.severity, p.fixable]),
    [
      ["legacy-key:agent", "agent", "error", true],
      ["legacy-key:gateway-token", "gateway.token", "error", true],
      ["legacy-key:gateway-bind", "gateway.bind", "error", true],
      ["legacy-key:channels", "telegram, slack", "error", true],
    ],
  );
  assert.match(problems[0].message, /agents\.defaults/);
  assert.match(problems[0].fix, /doctor --fix/);
});

Deno.test("a bad value under a legacy key is reported at its new path", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, `{ "agent": { "model": "opus" } }`);
  const problems = await run(dir.path, paths);
  assert.deepEqual(problems.map((p) => [p.id, p.path]), [
    ["legacy-key:agent", "agent"],
    [PROBLEM_IDS.configInvalid, "agents.defaults.model"],
  ]);
});

Deno.test("secret files and folders with loose modes are fixable warnings", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, VALID, 0o644);
  await put(paths.backupPath, VALID, 0o600);
  await put(paths.envFile, "OPENCLAW_GATEWAY_TOKEN=x\n", 0o640);
  await put(authProfilesPath(paths, "main"), "{}", 0o644);
  await put(authProfilesPath(paths, "work"), "{}", 0o600);
  await put(`${paths.credentialsDir}/whatsapp/default/creds.json`, "{}", 0o644);
  await put(`${paths.credentialsDir}/oauth.json`, "{}", 0o400);
  await Deno.chmod(paths.stateDir, 0o755);
  await Deno.chmod(paths.credentialsDir, 0o750);

  const problems = await run(dir.path, paths);
  assert.deepEqual(
    problems.map((p) => [p.id, p.path]),
    [
      [PROBLEM_IDS.looseDirMode, paths.stateDir],
      [PROBLEM_IDS.looseDirMode, paths.credentialsDir],
      [PROBLEM_IDS.looseFileMode, paths.configPath],
      [PROBLEM_IDS.looseFileMode, paths.envFile],
      [PROBLEM_IDS.looseFileMode, authProfilesPath(paths, "main")],
      [PROBLEM_IDS.looseFileMode, `${paths.credentialsDir}/whatsapp/default/creds.json`],
    ],
  );
  for (const p of problems) {
    assert.equal(p.severity, "warning");
    assert.equal(p.fixable, true);
  }
  assert.match(problems[0].message, /^Mode 755: /);
  assert.match(problems[0].fix, /^chmod 700 /);
  assert.match(problems[2].message, /^Mode 644: /);
  assert.match(problems[2].fix, /^chmod 600 /);
});

Deno.test("mode checks are skipped on Windows", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, VALID, 0o644);
  const host = testHost({ home: dir.path, platform: "windows" });
  assert.deepEqual(await diagnose(host, paths), []);
});

Deno.test("a legacy state dir is fixable while the new state has no config", async () => {
  await using dir = await tempDir();
  const paths = resolvePaths(testHost({ home: dir.path }));
  await put(`${dir.path}/.clawdbot/clawdbot.json`, VALID);
  await Deno.mkdir(`${dir.path}/.moltbot`); // empty: nothing to move, not reported

  const problems = await run(dir.path, paths);
  assert.deepEqual(problems.map((p) => [p.id, p.path, p.fixable]), [
    [PROBLEM_IDS.configMissing, paths.configPath, false],
    [PROBLEM_IDS.legacyStateDir, `${dir.path}/.clawdbot`, true],
  ]);
  assert.match(problems[0].fix, /doctor --fix/);
  assert.match(problems[1].message, /former name, with its config ~\/\.clawdbot\/clawdbot\.json/);
});

Deno.test("a legacy state dir next to an existing config is reported, not fixable", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, VALID);
  await put(`${dir.path}/.moltbot/moltbot.json`, VALID);
  const problems = await run(dir.path, paths);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].id, PROBLEM_IDS.legacyStateDir);
  assert.equal(problems[0].fixable, false);
  assert.match(problems[0].fix, /~\/\.moltbot\/moltbot\.json.*~\/\.openclaw\/openclaw\.json/);
});

Deno.test("a legacy dir that is the current state dir is not reported", async () => {
  await using dir = await tempDir();
  const host = testHost({
    home: dir.path,
    env: { OPENCLAW_STATE_DIR: `${dir.path}/.clawdbot` },
  });
  const paths = resolvePaths(host);
  await put(paths.configPath, VALID);
  await Deno.chmod(paths.stateDir, 0o700);
  assert.deepEqual(await diagnose(host, paths), []);
});

Deno.test("allowlist entries that are not sender ids are listed per channel with the fix", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(
    paths.configPath,
    JSON.stringify({
      channels: {
        telegram: { dmPolicy: "allowlist", allowFrom: ["@alice", 123456789, "Bob"] },
        whatsapp: { dmPolicy: "allowlist", allowFrom: ["+15551234567"] },
        discord: { dmPolicy: "allowlist", allowFrom: ["jane", "111111111111111111"] },
        matrix: { dmPolicy: "open", allowFrom: ["*"] },
      },
    }),
  );
  const problems = (await run(dir.path, paths)).filter((p) => p.id === PROBLEM_IDS.allowlistNotIds);
  assert.deepEqual(problems.map((p) => [p.path, p.severity, p.fixable]), [
    ["channels.telegram.allowFrom", "warning", false],
    ["channels.discord.allowFrom", "warning", false],
  ]);
  assert.match(problems[0].message, /@alice, Bob .*never match/);
  assert.match(
    problems[0].fix,
    /numeric Telegram user ids[\s\S]*openclaw pairing approve telegram/,
  );
  assert.match(problems[1].message, /jane/);
});

Deno.test("a legacy top-level channel's allowlist is judged where it will move", async () => {
  await using dir = await tempDir();
  const paths = await setup(dir.path);
  await put(paths.configPath, JSON.stringify({ telegram: { allowFrom: ["@me"] } }));
  const problems = await run(dir.path, paths);
  assert.ok(
    problems.some((p) =>
      p.id === PROBLEM_IDS.allowlistNotIds && p.path === "channels.telegram.allowFrom"
    ),
    JSON.stringify(problems),
  );
});

Deno.test("a workspace in a system folder or the state dir is an error naming the key", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path });
  const paths = resolvePaths(host);
  await Deno.mkdir(paths.stateDir, { mode: 0o700 });
  await Deno.writeTextFile(
    paths.configPath,
    '{ "agents": { "defaults": { "workspace": "/etc" }, "list": [{ "id": "w", "workspace": "~/.openclaw/credentials" }] } }',
  );
  await Deno.chmod(paths.configPath, 0o600);
  const problems = await diagnose(host, paths);
  assert.deepEqual(problems.map((p) => p.path), [
    "agents.defaults.workspace",
    "agents.list[0].workspace",
  ]);
  assert.match(problems[0].message, /system folder/);
  assert.match(problems[1].message, /state folder/);
  assert.ok(problems.every((p) => p.severity === "error"));
});
