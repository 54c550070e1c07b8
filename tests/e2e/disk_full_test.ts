/**
 * Black-box on a real full disk: the state dir on a tiny tmpfs (root only;
 * skipped cleanly where mounting is not permitted). A re-run of onboard that
 * runs out of space changes nothing at all (not some files and not others),
 * says so truthfully, and leaves no empty lock file or temp file behind.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { allOutput, hasStackTrace, ONBOARD_FLAGS, runCli } from "./cli.ts";

const PAGE = 4096;

async function tryMount(dir: string): Promise<boolean> {
  if (Deno.build.os !== "linux" || Deno.uid() !== 0) return false;
  try {
    const r = await new Deno.Command("mount", {
      args: ["-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", dir],
      stdout: "null",
      stderr: "null",
    }).output();
    return r.success;
  } catch {
    return false;
  }
}

async function unmount(dir: string): Promise<void> {
  await new Deno.Command("umount", { args: [dir], stdout: "null", stderr: "null" }).output();
}

/** Fill the file system so that exactly `pages` pages stay free. */
async function fillLeaving(dir: string, pages: number): Promise<void> {
  const reserve = `${dir}/reserve`;
  await Deno.writeFile(reserve, new Uint8Array(pages * PAGE));
  const filler = await Deno.open(`${dir}/filler`, { write: true, create: true });
  const chunk = new Uint8Array(PAGE);
  try {
    while (true) await filler.write(chunk);
  } catch (err) {
    if ((err as { code?: string }).code !== "ENOSPC") throw err;
  } finally {
    filler.close();
  }
  await Deno.remove(reserve);
}

/** Every file under `root` with its text (what must not change). */
async function contents(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(dir: string): Promise<void> {
    for await (const e of Deno.readDir(dir)) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else if (e.name !== "filler") out[p] = await Deno.readTextFile(p);
    }
  }
  await walk(root);
  return out;
}

for (const pages of [0, 2]) {
  Deno.test(`disk full (${pages} pages free): a re-run of onboard changes nothing and says so`, async (t) => {
    await using home = await tempDir();
    const state = `${home.path}/state`;
    await Deno.mkdir(state);
    if (!(await tryMount(state))) {
      // Not permitted here (not root, or no mount in this sandbox).
      console.log(`skipped ${t.name}: cannot mount a tmpfs here`);
      return;
    }
    try {
      const env = { OPENCLAW_STATE_DIR: state };
      const flags = [...ONBOARD_FLAGS, "--workspace", `${home.path}/ws`];
      const first = await runCli(["onboard", ...flags], { home: home.path, env });
      assert.equal(first.code, 0, allOutput(first));
      const before = await contents(state);

      await fillLeaving(state, pages);
      const again = flags.map((f) =>
        f.startsWith("sk-ant-") ? "sk-ant-test-1111111111111111111" : f
      );
      const r = await runCli(["onboard", ...again], { home: home.path, env });
      assert.notEqual(r.code, 0);
      const out = allOutput(r);
      assert.ok(!hasStackTrace(out), out);
      assert.match(out, /disk is full/);
      assert.match(out, /Nothing was changed/);
      // Byte for byte as before, and nothing new (no empty lock, no temp files).
      assert.deepEqual(await contents(state), before);

      // With space again, the same run works.
      await Deno.remove(`${state}/filler`);
      const ok = await runCli(["onboard", ...again], { home: home.path, env });
      assert.equal(ok.code, 0, allOutput(ok));
    } finally {
      await unmount(state);
    }
  });
}
