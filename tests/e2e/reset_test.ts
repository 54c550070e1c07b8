/**
 * Black-box: resets move state to the freedesktop trash of the temp HOME
 * (~/.local/share/Trash/files, with a .trashinfo per item naming where it
 * came from), never delete, and say where everything went.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { exists, listDir, ONBOARD_FLAGS, runCli, snapshotTree, TEST_API_KEY } from "./cli.ts";
import { onboarded } from "../helpers/onboarded.ts";

const TRASH = ".local/share/Trash";

/** The freedesktop spec's Path= value: each segment percent-encoded. */
function trashInfoPath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

async function assertTrashed(home: string, name: string, from: string): Promise<void> {
  assert.ok(await exists(`${home}/${TRASH}/files/${name}`), `${name} is not in the trash`);
  const info = await Deno.readTextFile(`${home}/${TRASH}/info/${name}.trashinfo`);
  assert.match(info, /^\[Trash Info\]\n/);
  assert.ok(info.includes(`\nPath=${trashInfoPath(from)}\n`), info);
  assert.match(info, /\nDeletionDate=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\n/);
}

Deno.test("onboard --reset: config, credentials and sessions go to the trash", async () => {
  await using home = await tempDir();
  const h = home.path;
  const state = `${h}/.openclaw`;
  await onboarded(h);
  const oldConfig = await Deno.readTextFile(`${state}/openclaw.json`);
  await Deno.writeTextFile(`${state}/agents/main/sessions/chat.jsonl`, "{}\n");
  await Deno.writeTextFile(`${state}/workspace/notes.md`, "mine\n");

  const r = await runCli(["onboard", ...ONBOARD_FLAGS, "--reset"], { home: h });
  assert.equal(r.code, 0, r.stderr);
  for (const name of ["openclaw.json", "auth-profiles.json", "sessions"]) {
    assert.ok(
      r.stdout.includes(`to the trash: ~/${TRASH}/files/${name}`),
      `where ${name} went is not printed:\n${r.stdout}`,
    );
  }
  assert.ok(!r.stdout.includes(TEST_API_KEY));

  assert.deepEqual(await listDir(`${h}/${TRASH}/files`), [
    "auth-profiles.json",
    "openclaw.json",
    "sessions",
  ]);
  await assertTrashed(h, "openclaw.json", `${state}/openclaw.json`);
  await assertTrashed(h, "auth-profiles.json", `${state}/agents/main/agent/auth-profiles.json`);
  await assertTrashed(h, "sessions", `${state}/agents/main/sessions`);
  assert.equal(await Deno.readTextFile(`${h}/${TRASH}/files/openclaw.json`), oldConfig);
  assert.equal(await Deno.readTextFile(`${h}/${TRASH}/files/sessions/chat.jsonl`), "{}\n");

  // The workspace stays; onboarding then wrote a fresh config with a new token.
  assert.equal(await Deno.readTextFile(`${state}/workspace/notes.md`), "mine\n");
  const fresh = JSON.parse(await Deno.readTextFile(`${state}/openclaw.json`));
  assert.notEqual(fresh.gateway.auth.token, JSON.parse(oldConfig).gateway.auth.token);
});

Deno.test("onboard --reset-scope full: the workspace goes to the trash too", async () => {
  await using home = await tempDir();
  const h = home.path;
  const state = `${h}/.openclaw`;
  await onboarded(h);
  await Deno.writeTextFile(`${state}/workspace/notes.md`, "mine\n");

  const r = await runCli(["onboard", ...ONBOARD_FLAGS, "--reset-scope", "full"], { home: h });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(
    r.stdout.includes(`Moved workspace to the trash: ~/${TRASH}/files/workspace`),
    r.stdout,
  );
  await assertTrashed(h, "workspace", `${state}/workspace`);
  assert.equal(await Deno.readTextFile(`${h}/${TRASH}/files/workspace/notes.md`), "mine\n");
  await assertTrashed(h, "openclaw.json", `${state}/openclaw.json`);
  assert.ok(await exists(`${h}/${TRASH}/files/agents/main/agent/auth-profiles.json`));
  // A fresh workspace was seeded in its place, without the user's file.
  assert.equal(await exists(`${state}/workspace/notes.md`), false);
  assert.ok(await exists(`${state}/workspace/BOOTSTRAP.md`));
});

Deno.test("openclaw reset --scope config --yes --non-interactive: only the config", async () => {
  await using home = await tempDir();
  const h = home.path;
  const state = `${h}/.openclaw`;
  await onboarded(h);
  // A second run leaves a .bak, which belongs to the config scope too.
  const again = await runCli(["onboard", ...ONBOARD_FLAGS, "--gateway-port", "19004"], {
    home: h,
  });
  assert.equal(again.code, 0, again.stderr);

  const r = await runCli(["reset", "--scope", "config", "--yes", "--non-interactive"], {
    home: h,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /config: ~\/\.openclaw\/openclaw\.json -> ~\/\.local\/share\/Trash\/files\/openclaw\.json/,
  );
  assert.deepEqual(await listDir(`${h}/${TRASH}/files`), ["openclaw.json", "openclaw.json.bak"]);
  await assertTrashed(h, "openclaw.json", `${state}/openclaw.json`);
  await assertTrashed(h, "openclaw.json.bak", `${state}/openclaw.json.bak`);
  assert.deepEqual(await listDir(state), ["agents", "workspace"]);
  assert.ok(await exists(`${state}/agents/main/agent/auth-profiles.json`));
  assert.ok(await exists(`${state}/agents/main/sessions`));
  assert.ok(await exists(`${state}/workspace/AGENTS.md`));
});

Deno.test("openclaw reset: missing flags exit 2; --dry-run changes nothing", async (t) => {
  await using home = await tempDir();
  const h = home.path;
  await onboarded(h);
  const before = await snapshotTree(h);

  await t.step("--non-interactive without --scope and --yes exits 2 naming both", async () => {
    const r = await runCli(["reset", "--non-interactive"], { home: h });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--scope/);
    assert.match(r.stderr, /--yes/);
    assert.deepEqual(await snapshotTree(h), before);
  });

  await t.step("--non-interactive --scope without --yes exits 2 naming --yes", async () => {
    const r = await runCli(["reset", "--non-interactive", "--scope", "full"], { home: h });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--yes/);
    assert.deepEqual(await snapshotTree(h), before);
  });

  await t.step("--dry-run --scope full lists what would move and moves nothing", async () => {
    const r = await runCli(["reset", "--dry-run", "--scope", "full"], { home: h });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Dry run: these would move to the trash/);
    assert.match(r.stdout, /~\/\.openclaw/);
    assert.deepEqual(await snapshotTree(h), before);
    assert.equal(await exists(`${h}/.local`), false);
  });
});
