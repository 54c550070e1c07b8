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
    await assert.rejects(acquireLock(host, path, "openclaw doctor"), (e: Error) => {
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
