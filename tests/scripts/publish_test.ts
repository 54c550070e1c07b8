/**
 * scripts/publish.ts: a release is signed and published only whole, only with the key install.sh
 * pins, and in the order that never shows a half release; the site it prepares installs with
 * the published install.sh, which verifies the signature with its pinned key.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { exists } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { TARGETS } from "../../scripts/compile.ts";
import { main, pinnedSigners, prepare, PublishFault, uploadSteps } from "../../scripts/publish.ts";
import { sha256Hex } from "../../scripts/release.ts";
import { serveRelease, writeRelease } from "../install/release_server.ts";
import { hasTool, makeSandbox, runInstall } from "../install/sandbox.ts";
import { makeKey } from "../install/signing.ts";

const INSTALL_SH = fileURLToPath(new URL("../../install.sh", import.meta.url));
const hasSshKeygen = hasTool("ssh-keygen");

/** A throwaway key: its private key's text and its allowed_signers line. */
async function keyPair(dir: string, name: string): Promise<{ key: string; signers: string }> {
  const made = await makeKey(dir, name);
  return { key: await Deno.readTextFile(made.path), signers: made.signers };
}

/** install.sh with `signers` pinned, as the project's copy will be once its key is made. */
async function pinnedInstallSh(dir: string, signers: string, name = "install.sh"): Promise<string> {
  const path = `${dir}/${name}`;
  const text = (await Deno.readTextFile(INSTALL_SH))
    .replace(/^RELEASE_SIGNERS='[^']*'$/m, `RELEASE_SIGNERS='${signers}'`);
  assert.equal(pinnedSigners(text), signers);
  await Deno.writeTextFile(path, text);
  return path;
}

Deno.test("publish: the repository's install.sh has a RELEASE_SIGNERS line to pin the key in", async () => {
  const signers = pinnedSigners(await Deno.readTextFile(INSTALL_SH));
  assert.ok(signers === "" || / namespaces="openclaw-release" ssh-/.test(signers), signers);
});

Deno.test({
  name: "publish prepare: SHA256SUMS signed with the pinned key, latest, install.sh and its " +
    "checksum; the published install.sh verifies and installs it",
  ignore: !hasSshKeygen,
  async fn() {
    await using work = await tempDir();
    const pair = await keyPair(work.path, "openclaw-release");
    const installSh = await pinnedInstallSh(work.path, pair.signers);
    const site = `${work.path}/site`;
    await writeRelease(`${site}/releases`, ["0.1.0"]);
    await Deno.remove(`${site}/releases/0.1.0/SHA256SUMS`);
    await Deno.remove(`${site}/releases/latest`);

    await prepare(site, "0.1.0", pair.key, installSh);
    assert.equal(await Deno.readTextFile(`${site}/releases/latest`), "0.1.0\n");
    const sums = await Deno.readTextFile(`${site}/releases/0.1.0/SHA256SUMS`);
    assert.equal(sums.trim().split("\n").length, TARGETS.length);
    assert.ok(await exists(`${site}/releases/0.1.0/SHA256SUMS.sig`));
    const published = await Deno.readFile(`${site}/install.sh`);
    assert.equal(
      await Deno.readTextFile(`${site}/install.sh.sha256`),
      `${await sha256Hex(published)}  install.sh\n`,
    );
    // sha256sum -c reads both files as printed in the README.
    for (
      const [dir, file] of [[`${site}/releases/0.1.0`, "SHA256SUMS"], [site, "install.sh.sha256"]]
    ) {
      const c = await new Deno.Command("sha256sum", {
        args: ["-c", file],
        cwd: dir,
        stdout: "null",
      })
        .output();
      assert.ok(c.success, `sha256sum -c ${file}`);
    }

    // The published install.sh, with no override, checks the signature with its pinned key.
    await using server = serveRelease(`${site}/releases`);
    await using sb = await makeSandbox({ with: ["ssh-keygen"] });
    const r = await runInstall(sb, ["--no-onboard"], {
      script: `${site}/install.sh`,
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /verified the signature of SHA256SUMS \(ssh-keygen, key openclaw-release\)/,
    );
  },
});

Deno.test({
  name: "publish prepare refuses a missing target, a key install.sh does not pin, no pin, no key",
  ignore: !hasSshKeygen,
  async fn() {
    await using work = await tempDir();
    const pair = await keyPair(work.path, "openclaw-release");
    const other = await keyPair(work.path, "other");
    const installSh = await pinnedInstallSh(work.path, pair.signers);
    const unpinned = await pinnedInstallSh(work.path, "", "unpinned.sh");
    const site = `${work.path}/site`;
    await writeRelease(`${site}/releases`, ["0.1.0"]);
    await Deno.remove(`${site}/releases/latest`);

    await assert.rejects(
      () => prepare(site, "0.1.0", other.key, installSh),
      (e: Error) =>
        e instanceof PublishFault && /not the private half of RELEASE_SIGNERS/.test(e.message),
    );
    await assert.rejects(
      () => prepare(site, "0.1.0", pair.key, unpinned),
      (e: Error) => e instanceof PublishFault && /install\.sh pins no release key/.test(e.message),
    );
    await assert.rejects(
      () => prepare(site, "0.1.0", "  \n", installSh),
      (e: Error) => /OPENCLAW_RELEASE_SIGNING_KEY is empty/.test(e.message),
    );
    await Deno.remove(`${site}/releases/0.1.0/openclaw-0.1.0-aarch64-apple-darwin.tar.gz`);
    await assert.rejects(
      () => prepare(site, "0.1.0", pair.key, installSh),
      (e: Error) => /lacks openclaw-0\.1\.0-aarch64-apple-darwin\.tar\.gz/.test(e.message),
    );
    // Nothing of a refused release is there to upload.
    assert.ok(!await exists(`${site}/releases/latest`));
    assert.ok(!await exists(`${site}/install.sh`));
  },
});

Deno.test("publish upload: the version folder, then latest, then install.sh's checksum, then install.sh", async () => {
  assert.deepEqual(uploadSteps("/s", "0.2.0", "u@h:/srv/site/"), [
    ["/s/releases/0.2.0/", "u@h:/srv/site/releases/0.2.0/"],
    ["/s/releases/latest", "u@h:/srv/site/releases/latest"],
    ["/s/install.sh.sha256", "u@h:/srv/site/install.sh.sha256"],
    ["/s/install.sh", "u@h:/srv/site/install.sh"],
  ]);
  await using work = await tempDir();
  const log = `${work.path}/rsync.log`;
  const fake = `${work.path}/rsync`;
  await Deno.writeTextFile(
    fake,
    `#!/bin/sh\necho "$*" >> '${log}'\ncase "$*" in *latest*) exit 23 ;; esac\n`,
    { mode: 0o755 },
  );
  Deno.env.set("RSYNC_BIN", fake);
  try {
    // A failed step stops the upload: install.sh is not sent for a release whose latest is not.
    assert.equal(await main(["upload", "/s", "0.2.0", "u@h:/srv"]), 1);
  } finally {
    Deno.env.delete("RSYNC_BIN");
  }
  assert.deepEqual((await Deno.readTextFile(log)).trim().split("\n"), [
    "-a --mkpath /s/releases/0.2.0/ u@h:/srv/releases/0.2.0/",
    "-a --mkpath /s/releases/latest u@h:/srv/releases/latest",
  ]);
});
