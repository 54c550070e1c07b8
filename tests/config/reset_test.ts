import assert from "node:assert/strict";
import { tempDir, testHost } from "../helpers/host.ts";
import { resolvePaths, type StatePaths } from "../../lib/config/paths.ts";
import {
  listResetTargets,
  performReset,
  RESET_SCOPE_LABELS,
  RESET_SCOPES,
  type ResetTarget,
} from "../../lib/config/reset.ts";
import { ActionableError } from "../../lib/errors.ts";

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function write(path: string, text = "x"): Promise<void> {
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(path, text);
}

/**
 * A state dir as onboarding leaves it: config and backup, credentials, .env,
 * two agents (main with auth profiles and sessions, ops with sessions only),
 * logs, and the default workspace.
 */
async function fakeState(home: string, env: Record<string, string> = {}): Promise<StatePaths> {
  const paths = resolvePaths(testHost({ home, env }));
  await write(paths.configPath, "{}");
  await write(paths.backupPath, "{}");
  await write(`${paths.credentialsDir}/oauth.json`);
  await write(paths.envFile, "KEY=1\n");
  await write(`${paths.agentsDir}/main/agent/auth-profiles.json`);
  await write(`${paths.agentsDir}/main/agent/models.json`);
  await write(`${paths.agentsDir}/main/sessions/s1.jsonl`);
  await write(`${paths.agentsDir}/ops/sessions/s2.jsonl`);
  await write(`${paths.logsDir}/gateway.log`);
  await write(`${paths.defaultWorkspace}/AGENTS.md`);
  return paths;
}

function rows(targets: ResetTarget[], base: string): string[] {
  return targets.map((t) => `${t.what}: ${t.path.replace(base, "~")}`);
}

Deno.test("reset scopes: three scopes, each with a label and a hint", () => {
  assert.deepEqual([...RESET_SCOPES], ["config", "config+creds+sessions", "full"]);
  assert.equal(RESET_SCOPE_LABELS.config.label, "Config only");
  assert.equal(
    RESET_SCOPE_LABELS["config+creds+sessions"].label,
    "Config + credentials + sessions",
  );
  assert.equal(RESET_SCOPE_LABELS.full.label, "Full reset (also the workspace)");
  for (const scope of RESET_SCOPES) assert.ok(RESET_SCOPE_LABELS[scope].hint.length > 10);
});

Deno.test("listResetTargets config: the config and its backup, only when they exist", async () => {
  await using dir = await tempDir();
  const paths = await fakeState(dir.path);
  await write(paths.lockPath);
  assert.deepEqual(rows(await listResetTargets(paths, "config"), dir.path), [
    "config: ~/.openclaw/openclaw.json",
    "config backup: ~/.openclaw/openclaw.json.bak",
  ]);

  await Deno.remove(paths.backupPath);
  assert.deepEqual(rows(await listResetTargets(paths, "config"), dir.path), [
    "config: ~/.openclaw/openclaw.json",
  ]);
});

Deno.test("listResetTargets config+creds+sessions: credentials, .env and every agent's auth and sessions", async () => {
  await using dir = await tempDir();
  const paths = await fakeState(dir.path);
  assert.deepEqual(rows(await listResetTargets(paths, "config+creds+sessions"), dir.path), [
    "config: ~/.openclaw/openclaw.json",
    "config backup: ~/.openclaw/openclaw.json.bak",
    "credentials: ~/.openclaw/credentials",
    ".env secrets: ~/.openclaw/.env",
    "auth profiles of agent main: ~/.openclaw/agents/main/agent/auth-profiles.json",
    "sessions of agent main: ~/.openclaw/agents/main/sessions",
    "sessions of agent ops: ~/.openclaw/agents/ops/sessions",
  ]);
});

Deno.test("listResetTargets: a state dir that does not exist gives nothing to do", async () => {
  await using dir = await tempDir();
  const paths = resolvePaths(testHost({ home: dir.path }));
  for (const scope of RESET_SCOPES) {
    assert.deepEqual(await listResetTargets(paths, scope, paths.defaultWorkspace), []);
  }
});

Deno.test("listResetTargets full: the state dir alone when the workspace is inside it", async () => {
  await using dir = await tempDir();
  const paths = await fakeState(dir.path);
  assert.deepEqual(rows(await listResetTargets(paths, "full"), dir.path), [
    "state dir: ~/.openclaw",
  ]);
  assert.deepEqual(
    rows(await listResetTargets(paths, "full", paths.defaultWorkspace), dir.path),
    ["state dir: ~/.openclaw"],
  );
});

Deno.test("listResetTargets full: a workspace outside the state dir is listed too", async () => {
  await using dir = await tempDir();
  const paths = await fakeState(dir.path);
  const ws = `${dir.path}/projects/agent-ws`;
  await write(`${ws}/SOUL.md`);
  assert.deepEqual(rows(await listResetTargets(paths, "full", ws), dir.path), [
    "state dir: ~/.openclaw",
    "workspace: ~/projects/agent-ws",
  ]);
  // A workspace that is gone is simply not listed.
  assert.deepEqual(
    rows(await listResetTargets(paths, "full", `${dir.path}/missing-ws`), dir.path),
    ["state dir: ~/.openclaw"],
  );
});

Deno.test("listResetTargets full: refuses a workspace that contains the state dir", async () => {
  await using dir = await tempDir();
  const paths = await fakeState(dir.path);
  await assert.rejects(
    () => listResetTargets(paths, "full", dir.path),
    (err: unknown) => err instanceof ActionableError && err.message.includes(paths.stateDir),
  );
});

Deno.test("listResetTargets full: a config outside the state dir is listed, its lock is not", async () => {
  await using dir = await tempDir();
  const paths = await fakeState(dir.path, { OPENCLAW_CONFIG_PATH: `${dir.path}/etc/oc.json` });
  await write(paths.lockPath);
  assert.deepEqual(rows(await listResetTargets(paths, "full"), dir.path), [
    "config: ~/etc/oc.json",
    "config backup: ~/etc/oc.json.bak",
    "state dir: ~/.openclaw",
  ]);
});

Deno.test("listResetTargets full: a held lock inside the state dir survives; its siblings are listed", async () => {
  await using dir = await tempDir();
  const paths = await fakeState(dir.path);
  await write(paths.lockPath);
  assert.deepEqual(rows(await listResetTargets(paths, "full"), dir.path), [
    ".env secrets: ~/.openclaw/.env",
    "agents: ~/.openclaw/agents",
    "credentials: ~/.openclaw/credentials",
    "logs: ~/.openclaw/logs",
    "config: ~/.openclaw/openclaw.json",
    "config backup: ~/.openclaw/openclaw.json.bak",
    "workspace: ~/.openclaw/workspace",
  ]);
});

Deno.test("listResetTargets keep: kept paths survive, deep ones split their folders", async () => {
  await using dir = await tempDir();
  const paths = await fakeState(dir.path);
  const models = `${paths.agentsDir}/main/agent/models.json`;
  assert.deepEqual(
    rows(
      await listResetTargets(paths, "full", undefined, { keep: [paths.logsDir, models] }),
      dir.path,
    ),
    [
      ".env secrets: ~/.openclaw/.env",
      "auth profiles of agent main: ~/.openclaw/agents/main/agent/auth-profiles.json",
      "sessions of agent main: ~/.openclaw/agents/main/sessions",
      "agent ops: ~/.openclaw/agents/ops",
      "credentials: ~/.openclaw/credentials",
      "config: ~/.openclaw/openclaw.json",
      "config backup: ~/.openclaw/openclaw.json.bak",
      "workspace: ~/.openclaw/workspace",
    ],
  );
  // Kept paths also drop targets of the smaller scopes.
  assert.deepEqual(
    rows(
      await listResetTargets(paths, "config", undefined, { keep: [paths.backupPath] }),
      dir.path,
    ),
    ["config: ~/.openclaw/openclaw.json"],
  );
});

Deno.test("performReset: config+creds+sessions moves exactly the targets to the trash", async () => {
  await using dir = await tempDir();
  const paths = await fakeState(dir.path);
  const host = testHost({ home: dir.path });
  const targets = await listResetTargets(paths, "config+creds+sessions");

  const moved = await performReset(host, targets);

  const files = `${dir.path}/.local/share/Trash/files`;
  assert.deepEqual(moved.map((m) => m.what), targets.map((t) => t.what));
  for (const m of moved) {
    assert.equal(await exists(m.from), false, `${m.from} is gone`);
    assert.ok(await exists(m.to), `${m.to} is in the trash`);
    assert.ok(m.to.startsWith(`${files}/`));
  }
  assert.equal(
    await Deno.readTextFile(`${files}/credentials/oauth.json`),
    "x",
  );
  assert.ok(await exists(`${files}/sessions/s1.jsonl`));
  assert.ok(await exists(`${files}/sessions.2/s2.jsonl`));
  // What the scope does not cover stays.
  assert.ok(await exists(`${paths.agentsDir}/main/agent/models.json`));
  assert.ok(await exists(`${paths.logsDir}/gateway.log`));
  assert.ok(await exists(`${paths.defaultWorkspace}/AGENTS.md`));
});

Deno.test("performReset: full with an outside workspace leaves neither behind", async () => {
  await using dir = await tempDir();
  const paths = await fakeState(dir.path);
  const ws = `${dir.path}/ws`;
  await write(`${ws}/SOUL.md`, "soul");
  const host = testHost({ home: dir.path });

  const moved = await performReset(host, await listResetTargets(paths, "full", ws));

  const trash = `${dir.path}/.local/share/Trash`;
  assert.deepEqual(moved, [
    { what: "state dir", from: paths.stateDir, to: `${trash}/files/.openclaw` },
    { what: "workspace", from: ws, to: `${trash}/files/ws` },
  ]);
  assert.equal(await exists(paths.stateDir), false);
  assert.equal(await exists(ws), false);
  assert.equal(await Deno.readTextFile(`${trash}/files/ws/SOUL.md`), "soul");
  assert.ok(await exists(`${trash}/files/.openclaw/agents/main/sessions/s1.jsonl`));
  assert.ok(await exists(`${trash}/info/.openclaw.trashinfo`));
});

Deno.test("performReset: a failure after some moves says what already went to the trash", async () => {
  await using dir = await tempDir();
  const paths = await fakeState(dir.path);
  const host = testHost({ home: dir.path });
  const targets: ResetTarget[] = [
    { path: paths.configPath, what: "config" },
    { path: `${dir.path}/vanished`, what: "something gone" },
  ];
  await assert.rejects(
    () => performReset(host, targets),
    (err: unknown) =>
      err instanceof ActionableError && err.message.includes(`${dir.path}/vanished`) &&
      err.message.includes("config: "),
  );
  assert.equal(await exists(paths.configPath), false);
});

Deno.test("listResetTargets full: the public CLI's state/openclaw.sqlite is never moved", async () => {
  await using dir = await tempDir();
  const paths = await fakeState(dir.path);
  await write(`${paths.stateDir}/state/openclaw.sqlite`);
  const rowsFull = rows(await listResetTargets(paths, "full"), dir.path);
  assert.ok(rowsFull.includes("agents: ~/.openclaw/agents"), rowsFull.join("\n"));
  assert.ok(
    !rowsFull.some((r) => r.includes("/state") || r.endsWith("~/.openclaw")),
    rowsFull.join("\n"),
  );
});
