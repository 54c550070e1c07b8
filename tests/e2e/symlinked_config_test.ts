/**
 * Black-box: a dotfiles setup where ~/.openclaw/openclaw.json is a symbolic
 * link into another folder. Onboarding writes through the link, atomically
 * next to its target: the link stays a link, the target gets the new text
 * with mode 0600, and the backup stays in the state dir (not in the dotfiles
 * folder, which may be a repository someone pushes).
 */
import assert from "node:assert/strict";
import { modeOf, tempDir } from "../helpers/host.ts";
import { allOutput, ONBOARD_FLAGS, runCli } from "./cli.ts";
import { readConfigFile } from "../../lib/config/store.ts";

Deno.test("a symlinked openclaw.json is written through: the link stays, the target changes", async () => {
  await using home = await tempDir();
  const dotfiles = `${home.path}/dotfiles`;
  const state = `${home.path}/.openclaw`;
  await Deno.mkdir(dotfiles);
  await Deno.mkdir(state, { mode: 0o700 });
  const target = `${dotfiles}/openclaw.json`;
  const link = `${state}/openclaw.json`;
  await Deno.writeTextFile(target, "{\n  // kept in my dotfiles\n}\n", { mode: 0o644 });
  await Deno.symlink("../dotfiles/openclaw.json", link); // relative, as `ln -s` users write it

  for (const port of ["19001", "19002"]) {
    const r = await runCli(["onboard", ...ONBOARD_FLAGS, "--gateway-port", port], {
      home: home.path,
    });
    assert.equal(r.code, 0, allOutput(r));
  }

  assert.ok((await Deno.lstat(link)).isSymlink, "the link is still a link");
  assert.equal(await Deno.readLink(link), "../dotfiles/openclaw.json");
  const file = await readConfigFile(target);
  assert.equal((file.data as { gateway: { port: number } }).gateway.port, 19002);
  assert.match(file.text, /\/\/ kept in my dotfiles/);
  assert.equal(await modeOf(target), 0o600);
  // The backup holds the first run's text, in the state dir.
  const bak = await readConfigFile(`${state}/openclaw.json.bak`);
  assert.equal((bak.data as { gateway: { port: number } }).gateway.port, 19001);
  assert.equal(await modeOf(`${state}/openclaw.json.bak`), 0o600);
  assert.deepEqual([...Deno.readDirSync(dotfiles)].map((e) => e.name), ["openclaw.json"]);
});
