/**
 * The apply phase writes every file of one change together or none: a write
 * that fails like a full disk (injected through the file-writing seam) on the
 * 2nd or 3rd file, or a rename that fails while committing, leaves every
 * existing file byte for byte as it was, no temp file behind, and a message
 * that tells what really happened.
 */
import assert from "node:assert/strict";
import { tempDir, testHost } from "../helpers/host.ts";
import { authProfilesPath, resolvePaths, type StatePaths } from "../../lib/config/paths.ts";
import { applyPlan } from "../../lib/plan/apply.ts";
import { emptyPlan, mergePlan, type Plan } from "../../lib/plan/types.ts";
import { type FileOps, realFileOps } from "../../lib/platform/files.ts";
import { ActionableError } from "../../lib/errors.ts";

const ORIGINAL = {
  config: '{\n  // mine\n  "gateway": { "port": 18789 }\n}\n',
  env: "ANTHROPIC_API_KEY=old\n",
  profiles: '{ "version": 1, "profiles": {} }\n',
};

async function setUp(home: string): Promise<{ paths: StatePaths; plan: Plan }> {
  const host = testHost({ home });
  const paths = resolvePaths(host);
  const profiles = authProfilesPath(paths);
  await Deno.mkdir(profiles.slice(0, profiles.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(paths.configPath, ORIGINAL.config, { mode: 0o600 });
  await Deno.writeTextFile(paths.envFile, ORIGINAL.env, { mode: 0o600 });
  await Deno.writeTextFile(profiles, ORIGINAL.profiles, { mode: 0o600 });
  const plan = mergePlan(emptyPlan(), {
    files: [
      { path: profiles, description: "auth", mode: 0o600, merge: () => '{ "new": 1 }\n' },
      { path: paths.envFile, description: "env", mode: 0o600, merge: () => "KEY=new\n" },
    ],
    configEdits: [{ path: ["gateway", "port"], value: 19000 }],
  });
  return { paths, plan };
}

/** Every file under the state dir with its text. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(dir: string): Promise<void> {
    for await (const e of Deno.readDir(dir)) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else out[p.slice(root.length + 1)] = await Deno.readTextFile(p);
    }
  }
  await walk(root);
  return out;
}

function diskFull(): Error {
  return Object.assign(new Error("No space left on device (os error 28)"), { code: "ENOSPC" });
}

/** Real file operations, except that call number `n` of `op` fails. */
function failing(op: keyof FileOps, n: number, err: () => Error = diskFull): FileOps {
  let calls = 0;
  return {
    ...realFileOps,
    [op]: (...args: never[]) => {
      if (++calls === n) return Promise.reject(err());
      return (realFileOps[op] as (...a: never[]) => Promise<void>)(...args);
    },
  };
}

for (const nth of [2, 3]) {
  Deno.test(`apply: the disk fills up on file ${nth} of 4 — nothing is changed, and it says so`, async () => {
    await using home = await tempDir();
    const { paths, plan } = await setUp(home.path);
    const before = await snapshot(paths.stateDir);
    await assert.rejects(
      applyPlan(testHost({ home: home.path }), paths, plan, false, {
        fileOps: failing("writeNew", nth),
      }),
      (e: Error) => {
        assert.ok(e instanceof ActionableError, String(e));
        assert.match(e.message, /the disk is full/);
        assert.match(e.message, /Nothing was changed: this change writes 4 files together/);
        assert.doesNotMatch(e.message, /were not changed/);
        return true;
      },
    );
    assert.deepEqual(await snapshot(paths.stateDir), before);
  });
}

Deno.test("apply: a rename fails while committing — the files already replaced are put back", async () => {
  await using home = await tempDir();
  const { paths, plan } = await setUp(home.path);
  const before = await snapshot(paths.stateDir);
  const ioError = () =>
    Object.assign(new Error("Input/output error (os error 5)"), { code: "EIO" });
  await assert.rejects(
    applyPlan(testHost({ home: home.path }), paths, plan, false, {
      fileOps: failing("rename", 3, ioError),
    }),
    (e: Error) => {
      assert.match(e.message, /Input\/output error/);
      assert.match(e.message, /Nothing was changed/);
      return true;
    },
  );
  assert.deepEqual(await snapshot(paths.stateDir), before);
});

Deno.test("apply: when putting back fails too, the message names the file and its previous version", async () => {
  await using home = await tempDir();
  const { paths, plan } = await setUp(home.path);
  let renames = 0;
  const ops: FileOps = {
    ...realFileOps,
    rename: (from, to) => {
      renames++;
      // The 2nd commit rename fails, and so does putting back the 1st.
      if (renames === 2 || renames === 3) return Promise.reject(new Error("EIO"));
      return realFileOps.rename(from, to);
    },
  };
  await assert.rejects(
    applyPlan(testHost({ home: home.path }), paths, plan, false, { fileOps: ops }),
    (e: Error) => {
      assert.match(e.message, /The change is incomplete/);
      assert.match(e.message, /auth-profiles\.json \(its previous version is .*\.prev-\w+: mv /);
      return true;
    },
  );
  const kept = [...Deno.readDirSync(`${paths.stateDir}/agents/main/agent`)]
    .map((e) => e.name).find((n) => n.includes(".prev-"));
  assert.ok(kept, "the previous version is kept");
  assert.equal(
    await Deno.readTextFile(`${paths.stateDir}/agents/main/agent/${kept}`),
    ORIGINAL.profiles,
  );
});

Deno.test("apply: a failure while creating the workspace leaves every existing file as it was", async () => {
  await using home = await tempDir();
  const { paths, plan } = await setUp(home.path);
  const before = await snapshot(paths.stateDir);
  const workspace = `${home.path}/ws`;
  // A file in the way of the workspace sub-folder makes creating the workspace fail.
  const withWorkspace = mergePlan(plan, { workspace: { path: workspace, seedFiles: true } });
  await Deno.mkdir(workspace);
  await Deno.writeTextFile(`${workspace}/memory`, "in the way");
  await assert.rejects(
    applyPlan(testHost({ home: home.path }), paths, withWorkspace),
    /memory/,
  );
  assert.deepEqual(await snapshot(paths.stateDir), before);
  assert.deepEqual([...Deno.readDirSync(workspace)].map((e) => e.name), ["memory"]);
});
