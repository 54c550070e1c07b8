/**
 * How the program was started decides the words in front of every printed
 * command: `openclaw` only when that name runs this program, else the
 * binary's path, the checkout's launcher, or a `deno run` form that works
 * from any folder; --profile is always kept.
 */
import assert from "node:assert/strict";
import { commandFor, detectInvocation } from "../../lib/platform/invocation.ts";
import { tempDir, testHost } from "../helpers/host.ts";

async function executable(path: string, text = "#!/bin/sh\n"): Promise<void> {
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(path, text);
  await Deno.chmod(path, 0o755);
}

Deno.test("invocation: a compiled binary on PATH is `openclaw`; elsewhere, its path", async () => {
  await using home = await tempDir();
  const bin = `${home.path}/.openclaw/bin/openclaw`;
  await executable(bin);
  const rt = { standalone: true, execPath: bin, mainModule: "/x/main.ts" };
  const onPath = testHost({
    home: home.path,
    env: { PATH: `${home.path}/.openclaw/bin:/usr/bin` },
  });
  const inv = await detectInvocation(onPath, rt, "work");
  assert.equal(commandFor(inv, "status"), "openclaw --profile work status");
  const offPath = testHost({ home: home.path, env: { PATH: "/usr/bin" } });
  assert.equal((await detectInvocation(offPath, rt)).prefix, "~/.openclaw/bin/openclaw");
  const elsewhere = { ...rt, execPath: "/opt/my tools/openclaw" };
  assert.equal((await detectInvocation(offPath, elsewhere)).prefix, "'/opt/my tools/openclaw'");
});

Deno.test("invocation: a checkout under npx prints the npx form until linked, then the launcher", async () => {
  await using home = await tempDir();
  const main = `${home.path}/src/openclaw/main.ts`;
  const npxBin = `${home.path}/.npm/_npx/abc/node_modules/.bin`;
  await executable(`${npxBin}/deno`);
  const host = testHost({ home: home.path, env: { PATH: `${npxBin}:/nonexistent` } });
  const rt = { standalone: false, execPath: `${npxBin}/deno`, mainModule: main };
  const inv = await detectInvocation(host, rt);
  assert.equal(inv.kind, "checkout");
  assert.equal(inv.prefix, `npx -y deno@${Deno.version.deno} run -q -A ~/src/openclaw/main.ts`);
  assert.equal(
    inv.linkCommand,
    `npx -y deno@${Deno.version.deno} run -q -A ~/src/openclaw/scripts/link.ts`,
  );

  // Once Deno was copied out of npx's cache, that copy runs it.
  await executable(`${home.path}/.openclaw/runtime/deno`);
  assert.equal(
    (await detectInvocation(host, rt)).prefix,
    "~/.openclaw/runtime/deno run -q -A ~/src/openclaw/main.ts",
  );

  // Linked: the launcher by its path in this shell, `openclaw` where its folder is on PATH.
  await executable(
    `${home.path}/.openclaw/bin/openclaw`,
    `#!/bin/sh\nexec /x/deno run -q -A ${main} "$@"\n`,
  );
  assert.equal((await detectInvocation(host, rt)).prefix, "~/.openclaw/bin/openclaw");
  const linked = testHost({ home: home.path, env: { PATH: `${home.path}/.openclaw/bin` } });
  const now = await detectInvocation(linked, rt, "work");
  assert.equal(commandFor(now, "doctor"), "openclaw --profile work doctor");
  assert.equal(now.linkCommand, undefined);
});

Deno.test("invocation: an `openclaw` on PATH that is not this program is not used", async () => {
  await using home = await tempDir();
  await executable(`${home.path}/other/openclaw`, "#!/bin/sh\necho another\n");
  const host = testHost({ home: home.path, env: { PATH: `${home.path}/other:/nonexistent` } });
  const inv = await detectInvocation(host, {
    standalone: false,
    execPath: "/opt/deno/deno",
    mainModule: "/src/openclaw/main.ts",
  });
  assert.equal(inv.kind, "checkout");
  assert.match(inv.prefix, / run -q -A \/src\/openclaw\/main\.ts$/);
});
