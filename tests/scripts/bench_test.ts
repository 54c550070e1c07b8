/**
 * The bench's two first-run measures, against stand-in programs (no network):
 * the cold start's download size, and the time until a question is on a
 * pseudo-terminal's screen.
 */
import assert from "node:assert/strict";
import { benchCold, cachedPackages, judgeCold, TARGETS, timeToScreen } from "../../bench/bench.ts";
import { tempDir } from "../helpers/host.ts";

const hasScript = await Deno.stat("/usr/bin/script").then(() => true, () => false);

Deno.test("bench: the cold case counts what an empty Deno cache fetched, and judges it", async () => {
  await using dir = await tempDir();
  // A stand-in main.ts: on the onboard run it "downloads" two packages into DENO_DIR/npm.
  await Deno.writeTextFile(
    `${dir.path}/main.ts`,
    `if (Deno.args[0] === "onboard") {
      const npm = Deno.env.get("DENO_DIR") + "/npm/registry.npmjs.org";
      for (const [p, n] of [["zod/4.6.7", 3 << 20], ["@clack/core/1.6.0", 1 << 20]]) {
        await Deno.mkdir(npm + "/" + p, { recursive: true });
        await Deno.writeFile(npm + "/" + p + "/index.js", new Uint8Array(n));
      }
      console.error("Ignored build scripts for packages: x");
      if (Deno.env.get("HOME") === Deno.env.get("REAL_HOME")) Deno.exit(9);
    }`,
  );
  const cold = await benchCold(
    { PATH: Deno.env.get("PATH") ?? "", REAL_HOME: Deno.env.get("HOME") ?? "" },
    { root: dir.path },
  );
  assert.deepEqual(cold.packages, ["@clack/core@1.6.0", "zod@4.6.7"]);
  assert.equal(cold.npmMiB, 4);
  assert.equal(cold.buildScriptWarning, true);
  assert.deepEqual(judgeCold({ ...cold, npmMiB: 20.5 }).map((t) => t.pass), [false]);
  assert.deepEqual(judgeCold(cold).map((t) => [t.limit, t.pass]), [[20, true]]);
  assert.ok(TARGETS.some((t) => t.case === "prompt" && t.limit === 300));
});

Deno.test("bench: a failing cold run says why, and names DENO_TLS_CA_STORE for a proxy's certificate", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(
    `${dir.path}/main.ts`,
    `console.error("error: invalid peer certificate: UnknownIssuer"); Deno.exit(1);`,
  );
  await assert.rejects(
    benchCold({ PATH: Deno.env.get("PATH") ?? "" }, { root: dir.path }),
    /cold start failed \(exit 1\)[\s\S]*DENO_TLS_CA_STORE=system/,
  );
});

Deno.test("bench: cachedPackages reads scoped and plain packages", async () => {
  await using dir = await tempDir();
  for (const p of ["registry.npmjs.org/a/1.0.0", "registry.npmjs.org/@s/b/2.0.0"]) {
    await Deno.mkdir(`${dir.path}/${p}`, { recursive: true });
  }
  assert.deepEqual(await cachedPackages(dir.path), ["@s/b@2.0.0", "a@1.0.0"]);
  assert.deepEqual(await cachedPackages(`${dir.path}/missing`), []);
});

Deno.test({
  name: "bench: timeToScreen stops the clock when the text is on a real terminal's screen",
  ignore: !hasScript,
  async fn() {
    // The program checks it has a terminal (as the wizard does), then asks after a short delay.
    const ms = await timeToScreen(
      ["sh", "-c", 'test -t 0 && test -t 1 || exit 3; sleep 0.2; printf "Ready?"; sleep 20'],
      "Ready?",
      { cwd: "/", env: { PATH: Deno.env.get("PATH") ?? "" }, timeoutMs: 10_000 },
    );
    assert.ok(ms >= 150 && ms < 10_000, `${ms} ms`);
    await assert.rejects(
      timeToScreen(["sh", "-c", "echo no terminal question here"], "Ready?", {
        cwd: "/",
        env: { PATH: Deno.env.get("PATH") ?? "" },
        timeoutMs: 10_000,
      }),
      /"Ready\?" never appeared on the screen[\s\S]*no terminal question here/,
    );
  },
});
