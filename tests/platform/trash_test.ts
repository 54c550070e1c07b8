import assert from "node:assert/strict";
import { modeOf, tempDir, testHost } from "../helpers/host.ts";
import { moveToTrash, trashInfo } from "../../lib/platform/trash.ts";
import { ActionableError } from "../../lib/errors.ts";

// Built from local fields, so the expected DeletionDate holds in any time zone.
const NOW = new Date(2026, 10, 25, 9, 5, 7);
const STAMP = "2026-11-25T09:05:07";

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function listDir(path: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(path)) names.push(e.name);
  return names.sort();
}

Deno.test("trash: a file moves to ~/.local/share/Trash with a percent-encoded .trashinfo", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path, now: NOW });
  const file = `${dir.path}/my file é.txt`;
  await Deno.writeTextFile(file, "hello");

  const item = await moveToTrash(host, file);

  const trash = `${dir.path}/.local/share/Trash`;
  assert.deepEqual(item, { from: file, to: `${trash}/files/my file é.txt` });
  assert.equal(await exists(file), false);
  assert.equal(await Deno.readTextFile(item.to), "hello");
  const info = await Deno.readTextFile(`${trash}/info/my file é.txt.trashinfo`);
  assert.equal(
    info,
    `[Trash Info]\nPath=${dir.path}/my%20file%20%C3%A9.txt\nDeletionDate=${STAMP}\n`,
  );
  assert.equal(await modeOf(`${trash}/info/my file é.txt.trashinfo`), 0o600);
  assert.equal(await modeOf(`${trash}/files`), 0o700);
  assert.equal(await modeOf(`${trash}/info`), 0o700);
});

Deno.test("trashInfo: keeps / and unreserved characters, escapes the rest", () => {
  assert.equal(
    trashInfo("/a b/c%d/ü-_.!~*'()/#?&=+", NOW),
    `[Trash Info]\nPath=/a%20b/c%25d/%C3%BC-_.!~*'()/%23%3F%26%3D%2B\nDeletionDate=${STAMP}\n`,
  );
});

Deno.test("trash: same-named items get name, name.2, name.3 with one info file each", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path, now: NOW });
  const trash = `${dir.path}/.local/share/Trash`;
  const moved: string[] = [];
  for (const folder of ["a", "b", "c"]) {
    await Deno.mkdir(`${dir.path}/${folder}`);
    await Deno.writeTextFile(`${dir.path}/${folder}/notes.txt`, folder);
    moved.push((await moveToTrash(host, `${dir.path}/${folder}/notes.txt`)).to);
  }

  assert.deepEqual(moved, [
    `${trash}/files/notes.txt`,
    `${trash}/files/notes.txt.2`,
    `${trash}/files/notes.txt.3`,
  ]);
  assert.deepEqual(await listDir(`${trash}/info`), [
    "notes.txt.2.trashinfo",
    "notes.txt.3.trashinfo",
    "notes.txt.trashinfo",
  ]);
  assert.equal(await Deno.readTextFile(`${trash}/files/notes.txt.2`), "b");
  assert.match(
    await Deno.readTextFile(`${trash}/info/notes.txt.2.trashinfo`),
    new RegExp(`^Path=${dir.path}/b/notes\\.txt$`, "m"),
  );
});

Deno.test("trash: a name taken only in info/ (or only in files/) is not reused", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path, now: NOW });
  const trash = `${dir.path}/.local/share/Trash`;
  await Deno.mkdir(`${trash}/info`, { recursive: true });
  await Deno.mkdir(`${trash}/files`, { recursive: true });
  await Deno.writeTextFile(`${trash}/info/x.trashinfo`, "orphan");
  await Deno.writeTextFile(`${trash}/files/x.2`, "no info");
  await Deno.writeTextFile(`${dir.path}/x`, "new");

  const item = await moveToTrash(host, `${dir.path}/x`);

  assert.equal(item.to, `${trash}/files/x.3`);
  assert.equal(await Deno.readTextFile(`${trash}/info/x.trashinfo`), "orphan");
  assert.equal(await Deno.readTextFile(`${trash}/files/x.2`), "no info");
  assert.ok(await exists(`${trash}/info/x.3.trashinfo`));
});

Deno.test("trash: two moves at once of same-named files pick different names", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path, now: NOW });
  for (const folder of ["a", "b"]) {
    await Deno.mkdir(`${dir.path}/${folder}`);
    await Deno.writeTextFile(`${dir.path}/${folder}/same`, folder);
  }
  const items = await Promise.all([
    moveToTrash(host, `${dir.path}/a/same`),
    moveToTrash(host, `${dir.path}/b/same`),
  ]);
  const names = items.map((i) => i.to.slice(i.to.lastIndexOf("/") + 1)).sort();
  assert.deepEqual(names, ["same", "same.2"]);
});

Deno.test("trash: a folder moves whole, contents intact", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path, now: NOW });
  const folder = `${dir.path}/state`;
  await Deno.mkdir(`${folder}/sub`, { recursive: true });
  await Deno.writeTextFile(`${folder}/sub/deep.txt`, "deep");

  const item = await moveToTrash(host, `${folder}/`);

  assert.equal(item.from, folder);
  assert.equal(await exists(folder), false);
  assert.equal(await Deno.readTextFile(`${item.to}/sub/deep.txt`), "deep");
});

Deno.test("trash: XDG_DATA_HOME is honoured; a relative one is ignored", async () => {
  await using dir = await tempDir();
  const data = `${dir.path}/xdg-data`;
  const host = testHost({ home: dir.path, now: NOW, env: { XDG_DATA_HOME: data } });
  await Deno.writeTextFile(`${dir.path}/f`, "1");
  const item = await moveToTrash(host, `${dir.path}/f`);
  assert.equal(item.to, `${data}/Trash/files/f`);
  assert.ok(await exists(`${data}/Trash/info/f.trashinfo`));
  assert.equal(await exists(`${dir.path}/.local`), false);

  const relative = testHost({ home: dir.path, now: NOW, env: { XDG_DATA_HOME: "rel/data" } });
  await Deno.writeTextFile(`${dir.path}/g`, "2");
  const item2 = await moveToTrash(relative, `${dir.path}/g`);
  assert.equal(item2.to, `${dir.path}/.local/share/Trash/files/g`);
});

Deno.test("trash: macOS uses ~/.Trash with Finder-style 'name 2', no info files", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path, platform: "darwin", now: NOW });
  const moved: string[] = [];
  for (const folder of ["a", "b"]) {
    await Deno.mkdir(`${dir.path}/${folder}`);
    await Deno.writeTextFile(`${dir.path}/${folder}/report.pdf`, folder);
    moved.push((await moveToTrash(host, `${dir.path}/${folder}/report.pdf`)).to);
  }
  assert.deepEqual(moved, [`${dir.path}/.Trash/report.pdf`, `${dir.path}/.Trash/report.pdf 2`]);
  assert.deepEqual(await listDir(`${dir.path}/.Trash`), ["report.pdf", "report.pdf 2"]);
  assert.equal(await Deno.readTextFile(`${dir.path}/.Trash/report.pdf 2`), "b");
  assert.equal(await exists(`${dir.path}/.local`), false);
});

Deno.test("trash: a missing path is an ActionableError naming it; nothing is created", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path });
  const missing = `${dir.path}/nope/not-here`;
  await assert.rejects(
    () => moveToTrash(host, missing),
    (err: unknown) => err instanceof ActionableError && err.message.includes(missing),
  );
  assert.equal(await exists(`${dir.path}/.local`), false);
});

Deno.test("trash: a dangling symlink is trashed as the link itself", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path, now: NOW });
  await Deno.symlink(`${dir.path}/gone`, `${dir.path}/link`);
  const item = await moveToTrash(host, `${dir.path}/link`);
  assert.equal(await Deno.readLink(item.to), `${dir.path}/gone`);
  assert.equal(await exists(`${dir.path}/link`), false);
});

Deno.test("trash: Windows is refused with a pointer to WSL2", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path, platform: "windows" });
  await Deno.writeTextFile(`${dir.path}/f`, "1");
  await assert.rejects(
    () => moveToTrash(host, `${dir.path}/f`),
    (err: unknown) => err instanceof ActionableError && /WSL2/.test(err.message),
  );
  assert.ok(await exists(`${dir.path}/f`));
});

Deno.test("trash: refuses a folder that holds the trash itself (e.g. HOME)", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path });
  await assert.rejects(
    () => moveToTrash(host, dir.path),
    (err: unknown) => err instanceof ActionableError && /inside it/.test(err.message),
  );
  assert.ok(await exists(dir.path));
});

/** /dev/shm (tmpfs) when it is a different file system from the temp dir: a real EXDEV. */
async function otherDevice(): Promise<string | undefined> {
  try {
    const shm = await Deno.stat("/dev/shm");
    const tmp = await Deno.makeTempDir({ prefix: "openclaw-probe-" });
    const tmpDev = (await Deno.stat(tmp)).dev;
    await Deno.remove(tmp);
    return shm.isDirectory && shm.dev !== tmpDev ? "/dev/shm" : undefined;
  } catch {
    return undefined;
  }
}
const OTHER_DEVICE = await otherDevice();

Deno.test({
  name: "trash: across file systems it copies (modes, links) and then removes the original",
  ignore: !OTHER_DEVICE,
  async fn() {
    await using src = await tempDir();
    const homePath = await Deno.makeTempDir({ dir: OTHER_DEVICE, prefix: "openclaw-test-" });
    await using _home = {
      async [Symbol.asyncDispose]() {
        await Deno.remove(homePath, { recursive: true }).catch(() => {});
      },
    };
    const host = testHost({ home: homePath, now: NOW });
    const folder = `${src.path}/state`;
    await Deno.mkdir(`${folder}/sub`, { recursive: true });
    await Deno.chmod(`${folder}/sub`, 0o750);
    await Deno.writeTextFile(`${folder}/sub/secret.json`, "{}");
    await Deno.chmod(`${folder}/sub/secret.json`, 0o640);
    await Deno.writeTextFile(`${folder}/run.sh`, "#!/bin/sh\n");
    await Deno.chmod(`${folder}/run.sh`, 0o755);
    await Deno.symlink("sub/secret.json", `${folder}/link`);
    const old = new Date("2020-01-02T03:04:05Z");
    await Deno.utime(`${folder}/run.sh`, old, old);

    const item = await moveToTrash(host, folder);

    assert.equal(item.to, `${homePath}/.local/share/Trash/files/state`);
    assert.equal(await exists(folder), false);
    assert.equal(await Deno.readTextFile(`${item.to}/sub/secret.json`), "{}");
    assert.equal(await modeOf(`${item.to}/sub`), 0o750);
    assert.equal(await modeOf(`${item.to}/sub/secret.json`), 0o640);
    assert.equal(await modeOf(`${item.to}/run.sh`), 0o755);
    assert.equal(await Deno.readLink(`${item.to}/link`), "sub/secret.json");
    assert.equal((await Deno.stat(`${item.to}/run.sh`)).mtime?.getTime(), old.getTime());
    assert.ok(await exists(`${homePath}/.local/share/Trash/info/state.trashinfo`));
  },
});

Deno.test({
  name: "trash: when the move fails, the .trashinfo is removed and the original stays",
  // files/ points at /proc: the rename is cross-device and the copy cannot be written there.
  ignore: Deno.build.os !== "linux" || !await exists("/proc/self"),
  async fn() {
    await using dir = await tempDir();
    const host = testHost({ home: dir.path, now: NOW });
    const trash = `${dir.path}/.local/share/Trash`;
    await Deno.mkdir(`${trash}/info`, { recursive: true });
    await Deno.symlink("/proc", `${trash}/files`);
    await Deno.writeTextFile(`${dir.path}/keep-me.txt`, "still here");

    await assert.rejects(() => moveToTrash(host, `${dir.path}/keep-me.txt`), /copy/);

    assert.equal(await Deno.readTextFile(`${dir.path}/keep-me.txt`), "still here");
    assert.deepEqual(await listDir(`${trash}/info`), []);
  },
});
