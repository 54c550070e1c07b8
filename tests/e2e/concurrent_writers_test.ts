/**
 * Black-box: several real `openclaw agents add` processes at the same time on
 * one temp HOME. One writer at a time, each reading the config after taking
 * the lock: every run that said "added" is in the final config, and a run
 * that could not get the lock in time says so (nothing is lost silently).
 */
import assert from "node:assert/strict";
import { tempDir, testHost } from "../helpers/host.ts";
import { allOutput, hasStackTrace, MAIN_TS, parentDenoDir, runCli } from "./cli.ts";
import { applyConfigEdits, readConfigFile, writeConfigText } from "../../lib/config/store.ts";
import { acquireLock } from "../../lib/config/lock.ts";
import { resolvePaths } from "../../lib/config/paths.ts";

const WRITERS = 6;
const ROUNDS = 2;

async function setUp(home: string): Promise<string> {
  const state = `${home}/.openclaw`;
  await Deno.mkdir(state, { mode: 0o700 });
  const path = `${state}/openclaw.json`;
  await Deno.writeTextFile(
    path,
    `{\n  "agents": { "defaults": { "workspace": "${state}/workspace" } }\n}\n`,
    { mode: 0o600 },
  );
  return path;
}

Deno.test("concurrent agents add: every run that printed success is in the config", async () => {
  await using home = await tempDir();
  const configPath = await setUp(home.path);
  const succeeded: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const names = Array.from({ length: WRITERS }, (_, i) => `r${round}w${i}`);
    // The last round does not wait for the lock: losers must say so.
    const env = round === ROUNDS - 1 ? { OPENCLAW_LOCK_WAIT_MS: "0" } : undefined;
    const runs = await Promise.all(
      names.map((name) =>
        runCli(["agents", "add", name, "--non-interactive"], { home: home.path, env })
      ),
    );
    runs.forEach((r, i) => {
      assert.ok(!hasStackTrace(allOutput(r)), allOutput(r));
      if (r.code === 0) {
        assert.match(r.stdout, /added/);
        succeeded.push(names[i]);
      } else {
        // A loser is told plainly, never a silent success.
        assert.match(allOutput(r), /Another openclaw is changing this state/);
      }
    });
  }
  const file = await readConfigFile(configPath);
  const ids = ((file.data as { agents?: { list?: { id: string }[] } }).agents?.list ?? [])
    .map((a) => a.id);
  const lost = succeeded.filter((n) => !ids.includes(n));
  assert.deepEqual(lost, [], `printed "added" but missing from the config: ${lost.join(", ")}`);
  // With the default wait (10 s) none of these short runs had to give up.
  for (let i = 0; i < WRITERS; i++) assert.ok(succeeded.includes(`r0w${i}`), `r0w${i} gave up`);
  assert.deepEqual(
    [...Deno.readDirSync(`${home.path}/.openclaw`)].filter((e) =>
      e.name.includes(".lock") || e.name.includes(".tmp")
    ),
    [],
  );
});

Deno.test(
  "a stale lock left by a container's earlier run (other hostname, same boot) is taken over",
  {
    ignore: Deno.build.os !== "linux",
  },
  async () => {
    await using home = await tempDir();
    const configPath = await setUp(home.path);
    const bootId = (await Deno.readTextFile("/proc/sys/kernel/random/boot_id")).trim();
    await Deno.writeTextFile(
      `${configPath}.lock`,
      JSON.stringify({
        pid: 4_194_000, // no such process
        hostname: "3f2a9c1b7d4e",
        command: "openclaw onboard",
        startedAt: "2026-11-24T10:00:00.000Z",
        bootId,
        processStart: "12345",
      }),
    );
    const r = await runCli(["agents", "add", "ops", "--non-interactive"], {
      home: home.path,
      env: { OPENCLAW_LOCK_WAIT_MS: "0" },
    });
    assert.equal(r.code, 0, allOutput(r));
    assert.match(r.stdout, /Agent "ops" added/);
    assert.ok(!(await Deno.stat(`${configPath}.lock`).then(() => true, () => false)));
  },
);

Deno.test("agents add waits for the lock and reads the config after taking it", {
  ignore: Deno.build.os !== "linux",
}, async () => {
  await using home = await tempDir();
  const configPath = await setUp(home.path);
  const host = testHost({ home: home.path });
  const paths = resolvePaths(host);
  // Another writer (this test) holds the lock.
  const held = await acquireLock(host, paths.lockPath, "openclaw onboard");
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", "-A", MAIN_TS, "agents", "add", "second", "--non-interactive"],
    cwd: home.path,
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      DENO_DIR: parentDenoDir(),
      NO_COLOR: "1",
      HOME: home.path,
      OPENCLAW_LOCK_WAIT_MS: "60000",
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stdout = new Response(child.stdout).text();
  // Wait until it says it is waiting (it has started and found the lock held).
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let stderr = "";
  while (!stderr.includes("Waiting for another openclaw")) {
    const { value, done } = await reader.read();
    if (done) break;
    stderr += value;
  }
  // Meanwhile the holder adds an agent of its own, then lets go.
  const text = await Deno.readTextFile(configPath);
  await writeConfigText(
    paths,
    applyConfigEdits(text, [{ path: ["agents", "list"], value: [{ id: "first" }] }]),
  );
  await held.release();
  const drained = (async () => {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return;
      stderr += value;
    }
  })();
  const status = await child.status;
  await drained;
  assert.equal(status.code, 0, `${await stdout}\n${stderr}`);
  assert.match(stderr, /Waiting for another openclaw to finish \(pid \d+ \(`openclaw onboard`/);
  const ids = ((await readConfigFile(configPath)).data as { agents: { list: { id: string }[] } })
    .agents.list.map((a) => a.id);
  assert.deepEqual(ids, ["first", "second"]);
});
