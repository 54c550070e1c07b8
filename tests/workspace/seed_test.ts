import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { planWorkspaceFiles, seedWorkspace } from "../../lib/workspace/seed.ts";
import { WORKSPACE_DIRS, WORKSPACE_FILES } from "../../lib/workspace/templates.ts";

const NAMES = WORKSPACE_FILES.map((f) => f.name);

Deno.test("templates: every first-run file is there, with text and a purpose", () => {
  assert.deepEqual(NAMES, [
    "AGENTS.md",
    "SOUL.md",
    "TOOLS.md",
    "IDENTITY.md",
    "USER.md",
    "HEARTBEAT.md",
    "BOOTSTRAP.md",
  ]);
  assert.deepEqual(WORKSPACE_DIRS, ["memory"]);
  for (const file of WORKSPACE_FILES) {
    const lines = file.content.split("\n").length;
    assert.ok(lines >= 15 && lines <= 120, `${file.name} has ${lines} lines`);
    assert.ok(file.content.startsWith(`# ${file.name}`), `${file.name} starts with its title`);
    assert.ok(file.content.endsWith("\n"), `${file.name} ends with a newline`);
    assert.ok(file.purpose.length > 10, `${file.name} has a purpose`);
    assert.ok(!file.content.includes("${"), `${file.name} has no unexpanded template text`);
  }
  const bootstrap = WORKSPACE_FILES.find((f) => f.name === "BOOTSTRAP.md")!.content;
  for (const name of ["IDENTITY.md", "USER.md", "SOUL.md"]) assert.ok(bootstrap.includes(name));
  assert.match(bootstrap, /Delete this file \(BOOTSTRAP\.md\)/);
});

Deno.test("seedWorkspace: a fresh workspace gets every file and the memory folder", async () => {
  await using dir = await tempDir();
  const ws = `${dir.path}/deep/workspace`;
  const plan = await planWorkspaceFiles(ws);
  assert.deepEqual(plan.map((p) => p.path), NAMES.map((n) => `${ws}/${n}`));
  assert.ok(plan.every((p) => !p.exists));

  const result = await seedWorkspace(ws);
  assert.deepEqual(result.created, NAMES.map((n) => `${ws}/${n}`));
  assert.deepEqual(result.skipped, []);
  for (const file of WORKSPACE_FILES) {
    assert.equal(await Deno.readTextFile(`${ws}/${file.name}`), file.content);
    const mode = (await Deno.stat(`${ws}/${file.name}`)).mode! & 0o777;
    assert.equal(mode & 0o600, 0o600, `${file.name} is readable and writable by its owner`);
    assert.equal(mode & 0o133, 0, `${file.name} is not executable nor writable by others`);
  }
  assert.ok((await Deno.stat(`${ws}/memory`)).isDirectory);
  assert.equal((await Deno.stat(ws)).mode! & 0o700, 0o700);
});

Deno.test("seedWorkspace: an existing AGENTS.md survives byte for byte and is skipped", async () => {
  await using dir = await tempDir();
  const ws = `${dir.path}/workspace`;
  await Deno.mkdir(ws);
  const mine = new Uint8Array([
    ...new TextEncoder().encode("# My rules\r\nno trailing newline "),
    0xff,
  ]);
  await Deno.writeFile(`${ws}/AGENTS.md`, mine);

  const plan = await planWorkspaceFiles(ws);
  assert.deepEqual(plan.filter((p) => p.exists).map((p) => p.path), [`${ws}/AGENTS.md`]);

  const result = await seedWorkspace(ws);
  assert.deepEqual(await Deno.readFile(`${ws}/AGENTS.md`), mine);
  assert.ok(result.skipped.includes(`${ws}/AGENTS.md`));
  assert.ok(!result.created.includes(`${ws}/AGENTS.md`));
  for (const name of ["SOUL.md", "TOOLS.md", "IDENTITY.md", "USER.md", "HEARTBEAT.md"]) {
    assert.ok(result.created.includes(`${ws}/${name}`), `${name} created`);
  }
});

Deno.test("seedWorkspace: running twice creates nothing new and changes nothing", async () => {
  await using dir = await tempDir();
  const ws = `${dir.path}/workspace`;
  const first = await seedWorkspace(ws);
  assert.equal(first.created.length, WORKSPACE_FILES.length);
  await Deno.writeTextFile(`${ws}/USER.md`, "- **Name:** Sam\n");

  const second = await seedWorkspace(ws);
  assert.deepEqual(second.created, []);
  assert.deepEqual(second.skipped, NAMES.map((n) => `${ws}/${n}`));
  assert.equal(await Deno.readTextFile(`${ws}/USER.md`), "- **Name:** Sam\n");
  assert.ok((await planWorkspaceFiles(ws)).every((p) => p.exists));
});

Deno.test("seedWorkspace: BOOTSTRAP.md is not brought back once the ritual deleted it", async () => {
  await using dir = await tempDir();
  const ws = `${dir.path}/workspace`;
  await seedWorkspace(ws);
  await Deno.remove(`${ws}/BOOTSTRAP.md`);

  const plan = await planWorkspaceFiles(ws);
  assert.ok(!plan.some((p) => p.path.endsWith("/BOOTSTRAP.md")));
  const again = await seedWorkspace(ws);
  assert.deepEqual(again.created, []);
  assert.ok(again.skipped.includes(`${ws}/BOOTSTRAP.md`));
  await assert.rejects(Deno.stat(`${ws}/BOOTSTRAP.md`), Deno.errors.NotFound);
});

Deno.test("seedWorkspace: a trailing slash on the workspace path is harmless", async () => {
  await using dir = await tempDir();
  const result = await seedWorkspace(`${dir.path}/ws/`);
  assert.ok(result.created.includes(`${dir.path}/ws/AGENTS.md`));
});
