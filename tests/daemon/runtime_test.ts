/**
 * A service installed from a source checkout never runs the Deno in npx's
 * cache (`~/.npm/_npx/<hash>/…`, gone when npm cleans it): a stable `deno` on
 * PATH, or a copy made once in ~/.openclaw/runtime/deno.
 */
import assert from "node:assert/strict";
import { ensureRuntime, gatewayCommandLine, stableRuntime } from "../../lib/daemon/command.ts";
import { runCommand } from "../../lib/host.ts";
import { tempDir, testHost } from "../helpers/host.ts";

/** A stand-in deno: a script that answers --version like deno does. */
async function fakeDeno(path: string, version: string): Promise<void> {
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(path, `#!/bin/sh\necho "deno ${version} (stable)"\n`);
  await Deno.chmod(path, 0o755);
}

Deno.test("service runtime: a Deno from npx's cache is copied once to ~/.openclaw/runtime/deno", async () => {
  await using home = await tempDir();
  const npxDeno = `${home.path}/.npm/_npx/0123abcd/node_modules/@deno/linux-x64-glibc/deno`;
  await fakeDeno(npxDeno, "2.9.6");
  // What npx puts on its child's PATH: its own .bin, nothing else with deno.
  const host = testHost({
    home: home.path,
    env: { PATH: `${home.path}/.npm/_npx/0123abcd/node_modules/.bin:/nonexistent` },
    runner: (cmd, args) => runCommand(cmd, args),
  });
  const rt = await stableRuntime(host, {
    standalone: false,
    execPath: npxDeno,
    mainModule: "/src/openclaw/main.ts",
  });
  const argv = gatewayCommandLine(rt, 18789);
  assert.equal(argv[0], `${home.path}/.openclaw/runtime/deno`);
  assert.ok(!argv.some((a) => a.includes("/_npx/")), argv.join(" "));

  const copied = await ensureRuntime(host, rt);
  assert.match(copied ?? "", /Copied deno 2\.9\.6 .* ~\/\.openclaw\/runtime\/deno/);
  assert.equal(
    (await runCommand(argv[0], ["--version"])).stdout.trim(),
    "deno 2.9.6 (stable)",
  );
  // The same version again: nothing to do.
  assert.equal(await ensureRuntime(host, rt), undefined);
  // npm cleans its cache: the service's runtime stays.
  await Deno.remove(`${home.path}/.npm`, { recursive: true });
  assert.equal((await runCommand(argv[0], ["--version"])).code, 0);
});

Deno.test("service runtime: a stable deno on PATH is used as it is", async () => {
  await using home = await tempDir();
  const npxDeno = `${home.path}/.npm/_npx/0123abcd/node_modules/@deno/linux-x64-glibc/deno`;
  await fakeDeno(npxDeno, "2.9.6");
  await fakeDeno(`${home.path}/.deno/bin/deno`, "2.9.6");
  const host = testHost({ home: home.path, env: { PATH: `${home.path}/.deno/bin:/usr/bin` } });
  const rt = await stableRuntime(host, {
    standalone: false,
    execPath: npxDeno,
    mainModule: "/src/openclaw/main.ts",
  });
  assert.equal(rt.execPath, `${home.path}/.deno/bin/deno`);
  assert.equal(rt.copyFrom, undefined);
});
