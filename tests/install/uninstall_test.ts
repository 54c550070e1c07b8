/**
 * `openclaw uninstall` reverses install.sh: run the installed openclaw (the
 * test launcher of main.ts) in the same sandbox and compare HOME with how it
 * was before the install. Data goes only when asked, and to the trash.
 */
import assert from "node:assert/strict";
import { exists, listDir, runCli, snapshotTree } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { serveRelease, writeRelease } from "./release_server.ts";
import { makeSandbox, runInstall, type Sandbox } from "./sandbox.ts";

const ONBOARD = [
  "onboard",
  "--non-interactive",
  "--accept-risk",
  "--auth-choice",
  "skip",
  "--skip-daemon",
  "--skip-health",
];

async function installed(
  fn: (sb: Sandbox, openclaw: (args: string[]) => ReturnType<typeof runInstall>) => Promise<void>,
) {
  await using dist = await tempDir("openclaw-dist-");
  await writeRelease(dist.path, ["0.1.0"]);
  await using server = serveRelease(dist.path);
  await using sb = await makeSandbox();
  await Deno.writeTextFile(`${sb.home}/.bashrc`, "# mine\nexport EDITOR=vi\n");
  await Deno.mkdir(`${sb.home}/.config/fish`, { recursive: true });
  await Deno.writeTextFile(`${sb.home}/.config/fish/config.fish`, "set -x EDITOR vi\n");
  const before = await snapshotTree(sb.home);
  const r = await runInstall(sb, ["--no-onboard"], {
    env: { OPENCLAW_INSTALL_BASE_URL: server.url },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.notDeepEqual(await snapshotTree(sb.home), before);
  const bin = `${sb.home}/.openclaw/bin/openclaw`;
  // The launcher lives where uninstall deletes it, so run a copy of it from outside HOME.
  const runner = `${sb.root}/openclaw-runner`;
  await Deno.copyFile(bin, runner);
  const openclaw = (args: string[]) => runInstall(sb, args, { script: runner, shell: "bash" });
  (sb as Sandbox & { before: Map<string, string> }).before = before;
  await fn(sb, openclaw);
}

function contents(snapshot: Map<string, string>): Map<string, string> {
  return new Map([...snapshot].map(([k, v]) => [k, v.replace(/^file (\d+) \d+ /, "file $1 ")]));
}

function beforeOf(sb: Sandbox): Map<string, string> {
  return (sb as Sandbox & { before: Map<string, string> }).before;
}

Deno.test("uninstall: with no flags, the program and its PATH lines go and HOME is as before", async () => {
  await installed(async (sb, openclaw) => {
    const r = await openclaw(["uninstall", "--yes"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /deleted ~\/\.openclaw\/bin\/openclaw\n/);
    assert.match(r.stdout, /PATH line removed from ~\/\.bashrc/);
    assert.match(r.stdout, /~\/\.profile removed \(the installer had created it\)/);
    // Same files, modes and contents (the edited profiles have new mtimes, nothing else).
    assert.deepEqual(contents(await snapshotTree(sb.home)), contents(beforeOf(sb)));
  });
});

Deno.test("uninstall: data stays unless asked; --all sends state and workspace to the trash", async () => {
  await installed(async (sb, openclaw) => {
    const onboard = await openclaw(ONBOARD);
    assert.equal(onboard.code, 0, onboard.stderr);
    const state = `${sb.home}/.openclaw`;
    let r = await openclaw(["uninstall", "--yes"]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!await exists(`${state}/bin`), "the program folder stayed");
    assert.ok(await exists(`${state}/openclaw.json`), "the config went without being asked");
    assert.ok(await exists(`${state}/workspace/AGENTS.md`));

    r = await openclaw(["uninstall", "--all", "--yes"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /moved to the trash/);
    assert.ok(!await exists(state), "the state dir is still there");
    const trash = `${sb.home}/.local/share/Trash/files`;
    assert.ok(await exists(`${trash}/openclaw.json`), "the config is not in the trash");
    assert.ok(await exists(`${trash}/workspace/AGENTS.md`), "the workspace is not in the trash");
    assert.match(r.stderr, /No install receipt/);
  });
});

Deno.test("uninstall: --state alone keeps the CLI and the workspace", async () => {
  await installed(async (sb, openclaw) => {
    assert.equal((await openclaw(ONBOARD)).code, 0);
    const state = `${sb.home}/.openclaw`;
    const r = await openclaw(["uninstall", "--state", "--yes"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await listDir(state), ["bin", "workspace"]);
    assert.deepEqual(await listDir(`${state}/bin`), [
      "openclaw",
      "openclaw-env.fish",
      "openclaw-env.sh",
      "openclaw-install.json",
    ]);
    assert.ok(await exists(`${sb.home}/.local/share/Trash/files/openclaw.json`));
    assert.ok((await Deno.readTextFile(`${sb.home}/.bashrc`)).includes("openclaw-env.sh"));
  });
});

Deno.test("uninstall: --dry-run changes nothing; without a terminal it needs --yes", async () => {
  await installed(async (sb, openclaw) => {
    const snap = await snapshotTree(sb.home);
    const dry = await openclaw(["uninstall", "--all", "--dry-run"]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /Dry run: uninstall would/);
    assert.match(dry.stdout, /delete ~\/\.openclaw\/bin\/openclaw\n/);
    assert.match(dry.stdout, /remove openclaw's PATH line from ~\/\.config\/fish\/config\.fish/);
    assert.deepEqual(await snapshotTree(sb.home), snap);
    const noYes = await openclaw(["uninstall"]);
    assert.equal(noYes.code, 2, noYes.stderr);
    assert.match(noYes.stderr, /--yes/);
    assert.deepEqual(await snapshotTree(sb.home), snap);
    const bad = await openclaw(["uninstall", "--everything"]);
    assert.equal(bad.code, 2);
  });
});

Deno.test("uninstall: a doctored receipt cannot make it delete other files", async () => {
  await installed(async (sb, openclaw) => {
    const receiptPath = `${sb.home}/.openclaw/bin/openclaw-install.json`;
    const receipt = JSON.parse(await Deno.readTextFile(receiptPath));
    await Deno.writeTextFile(`${sb.home}/precious.txt`, "keep me\n");
    receipt.envScripts.push(`${sb.home}/precious.txt`);
    await Deno.writeTextFile(receiptPath, JSON.stringify(receipt));
    const r = await openclaw(["uninstall", "--yes"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Not removing .*precious\.txt/);
    assert.equal(await Deno.readTextFile(`${sb.home}/precious.txt`), "keep me\n");
  });
});

Deno.test("reset --scope full keeps the installed program in ~/.openclaw/bin", async () => {
  await installed(async (sb, openclaw) => {
    assert.equal((await openclaw(ONBOARD)).code, 0);
    const r = await openclaw(["reset", "--scope", "full", "--yes", "--non-interactive"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await listDir(`${sb.home}/.openclaw`), ["bin"]);
    assert.ok(await exists(`${sb.home}/.openclaw/bin/openclaw`));
    assert.ok(await exists(`${sb.home}/.local/share/Trash/files/openclaw.json`));
  });
});

Deno.test("uninstall: nothing installed by install.sh says so and changes nothing", async () => {
  await using home = await tempDir();
  const r = await runCli(["uninstall", "--yes"], { home: home.path });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "Nothing to uninstall.\n");
  assert.match(
    r.stderr,
    /No install receipt \(looked for ~\/\.openclaw\/bin\/openclaw-install\.json\)/,
  );
  assert.deepEqual(await listDir(home.path), []);
});

Deno.test("uninstall: a custom install dir is found through OPENCLAW_INSTALL_DIR", async () => {
  await using dist = await tempDir("openclaw-dist-");
  await writeRelease(dist.path, ["0.1.0"]);
  await using server = serveRelease(dist.path);
  await using sb = await makeSandbox();
  const dir = `${sb.home}/apps/openclaw`;
  await Deno.mkdir(dir, { recursive: true });
  const r = await runInstall(sb, ["--no-onboard", "--install-dir", dir], {
    env: { OPENCLAW_INSTALL_BASE_URL: server.url },
  });
  assert.equal(r.code, 0, r.stderr);
  const runner = `${sb.root}/openclaw-runner`;
  await Deno.copyFile(`${dir}/openclaw`, runner);
  const u = await runInstall(sb, ["uninstall", "--yes"], {
    script: runner,
    env: { OPENCLAW_INSTALL_DIR: dir },
  });
  assert.equal(u.code, 0, u.stderr);
  assert.ok(!await exists(dir), "the emptied install dir stayed");
  assert.deepEqual(await listDir(sb.home), ["apps"]);
});
