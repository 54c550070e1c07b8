import assert from "node:assert/strict";
import { acquireLock } from "../../lib/config/lock.ts";
import { ActionableError } from "../../lib/errors.ts";
import { tempDir, testHost } from "../helpers/host.ts";

Deno.test("lock: a second holder is refused with the first one's pid and command", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const path = `${home.path}/.openclaw/openclaw.json.lock`;
  const first = await acquireLock(host, path, "openclaw onboard");
  // A live process other than us holds it:
  const sleeper = new Deno.Command("sleep", { args: ["30"] }).spawn();
  try {
    await Deno.writeTextFile(
      path,
      JSON.stringify({
        pid: sleeper.pid,
        hostname: "testhost",
        command: "openclaw onboard",
        startedAt: "x",
      }),
    );
    await assert.rejects(acquireLock(host, path, "openclaw doctor", { waitMs: 0 }), (e: Error) => {
      assert.ok(e instanceof ActionableError);
      assert.match(e.message, new RegExp(`pid ${sleeper.pid}`));
      assert.match(e.message, /openclaw onboard/);
      return true;
    });
  } finally {
    sleeper.kill();
    await sleeper.status;
  }
  // Its process is gone now: the lock is stale and taken over.
  const again = await acquireLock(host, path, "openclaw doctor");
  assert.equal(JSON.parse(await Deno.readTextFile(path)).command, "openclaw doctor");
  await again.release();
  await first.release(); // not ours any more: must not remove anything
  await assert.rejects(Deno.stat(path));
});

Deno.test("lock: releasing removes the state dir it created when nothing else was written", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const lock = await acquireLock(
    host,
    `${home.path}/.openclaw/openclaw.json.lock`,
    "openclaw onboard",
  );
  await lock.release();
  assert.deepEqual([...Deno.readDirSync(home.path)], []);
});

const BOOT_ID = (await Deno.readTextFile("/proc/sys/kernel/random/boot_id").catch(() => "")).trim();

/** A lock record as another run would have written it. */
function holderRecord(fields: Record<string, unknown>): string {
  return JSON.stringify({ command: "openclaw onboard", startedAt: "x", ...fields }) + "\n";
}

/** A pid no process has (the highest pid_max is 4194304). */
const DEAD_PID = 4_194_000;

Deno.test("lock: many runs racing for a stale lock never hold it at the same time", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const path = `${home.path}/.openclaw/openclaw.json.lock`;
  await Deno.mkdir(`${home.path}/.openclaw`);
  await Deno.writeTextFile(path, holderRecord({ pid: DEAD_PID, hostname: "testhost" }));
  let inside = 0;
  let most = 0;
  await Promise.all(Array.from({ length: 8 }, async (_, i) => {
    const lock = await acquireLock(host, path, `run ${i}`, { waitMs: 20_000 });
    inside++;
    most = Math.max(most, inside);
    // Give the others a chance to (wrongly) take it over meanwhile.
    await new Promise((r) => setTimeout(r, 5));
    inside--;
    await lock.release();
  }));
  assert.equal(most, 1, "two runs held the lock at once");
  assert.deepEqual([...Deno.readDirSync(`${home.path}/.openclaw`)].map((e) => e.name), []);
});

Deno.test("lock: an empty lock file younger than a few seconds is held (its creator is writing it)", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const path = `${home.path}/.openclaw/openclaw.json.lock`;
  await Deno.mkdir(`${home.path}/.openclaw`);
  await Deno.writeTextFile(path, "");
  await assert.rejects(acquireLock(host, path, "openclaw doctor", { waitMs: 0 }), (e: Error) => {
    assert.ok(e instanceof ActionableError);
    assert.match(e.message, /Another openclaw is changing this state/);
    assert.match(e.message, /still being written/);
    return true;
  });
  assert.equal(await Deno.readTextFile(path), "", "the creator's file is left alone");
  // Long abandoned (a crash between create and write): taken over.
  const old = new Date(Date.now() - 60_000);
  await Deno.utime(path, old, old);
  const lock = await acquireLock(host, path, "openclaw doctor", { waitMs: 0 });
  assert.equal(JSON.parse(await Deno.readTextFile(path)).command, "openclaw doctor");
  await lock.release();
});

Deno.test("lock: a busy lock is waited for, then taken when its holder releases it", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const path = `${home.path}/.openclaw/openclaw.json.lock`;
  const first = await acquireLock(host, path, "openclaw onboard");
  const second = acquireLock(host, path, "openclaw agents add", { waitMs: 20_000 });
  // Until the second run says it waits (no fixed sleep).
  while (!host.err.join("").includes("Waiting")) await new Promise((r) => setTimeout(r, 5));
  assert.match(
    host.err.join(""),
    /Waiting for another openclaw to finish \(pid \d+ \(`openclaw onboard`/,
  );
  await first.release();
  const lock = await second;
  assert.equal(JSON.parse(await Deno.readTextFile(path)).command, "openclaw agents add");
  await lock.release();
});

Deno.test(
  "lock: a stale lock from another hostname (a container that started again) is taken over",
  {
    ignore: BOOT_ID === "",
  },
  async () => {
    await using home = await tempDir();
    const host = testHost({ home: home.path });
    const path = `${home.path}/.openclaw/openclaw.json.lock`;
    await Deno.mkdir(`${home.path}/.openclaw`);
    // Same kernel (boot id), another hostname, its pid gone.
    await Deno.writeTextFile(
      path,
      holderRecord({ pid: DEAD_PID, hostname: "c0ffee123456", bootId: BOOT_ID, processStart: "1" }),
    );
    const lock = await acquireLock(host, path, "openclaw doctor", { waitMs: 0 });
    assert.equal(JSON.parse(await Deno.readTextFile(path)).command, "openclaw doctor");
    await lock.release();
    // From another boot (before a reboot), whatever the pid: taken over too.
    await Deno.writeTextFile(
      path,
      holderRecord({ pid: Deno.pid, hostname: "elsewhere", bootId: "another-boot" }),
    );
    (await acquireLock(host, path, "openclaw doctor", { waitMs: 0 })).release();
  },
);

Deno.test("lock: a pid now used by another program is taken over; the real holder is not", {
  ignore: BOOT_ID === "",
}, async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const path = `${home.path}/.openclaw/openclaw.json.lock`;
  await Deno.mkdir(`${home.path}/.openclaw`);
  const sleeper = new Deno.Command("sleep", { args: ["30"] }).spawn();
  try {
    const stat = await Deno.readTextFile(`/proc/${sleeper.pid}/stat`);
    const realStart = stat.slice(stat.lastIndexOf(")") + 1).trim().split(/\s+/)[19];
    // The record's start time is not the sleeper's: the pid was reused.
    await Deno.writeTextFile(
      path,
      holderRecord({ pid: sleeper.pid, hostname: "gone", bootId: BOOT_ID, processStart: "7" }),
    );
    const lock = await acquireLock(host, path, "openclaw doctor", { waitMs: 0 });
    await lock.release();
    // The record matches the sleeper: it is the holder, on another hostname or not.
    await Deno.writeTextFile(
      path,
      holderRecord({
        pid: sleeper.pid,
        hostname: "other",
        bootId: BOOT_ID,
        processStart: realStart,
      }),
    );
    await assert.rejects(
      acquireLock(host, path, "openclaw doctor", { waitMs: 0 }),
      new RegExp(`pid ${sleeper.pid} .* on other`),
    );
  } finally {
    sleeper.kill();
    await sleeper.status;
  }
});
