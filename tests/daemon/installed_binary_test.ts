/**
 * A service installed from a compiled openclaw whose file was replaced while it ran (an in-place
 * upgrade: Deno.execPath() is then `…/openclaw (deleted)` on Linux, or a path that is gone) runs
 * the installed binary named by the install receipt, or is refused with what to run.
 */
import assert from "node:assert/strict";
import { gatewayCommandLine, stableRuntime } from "../../lib/daemon/command.ts";
import { ActionableError } from "../../lib/errors.ts";
import { tempDir, testHost } from "../helpers/host.ts";

async function executable(path: string): Promise<void> {
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(path, "#!/bin/sh\n", { mode: 0o755 });
}

/** The receipt install.sh writes next to the binary (the fields uninstall reads). */
async function receipt(dir: string, binary: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(
    `${dir}/openclaw-install.json`,
    JSON.stringify({
      installer: "install.sh",
      state: "installed",
      version: "0.2.0",
      target: "x86_64-unknown-linux-gnu",
      installDir: dir,
      binary,
      envScripts: [],
      profileLines: [],
    }),
  );
}

const compiled = (execPath: string) => ({ standalone: true, execPath, mainModule: "/unused" });

Deno.test("service binary: a running openclaw whose file is there is used as it is", async () => {
  await using home = await tempDir();
  const bin = `${home.path}/.openclaw/bin/openclaw`;
  await executable(bin);
  const rt = await stableRuntime(testHost({ home: home.path }), compiled(bin));
  assert.equal(rt.execPath, bin);
});

Deno.test("service binary: `…/openclaw (deleted)` after an upgrade gives the receipt's binary", async () => {
  await using home = await tempDir();
  const dir = `${home.path}/.openclaw/bin`;
  await executable(`${dir}/openclaw`);
  await receipt(dir, `${dir}/openclaw`);
  const rt = await stableRuntime(
    testHost({ home: home.path }),
    compiled(`${dir}/openclaw (deleted)`),
  );
  assert.deepEqual(gatewayCommandLine(rt, 18789), [
    `${dir}/openclaw`,
    "gateway",
    "run",
    "--port",
    "18789",
  ]);
});

Deno.test("service binary: a path that is gone, with the install elsewhere, gives the receipt's binary", async () => {
  await using home = await tempDir();
  const dir = `${home.path}/tools/bin`;
  await executable(`${dir}/openclaw`);
  await receipt(dir, `${dir}/openclaw`);
  const host = testHost({ home: home.path, env: { OPENCLAW_INSTALL_DIR: dir } });
  const rt = await stableRuntime(host, compiled(`${home.path}/old/openclaw`));
  assert.equal(rt.execPath, `${dir}/openclaw`);
});

Deno.test("service binary: deleted and no receipt (or one naming a missing file) is refused with what to run", async () => {
  await using home = await tempDir();
  const gone = `${home.path}/.openclaw/bin/openclaw (deleted)`;
  const host = testHost({ home: home.path });
  await assert.rejects(
    () => stableRuntime(host, compiled(gone)),
    (e: Error) =>
      e instanceof ActionableError &&
      e.message.includes(`This openclaw (${home.path}/.openclaw/bin/openclaw) was replaced`) &&
      /no install receipt says where openclaw is installed now\./.test(e.message) &&
      /run: openclaw daemon install/.test(e.message),
  );
  await receipt(`${home.path}/.openclaw/bin`, `${home.path}/.openclaw/bin/openclaw`);
  await assert.rejects(
    () => stableRuntime(host, compiled(gone)),
    (e: Error) =>
      e instanceof ActionableError &&
      /openclaw-install\.json names .*openclaw, which is gone/.test(e.message),
  );
});
