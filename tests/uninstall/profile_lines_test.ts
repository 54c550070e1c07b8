/** Taking the installer's line out of a profile keeps everything else byte for byte. */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { removeProfileLine, withoutLine } from "../../lib/uninstall/profile-lines.ts";

const LINE =
  'if [ -f "/h/.openclaw/bin/openclaw-env.sh" ]; then . "/h/.openclaw/bin/openclaw-env.sh"; fi  # openclaw installer';

Deno.test("withoutLine removes exact matches only", () => {
  assert.equal(withoutLine(`a\n${LINE}\nb\n`, LINE), "a\nb\n");
  assert.equal(withoutLine(`a\r\n${LINE}\r\nb\r\n`, LINE), "a\r\nb\r\n");
  assert.equal(withoutLine(`# ${LINE}\n`, LINE), `# ${LINE}\n`);
  assert.equal(withoutLine(`${LINE}\n`, LINE), "");
});

Deno.test("removeProfileLine: through a symlink, keeping the mode; created files go when empty", async () => {
  await using dir = await tempDir();
  const real = `${dir.path}/dotfiles-bashrc`;
  await Deno.writeTextFile(real, `x=1\n${LINE}\n`, { mode: 0o600 });
  await Deno.chmod(real, 0o600);
  await Deno.symlink(real, `${dir.path}/.bashrc`);
  assert.equal(await removeProfileLine(`${dir.path}/.bashrc`, LINE), "removed");
  assert.ok((await Deno.lstat(`${dir.path}/.bashrc`)).isSymlink, "the link was replaced");
  assert.equal(await Deno.readTextFile(real), "x=1\n");
  assert.equal((await Deno.stat(real)).mode! & 0o777, 0o600);
  assert.equal(await removeProfileLine(`${dir.path}/.bashrc`, LINE), "absent");
  assert.equal(await removeProfileLine(`${dir.path}/nope`, LINE), "absent");

  await Deno.writeTextFile(`${dir.path}/.profile`, `${LINE}\n`);
  assert.equal(await removeProfileLine(`${dir.path}/.profile`, LINE, true), "file-removed");
  await assert.rejects(Deno.stat(`${dir.path}/.profile`));
  // Created by the installer but the user added to it since: it stays.
  await Deno.writeTextFile(`${dir.path}/.zshrc`, `${LINE}\nalias g=git\n`);
  assert.equal(await removeProfileLine(`${dir.path}/.zshrc`, LINE, true), "removed");
  assert.equal(await Deno.readTextFile(`${dir.path}/.zshrc`), "alias g=git\n");
});
