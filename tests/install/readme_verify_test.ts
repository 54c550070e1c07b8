/**
 * The README's "check a release by hand" commands run as printed: against a release signed with
 * a throwaway key (pinned in the clone's install.sh, as the real key will be), served on
 * 127.0.0.1 in place of openclaw.ai; the signature and checksum check pass, and a changed
 * SHA256SUMS makes ssh-keygen fail.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { tempDir } from "../helpers/host.ts";
import { serveRelease, writeRelease } from "./release_server.ts";
import { hasTool } from "./sandbox.ts";
import { makeKey, sign } from "./signing.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The sh block that follows "To check a release by hand" in README.md. */
async function readmeCommands(): Promise<string> {
  const readme = await Deno.readTextFile(`${ROOT}README.md`);
  const at = readme.indexOf("To check a release by hand");
  assert.ok(at > 0, "README.md no longer says how to check a release by hand");
  const block = readme.slice(at).match(/```sh\n([\s\S]*?)```/);
  assert.ok(block, "no sh block after it");
  return block[1];
}

Deno.test({
  name: "README: the commands to verify a release by hand run as printed",
  ignore: !hasTool("ssh-keygen") || !hasTool("sha256sum") || !hasTool("curl"),
  async fn() {
    await using work = await tempDir();
    const clone = `${work.path}/clone`;
    await Deno.mkdir(`${work.path}/home`);
    await Deno.mkdir(clone);
    const key = await makeKey(work.path, "openclaw-release");
    const installSh = (await Deno.readTextFile(`${ROOT}install.sh`))
      .replace(/^RELEASE_SIGNERS='[^']*'$/m, `RELEASE_SIGNERS='${key.signers}'`);
    await Deno.writeTextFile(`${clone}/install.sh`, installSh);
    const dist = `${work.path}/dist`;
    await writeRelease(dist, ["0.1.0"]);
    await sign(`${dist}/0.1.0/SHA256SUMS`, key);
    await using server = serveRelease(dist);

    const commands = await readmeCommands();
    const printedBase = "base=https://openclaw.ai/releases\n";
    assert.ok(commands.startsWith(printedBase), commands);
    const run = async (script: string) => {
      const out = await new Deno.Command("sh", {
        args: ["-ec", script],
        cwd: clone,
        clearEnv: true,
        env: { HOME: `${work.path}/home`, PATH: Deno.env.get("PATH") ?? "", NO_COLOR: "1" },
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      const dec = new TextDecoder();
      return { code: out.code, text: dec.decode(out.stdout) + dec.decode(out.stderr) };
    };
    // Only the server differs from what the README prints.
    const script = commands.replace(printedBase, `base=${server.url}\n`);
    const r = await run(script);
    assert.equal(r.code, 0, r.text);
    assert.match(r.text, /Good "openclaw-release" signature for openclaw-release with ED25519 key/);
    assert.match(r.text, /openclaw-0\.1\.0-x86_64-unknown-linux-gnu\.tar\.gz: OK/);
    assert.match(r.text, /verified the signature of SHA256SUMS/);
    assert.match(r.text, /openclaw 0\.1\.0 installed/);

    // A SHA256SUMS changed after signing: ssh-keygen fails, so the script stops there.
    await Deno.writeTextFile(`${dist}/0.1.0/SHA256SUMS`, "\n", { append: true });
    await Deno.remove(`${clone}/SHA256SUMS`);
    await Deno.remove(`${clone}/SHA256SUMS.sig`);
    const bad = await run(script);
    assert.notEqual(bad.code, 0, bad.text);
    assert.match(bad.text, /Signature verification failed|Could not verify signature/);
  },
});
