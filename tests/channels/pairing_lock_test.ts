/**
 * The pairing files' lock is the state lock's kind (lib/config/lock.ts): a
 * lock left by a crashed run is taken over at once (its process is gone),
 * not after a 10 s age, and never by two runs at a time.
 */
import assert from "node:assert/strict";
import { resolvePaths } from "../../lib/config/paths.ts";
import { PairingStore } from "../../lib/channels/pairing-store.ts";
import { tempDir, testHost } from "../helpers/host.ts";

Deno.test("pairing lock: a lock left by a crashed run does not hold up the next one", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const paths = resolvePaths(host);
  await Deno.mkdir(paths.credentialsDir, { recursive: true, mode: 0o700 });
  // Written a moment ago by a process that no longer exists.
  await Deno.writeTextFile(
    `${paths.credentialsDir}/telegram-pairing.json.lock`,
    JSON.stringify({ pid: 4_194_000, hostname: "testhost", command: "gateway", startedAt: "x" }),
  );
  const store = new PairingStore(host, paths);
  const r = await store.request("telegram", { senderId: "7", chatId: "7" });
  assert.equal(r.status, "created");
  assert.deepEqual(
    [...Deno.readDirSync(paths.credentialsDir)].map((e) => e.name).filter((n) =>
      n.includes(".lock")
    ),
    [],
  );
});

Deno.test("pairing lock: requests from several stores at once are all kept", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const paths = resolvePaths(host);
  const stores = [0, 1, 2].map(() => new PairingStore(host, paths));
  await Promise.all(stores.map((s, i) => s.request("telegram", { senderId: `${i}` })));
  assert.deepEqual(
    (await stores[0].pending("telegram")).map((r) => r.senderId).sort(),
    ["0", "1", "2"],
  );
});
