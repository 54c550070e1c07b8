/**
 * install.sh checks SHA256SUMS's SSH signature (SHA256SUMS.sig) against the pinned release key
 * with `ssh-keygen -Y verify`; here the key is a throwaway one made with ssh-keygen and pinned
 * through OPENCLAW_INSTALL_ALLOWED_SIGNERS. A bad, foreign or missing signature installs
 * nothing; without ssh-keygen the run says plainly that the signature was not checked.
 */
import assert from "node:assert/strict";
import { exists, listDir } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { archiveName, sha256Hex } from "../../scripts/release.ts";
import { tamperArchive, withRelease } from "./release_server.ts";
import { hasTool, makeSandbox, runInstall, type Sandbox, SHELLS } from "./sandbox.ts";
import { makeKey, sign } from "./signing.ts";

const LINUX = "x86_64-unknown-linux-gnu";

/** Nothing installed, nothing left over. */
async function assertNothingInstalled(sb: Sandbox) {
  assert.ok(!await exists(`${sb.home}/.openclaw/bin/openclaw`), "openclaw was installed");
  assert.ok(!await exists(`${sb.home}/pwned`), "the tampered binary ran");
  assert.deepEqual(await listDir(sb.tmp), [], "temp files left in TMPDIR");
  assert.deepEqual(await listDir(sb.home), [], "the failed run left files in HOME");
}

const hasSshKeygen = hasTool("ssh-keygen");

for (const shell of SHELLS) {
  Deno.test({
    name: `install.sh (${shell}): a good signature passes; a changed SHA256SUMS, another key ` +
      `or no signature installs nothing`,
    ignore: !hasTool(shell) || !hasSshKeygen,
    async fn() {
      await using keys = await tempDir();
      const key = await makeKey(keys.path, "openclaw-release");
      const other = await makeKey(keys.path, "someone-else");
      await withRelease(["0.1.0"], async (dist, server) => {
        const sums = `${dist}/0.1.0/SHA256SUMS`;
        const run = async (env: Record<string, string> = {}) => {
          const sb = await makeSandbox({ with: ["ssh-keygen"] });
          const r = await runInstall(sb, ["--no-onboard", "--no-modify-path"], {
            shell,
            env: {
              OPENCLAW_INSTALL_BASE_URL: server.url,
              OPENCLAW_INSTALL_ALLOWED_SIGNERS: key.signers,
              ...env,
            },
          });
          return { sb, r };
        };

        // Signed with the pinned key: verified, then installed.
        await sign(sums, key);
        {
          const { sb, r } = await run();
          await using _ = sb;
          assert.equal(r.code, 0, r.stderr);
          assert.match(
            r.stderr,
            /verified the signature of SHA256SUMS \(ssh-keygen, key openclaw-release\)/,
          );
          assert.ok(server.requests.includes("/0.1.0/SHA256SUMS.sig"));
          assert.ok(await exists(`${sb.home}/.openclaw/bin/openclaw`));
        }

        // The pinned key is another one: refused before anything is downloaded.
        {
          server.requests.length = 0;
          const { sb, r } = await run({ OPENCLAW_INSTALL_ALLOWED_SIGNERS: other.signers });
          await using _ = sb;
          assert.equal(r.code, 1, r.stderr);
          assert.match(
            r.stderr,
            /error: the signature of SHA256SUMS does not verify against the openclaw release key \(someone-else\)/,
          );
          assert.match(r.stderr, /Nothing was installed\./);
          assert.ok(!server.requests.some((p) => p.endsWith(".tar.gz")), "archive downloaded");
          await assertNothingInstalled(sb);
        }

        // An attacker's archive with a SHA256SUMS to match, under the old signature.
        await tamperArchive(dist, "0.1.0", LINUX);
        const name = archiveName("0.1.0", LINUX);
        const bad = await sha256Hex(await Deno.readFile(`${dist}/0.1.0/${name}`));
        const text = await Deno.readTextFile(sums);
        await Deno.writeTextFile(
          sums,
          text.replace(new RegExp(`^[0-9a-f]{64}  ${name}$`, "m"), `${bad}  ${name}`),
        );
        {
          const { sb, r } = await run();
          await using _ = sb;
          assert.equal(r.code, 1, r.stderr);
          assert.match(r.stderr, /does not verify against the openclaw release key/);
          assert.match(
            r.stderr,
            /SHA256SUMS was changed after signing, or signed with another key/,
          );
          await assertNothingInstalled(sb);
        }

        // No signature at all: refused, unless the user says the release is their own.
        await Deno.remove(`${sums}.sig`);
        {
          const { sb, r } = await run();
          await using _ = sb;
          assert.equal(r.code, 1, r.stderr);
          assert.match(
            r.stderr,
            /error: SHA256SUMS has no signature \(SHA256SUMS\.sig is missing\)/,
          );
          await assertNothingInstalled(sb);
        }
      });
    },
  });
}

Deno.test({
  name: "install.sh: --from-file checks the SHA256SUMS.sig next to SHA256SUMS",
  ignore: !hasSshKeygen,
  async fn() {
    await using keys = await tempDir();
    const key = await makeKey(keys.path, "openclaw-release");
    await withRelease(["0.1.0"], async (dist) => {
      const sums = `${dist}/0.1.0/SHA256SUMS`;
      const archive = `${dist}/0.1.0/${archiveName("0.1.0", LINUX)}`;
      const env = { OPENCLAW_INSTALL_ALLOWED_SIGNERS: key.signers };
      await sign(sums, key);
      {
        await using sb = await makeSandbox({ with: ["ssh-keygen"] });
        const r = await runInstall(sb, ["--from-file", archive, "--no-onboard"], { env });
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /verified the signature of SHA256SUMS/);
      }
      await Deno.writeTextFile(sums, "\n", { append: true });
      {
        await using sb = await makeSandbox({ with: ["ssh-keygen"] });
        const r = await runInstall(sb, ["--from-file", archive, "--no-onboard"], { env });
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stderr, /does not verify against the openclaw release key/);
        await assertNothingInstalled(sb);
      }
    });
  },
});

Deno.test({
  name:
    "install.sh: an unsigned release of your own installs with OPENCLAW_INSTALL_ALLOW_UNSIGNED=1",
  ignore: !hasSshKeygen,
  async fn() {
    await using keys = await tempDir();
    const key = await makeKey(keys.path, "openclaw-release");
    await withRelease(["0.1.0"], async (_dist, server) => {
      await using sb = await makeSandbox({ with: ["ssh-keygen"] });
      const r = await runInstall(sb, ["--no-onboard"], {
        env: {
          OPENCLAW_INSTALL_BASE_URL: server.url,
          OPENCLAW_INSTALL_ALLOWED_SIGNERS: key.signers,
          OPENCLAW_INSTALL_ALLOW_UNSIGNED: "1",
        },
      });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /warning: SHA256SUMS is not signed \(no SHA256SUMS\.sig\)/);
    });
  },
});

Deno.test("install.sh: without ssh-keygen it says the signature was not checked, and why", async () => {
  await withRelease(["0.1.0"], async (_dist, server) => {
    await using sb = await makeSandbox();
    const env = {
      OPENCLAW_INSTALL_BASE_URL: server.url,
      OPENCLAW_INSTALL_ALLOWED_SIGNERS: 'k namespaces="openclaw-release" ssh-ed25519 AAAA',
    };
    let r = await runInstall(sb, ["--dry-run"], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /warning: could not verify the signature of SHA256SUMS: ssh-keygen \(OpenSSH\) is not installed\. The archive is still checked against SHA256SUMS/,
    );
    assert.match(r.stdout, /signature: {3}not checked: ssh-keygen \(OpenSSH\) is not installed/);
    assert.ok(!server.requests.includes("/0.1.0/SHA256SUMS.sig"));
    r = await runInstall(sb, ["--no-onboard"], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /could not verify the signature of SHA256SUMS/);
  });
});
