/**
 * install.sh end to end against a release server on 127.0.0.1: the right
 * archive is fetched and verified, files land where they should, a failed
 * check leaves nothing behind, re-runs upgrade in place without duplicate
 * profile lines, --from-file needs no network, --dry-run changes nothing,
 * and the hand-over runs onboarding.
 */
import assert from "node:assert/strict";
import { exists, listDir, readJson, snapshotTree, TEST_API_KEY } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { archiveName } from "../../scripts/release.ts";
import {
  handoverArgs,
  launcher,
  serveRelease,
  tamperArchive,
  withRelease,
  writeRelease,
} from "./release_server.ts";
import {
  EXPECTED_TARGET,
  hasTool,
  makeSandbox,
  type Platform,
  runInstall,
  type Sandbox,
  SHELLS,
} from "./sandbox.ts";

const LINUX = "x86_64-unknown-linux-gnu";
const PROFILE_LINE = (home: string) =>
  `if [ -f "${home}/.openclaw/bin/openclaw-env.sh" ]; then . "${home}/.openclaw/bin/openclaw-env.sh"; fi  # openclaw installer`;

/** Nothing of a run may remain in TMPDIR or as a scratch folder in the install dir. */
async function assertNoTempFiles(sb: Sandbox, installDir = `${sb.home}/.openclaw/bin`) {
  assert.deepEqual(await listDir(sb.tmp), [], "temp files left in TMPDIR");
  const scratch = (await listDir(installDir)).filter((n) => n.startsWith(".openclaw-install"));
  assert.deepEqual(scratch, [], "scratch folder left in the install dir");
}

for (const shell of SHELLS) {
  Deno.test({
    name: `install.sh (${shell}): each platform fetches its archive, verifies and installs it`,
    ignore: !hasTool(shell),
    async fn() {
      await withRelease(["0.1.0"], async (_dist, server) => {
        for (const [platform, target] of Object.entries(EXPECTED_TARGET)) {
          await using sb = await makeSandbox({ platform: platform as Platform });
          server.requests.length = 0;
          const r = await runInstall(sb, ["--no-onboard"], {
            shell,
            env: { OPENCLAW_INSTALL_BASE_URL: server.url },
          });
          assert.equal(r.code, 0, `${platform}: ${r.stderr}`);
          assert.deepEqual(server.requests, [
            "/latest",
            "/0.1.0/SHA256SUMS",
            `/0.1.0/${archiveName("0.1.0", target)}`,
          ]);
          const bin = `${sb.home}/.openclaw/bin`;
          assert.equal(await Deno.readTextFile(`${bin}/openclaw`), launcher("0.1.0", target));
          assert.equal(((await Deno.stat(`${bin}/openclaw`)).mode ?? 0) & 0o777, 0o755);
          assert.equal(((await Deno.stat(`${sb.home}/.openclaw`)).mode ?? 0) & 0o777, 0o700);
          assert.match(r.stderr, /verified sha256 [0-9a-f]{64} \(sha256sum\)/);
          assert.match(r.stderr, /openclaw 0\.1\.0 installed/);
          assert.match(r.stderr, /Next: openclaw onboard --install-daemon/);
          await assertNoTempFiles(sb);
        }
      });
    },
  });
}

Deno.test("install.sh: files, PATH script, profile lines and receipt", async () => {
  await withRelease(["0.1.0"], async (_dist, server) => {
    await using sb = await makeSandbox();
    await Deno.writeTextFile(`${sb.home}/.bashrc`, "alias ll='ls -l'"); // no final newline
    await Deno.mkdir(`${sb.home}/.config/fish`, { recursive: true });
    const r = await runInstall(sb, ["--no-onboard"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(r.code, 0, r.stderr);
    const h = sb.home;
    const bin = `${h}/.openclaw/bin`;
    assert.deepEqual(await listDir(bin), [
      "openclaw",
      "openclaw-env.fish",
      "openclaw-env.sh",
      "openclaw-install.json",
    ]);
    const line = PROFILE_LINE(h);
    assert.equal(await Deno.readTextFile(`${h}/.bashrc`), `alias ll='ls -l'\n${line}\n`);
    assert.equal(await Deno.readTextFile(`${h}/.profile`), `${line}\n`);
    const fishLine =
      `test -f "${bin}/openclaw-env.fish"; and source "${bin}/openclaw-env.fish"  # openclaw installer`;
    assert.equal(await Deno.readTextFile(`${h}/.config/fish/config.fish`), `${fishLine}\n`);
    assert.ok(!await exists(`${h}/.zshrc`), "no zsh here, so no .zshrc");

    // The env script puts the folder on PATH once, in a POSIX shell.
    const check = await new Deno.Command("sh", {
      args: ["-c", `. "${bin}/openclaw-env.sh"; . "${bin}/openclaw-env.sh"; echo "$PATH"`],
      env: { PATH: "/usr/bin:/bin" },
      stdout: "piped",
    }).output();
    assert.equal(new TextDecoder().decode(check.stdout), `${bin}:/usr/bin:/bin\n`);

    const receipt = await readJson(`${bin}/openclaw-install.json`);
    assert.equal(receipt.version, "0.1.0");
    assert.equal(receipt.target, LINUX);
    assert.equal(receipt.installDir, bin);
    assert.equal(receipt.binary, `${bin}/openclaw`);
    assert.equal(receipt.source, `${server.url}/0.1.0/${archiveName("0.1.0", LINUX)}`);
    assert.match(receipt.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(receipt.envScripts, [`${bin}/openclaw-env.sh`, `${bin}/openclaw-env.fish`]);
    assert.deepEqual(receipt.profileLines, [
      { file: `${h}/.profile`, line, created: true },
      { file: `${h}/.bashrc`, line, created: false },
      { file: `${h}/.config/fish/config.fish`, line: fishLine, created: true },
    ]);
    assert.match(r.stderr, /added to PATH in: .*\.profile .*\.bashrc .*config\.fish/);
  });
});

Deno.test("install.sh: a bad checksum installs nothing and leaves nothing", async () => {
  await withRelease(["0.1.0"], async (dist, server) => {
    await tamperArchive(dist, "0.1.0", LINUX);
    await using sb = await makeSandbox();
    await Deno.writeTextFile(`${sb.home}/.bashrc`, "# mine\n");
    const before = await snapshotTree(sb.home);
    for (const shell of SHELLS) {
      const r = await runInstall(sb, ["--no-onboard"], {
        shell,
        env: { OPENCLAW_INSTALL_BASE_URL: server.url },
      });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /checksum mismatch for openclaw-0\.1\.0-x86_64-unknown-linux-gnu/);
      assert.match(r.stderr, /nothing was installed/);
      assert.deepEqual(await snapshotTree(sb.home), before, "HOME changed");
      assert.ok(!await exists(`${sb.home}/pwned`), "the tampered archive ran");
      assert.deepEqual(await listDir(sb.tmp), []);
    }
  });
});

Deno.test("install.sh: a missing build says 'no build for <target>' and leaves nothing", async () => {
  await withRelease(["0.1.0"], async (dist, server) => {
    await using sb = await makeSandbox({ platform: "linux-aarch64" });
    const before = await snapshotTree(sb.home);
    // Listed in SHA256SUMS but absent on the server: a 404.
    await Deno.remove(`${dist}/0.1.0/${archiveName("0.1.0", "aarch64-unknown-linux-gnu")}`);
    let r = await runInstall(sb, ["--no-onboard"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no build for aarch64-unknown-linux-gnu in openclaw 0\.1\.0/);
    assert.deepEqual(await snapshotTree(sb.home), before);
    // Not even in SHA256SUMS.
    await Deno.writeTextFile(`${dist}/0.1.0/SHA256SUMS`, "");
    r = await runInstall(sb, ["--no-onboard"], { env: { OPENCLAW_INSTALL_BASE_URL: server.url } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no build for aarch64-unknown-linux-gnu in openclaw 0\.1\.0/);
    // A version that does not exist.
    r = await runInstall(sb, ["--no-onboard", "--version", "9.9.9"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /openclaw 9\.9\.9 was not found/);
    assert.deepEqual(await snapshotTree(sb.home), before);
    assert.deepEqual(await listDir(sb.tmp), []);
  });
});

Deno.test("install.sh: no checksum tool means no install", async () => {
  await withRelease(["0.1.0"], async (_dist, server) => {
    await using sb = await makeSandbox({ without: ["sha256sum"] });
    const r = await runInstall(sb, ["--no-onboard"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot verify the download: none of sha256sum, shasum or openssl/);
    assert.deepEqual(server.requests, [], "it downloaded before knowing it could verify");
    assert.deepEqual(await listDir(sb.home), []);
    // shasum or openssl do as well.
    for (const tool of ["shasum", "openssl"].filter(hasTool)) {
      await using other = await makeSandbox({ without: ["sha256sum"], with: [tool] });
      const ok = await runInstall(other, ["--no-onboard"], {
        env: { OPENCLAW_INSTALL_BASE_URL: server.url },
      });
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stderr, new RegExp(`verified sha256 [0-9a-f]{64} \\(${tool}\\)`));
    }
  });
});

Deno.test({
  name: "install.sh: wget is used when curl is missing",
  ignore: !hasTool("wget"),
}, async () => {
  await withRelease(["0.1.0"], async (_dist, server) => {
    await using sb = await makeSandbox({ without: ["curl"], with: ["wget"] });
    const r = await runInstall(sb, ["--no-onboard"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(server.requests.includes(`/0.1.0/${archiveName("0.1.0", LINUX)}`));
    assert.ok(await exists(`${sb.home}/.openclaw/bin/openclaw`));
    // And a 404 through wget is still "no build".
    const missing = await runInstall(sb, ["--no-onboard", "--version", "0.0.1"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /openclaw 0\.0\.1 was not found/);
    await assertNoTempFiles(sb);
  });
});

Deno.test("install.sh: re-running upgrades in place without duplicate profile lines", async () => {
  await withRelease(["0.1.0", "0.2.0"], async (_dist, server) => {
    await using sb = await makeSandbox();
    const env = { OPENCLAW_INSTALL_BASE_URL: server.url };
    // Pinned through the environment this time (the flag is tested elsewhere).
    let r = await runInstall(sb, ["--no-onboard"], { env: { ...env, OPENCLAW_VERSION: "0.1.0" } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /openclaw 0\.1\.0 \(pinned\)/);
    const profiles = [".profile", ".bashrc"];
    const first = await Promise.all(profiles.map((p) => Deno.readTextFile(`${sb.home}/${p}`)));

    // Same version again: nothing new in the profiles.
    r = await runInstall(sb, ["--no-onboard", "--version", "0.1.0"], { env, shell: "bash" });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      await Promise.all(profiles.map((p) => Deno.readTextFile(`${sb.home}/${p}`))),
      first,
    );

    // A config exists and a (fake) service is installed: the upgrade checks and restarts.
    const onboard = await runInstall(sb, [
      "onboard",
      "--non-interactive",
      "--accept-risk",
      "--auth-choice",
      "skip",
      "--skip-daemon",
      "--skip-health",
    ], { script: `${sb.home}/.openclaw/bin/openclaw`, shell: "bash" });
    assert.equal(onboard.code, 0, onboard.stderr);
    const unit = `${sb.home}/.config/systemd/user/openclaw-gateway.service`;
    await Deno.mkdir(`${sb.home}/.config/systemd/user`, { recursive: true });
    await Deno.writeTextFile(unit, "[Service]\n");
    await sb.addTool("systemctl", `echo "systemctl $*" >> '${sb.root}/systemctl.log'`);

    r = await runInstall(sb, [], { env }); // latest = 0.2.0; no --no-onboard needed
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /openclaw upgraded: 0\.1\.0 -> 0\.2\.0/);
    assert.match(r.stderr, /openclaw doctor --non-interactive/);
    assert.match(
      await Deno.readTextFile(`${sb.root}/systemctl.log`).catch(() => ""),
      /restart/,
      "the service was not restarted",
    );
    assert.equal(
      await Deno.readTextFile(`${sb.home}/.openclaw/bin/openclaw`),
      launcher("0.2.0", LINUX),
    );
    assert.equal(
      (await readJson(`${sb.home}/.openclaw/bin/openclaw-install.json`)).version,
      "0.2.0",
    );
    for (const [i, p] of profiles.entries()) {
      const text = await Deno.readTextFile(`${sb.home}/${p}`);
      assert.equal(text, first[i], `${p} changed on upgrade`);
      assert.equal(text.split(PROFILE_LINE(sb.home)).length - 1, 1);
    }
    // The config survived, and no onboarding was started for an existing setup.
    assert.ok(await exists(`${sb.home}/.openclaw/openclaw.json`));
    assert.doesNotMatch(r.stderr, /Next: openclaw onboard/);
    await assertNoTempFiles(sb);
  });
});

Deno.test("install.sh: --from-file installs with the server stopped and no curl", async () => {
  await using dist = await tempDir("openclaw-dist-");
  await writeRelease(dist.path, ["0.1.0"]);
  const server = serveRelease(dist.path);
  const url = server.url;
  await server.stop();
  await using sb = await makeSandbox({ without: ["curl"] });
  const dir = `${dist.path}/0.1.0`;
  const archive = `${dir}/${archiveName("0.1.0", LINUX)}`;
  const env = { OPENCLAW_INSTALL_BASE_URL: url };

  // The wrong platform's archive is refused.
  let r = await runInstall(sb, [
    "--no-onboard",
    "--from-file",
    `${dir}/${archiveName("0.1.0", "aarch64-apple-darwin")}`,
  ], { env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /not the build for this machine; it needs openclaw-<version>-x86_64/);

  // SHA256SUMS found next to the archive.
  r = await runInstall(sb, ["--no-onboard", "--from-file", archive], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    await Deno.readTextFile(`${sb.home}/.openclaw/bin/openclaw`),
    launcher("0.1.0", LINUX),
  );
  assert.equal((await readJson(`${sb.home}/.openclaw/bin/openclaw-install.json`)).source, archive);

  // Copied elsewhere without SHA256SUMS: refused until --sha256sums is given.
  await using copy = await tempDir();
  const lone = `${copy.path}/${archiveName("0.1.0", LINUX)}`;
  await Deno.copyFile(archive, lone);
  r = await runInstall(sb, ["--no-onboard", "--from-file", lone], { env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no SHA256SUMS next to/);
  // A relative path works too, and the receipt names the file absolutely.
  await Deno.copyFile(`${dir}/SHA256SUMS`, `${sb.home}/SHA256SUMS`);
  await Deno.copyFile(archive, `${sb.home}/${archiveName("0.1.0", LINUX)}`);
  r = await runInstall(sb, ["--no-onboard", "--from-file", archiveName("0.1.0", LINUX)], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    (await readJson(`${sb.home}/.openclaw/bin/openclaw-install.json`)).source,
    `${sb.home}/${archiveName("0.1.0", LINUX)}`,
  );
  r = await runInstall(sb, ["--no-onboard", "--from-file", lone], { env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no SHA256SUMS next to .*pass --sha256sums <file>/);
  r = await runInstall(sb, [
    "--no-onboard",
    "--from-file",
    lone,
    "--sha256sums",
    `${dir}/SHA256SUMS`,
  ], {
    env,
  });
  assert.equal(r.code, 0, r.stderr);

  // A tampered copy fails the same check as a download.
  await Deno.writeFile(lone, new Uint8Array([1, 2, 3]));
  r = await runInstall(sb, [
    "--no-onboard",
    "--from-file",
    lone,
    "--sha256sums",
    `${dir}/SHA256SUMS`,
  ], {
    env,
  });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /checksum mismatch/);
  await assertNoTempFiles(sb);
});

Deno.test("install.sh: --dry-run prints the whole plan and changes nothing", async () => {
  await withRelease(["0.1.0"], async (dist, server) => {
    await using sb = await makeSandbox();
    await Deno.writeTextFile(`${sb.home}/.bashrc`, "# mine\n");
    const before = await snapshotTree(sb.home);
    const r = await runInstall(sb, ["--dry-run"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(r.code, 0, r.stderr);
    const sums = await Deno.readTextFile(`${dist}/0.1.0/SHA256SUMS`);
    const sha = sums.split("\n").find((l) =>
      l.endsWith(archiveName("0.1.0", LINUX))
    )!.split(" ")[0];
    for (
      const part of [
        "dry run, nothing was changed",
        `target:      ${LINUX} (Linux x86_64)`,
        "version:     0.1.0 (latest)",
        `archive:     ${server.url}/0.1.0/${archiveName("0.1.0", LINUX)}`,
        `checksums:   ${server.url}/0.1.0/SHA256SUMS`,
        // Nothing was downloaded, so the plan must not claim a check took place.
        `sha256:      ${sha} (expected: a real run checks the archive with sha256sum once downloaded; nothing was downloaded here)`,
        `install:     ${sb.home}/.openclaw/bin/openclaw (new install)`,
        `add to ${sb.home}/.profile: ${PROFILE_LINE(sb.home)}`,
        `add to ${sb.home}/.bashrc: ${PROFILE_LINE(sb.home)}`,
        "then:        print the command to run next",
      ]
    ) {
      assert.ok(r.stdout.includes(part), `plan lacks "${part}":\n${r.stdout}`);
    }
    assert.ok(!server.requests.some((p) => p.endsWith(".tar.gz")), "the archive was downloaded");
    assert.doesNotMatch(r.stdout, /\(checked with|verified/);
    assert.deepEqual(await snapshotTree(sb.home), before, "--dry-run changed HOME");
    assert.deepEqual(await listDir(sb.tmp), []);
  });
});

Deno.test("install.sh: --no-modify-path leaves profiles alone and warns about a shadowing openclaw", async () => {
  await withRelease(["0.1.0"], async (_dist, server) => {
    await using sb = await makeSandbox();
    await sb.addTool("openclaw", "echo old");
    const r = await runInstall(sb, ["--no-onboard", "--no-modify-path"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!await exists(`${sb.home}/.profile`));
    assert.ok(!await exists(`${sb.home}/.bashrc`));
    assert.deepEqual(
      (await readJson(`${sb.home}/.openclaw/bin/openclaw-install.json`)).profileLines,
      [],
    );
    assert.match(r.stderr, /PATH left alone \(--no-modify-path\)/);
    assert.match(r.stderr, new RegExp(`another openclaw, ${sb.bin}/openclaw, comes first`));
  });
});

Deno.test("install.sh: OPENCLAW_INSTALL_DIR, and a failed run removes the folders it made", async () => {
  await withRelease(["0.1.0"], async (dist, server) => {
    await using sb = await makeSandbox();
    const dir = `${sb.home}/tools/openclaw/bin`;
    const env = { OPENCLAW_INSTALL_BASE_URL: server.url, OPENCLAW_INSTALL_DIR: dir };
    await tamperArchive(dist, "0.1.0", LINUX);
    let r = await runInstall(sb, ["--no-onboard"], { env });
    assert.equal(r.code, 1);
    assert.deepEqual(await listDir(sb.home), [], "the folders made for the install stayed");
    await writeRelease(dist, ["0.1.0"]);
    r = await runInstall(sb, ["--no-onboard"], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(await exists(`${dir}/openclaw`));
    assert.ok(!await exists(`${sb.home}/.openclaw`), "~/.openclaw made for a custom dir");
    assert.ok((await Deno.readTextFile(`${sb.home}/.profile`)).includes(`${dir}/openclaw-env.sh`));
  });
});

Deno.test("install.sh: WSL is installed like Linux, with a note when systemd is off", async () => {
  await withRelease(["0.1.0"], async (_dist, server) => {
    await using sb = await makeSandbox();
    const r = await runInstall(sb, ["--no-onboard"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url, WSL_DISTRO_NAME: "Ubuntu" },
    });
    assert.equal(r.code, 0, r.stderr);
    const systemdOn = await exists("/run/systemd/system");
    assert.equal(/WSL without systemd.*systemd=true.*wsl --shutdown/.test(r.stderr), !systemdOn);
  });
});

Deno.test("install.sh: the hand-over runs onboarding non-interactively and the config appears", async () => {
  await withRelease(["0.1.0"], async (_dist, server) => {
    await using sb = await makeSandbox();
    const r = await runInstall(sb, handoverArgs(), {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /running openclaw onboard non-interactively/);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.ok, true);
    const config = await Deno.readTextFile(`${sb.home}/.openclaw/openclaw.json`);
    assert.match(config, /"gateway"/);
    assert.ok(!r.stdout.includes(TEST_API_KEY) && !r.stderr.includes(TEST_API_KEY));
    await assertNoTempFiles(sb);

    // Onboarding that fails (a missing answer) passes its exit code on.
    await using sb2 = await makeSandbox();
    const bad = await runInstall(sb2, ["--", "--auth-choice", "skip"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /--accept-risk/);
    assert.ok(await exists(`${sb2.home}/.openclaw/bin/openclaw`), "the install itself stays");
  });
});

Deno.test("install.sh: a profile linked to outside HOME is left alone, with the line to add", async () => {
  await withRelease(["0.1.0"], async (_dist, server) => {
    await using sb = await makeSandbox();
    const outside = `${sb.root}/shared-rc`;
    await Deno.writeTextFile(outside, "# managed elsewhere\n");
    await Deno.symlink(outside, `${sb.home}/.bashrc`);
    await Deno.symlink("../shared-rc", `${sb.home}/.profile`); // relative, climbing out
    const inside = `${sb.home}/dotfiles/zshrc`;
    await Deno.mkdir(`${sb.home}/dotfiles`);
    await Deno.writeTextFile(inside, "# mine\n");
    await Deno.symlink("dotfiles/zshrc", `${sb.home}/.zshrc`);
    const r = await runInstall(sb, ["--no-onboard"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await Deno.readTextFile(outside), "# managed elsewhere\n");
    assert.match(r.stderr, /\.bashrc links outside your home.*add this line to it yourself/);
    assert.match(r.stderr, /\.profile links outside your home/);
    // A link within HOME (a dotfiles folder) is followed, and stays a link.
    assert.equal(await Deno.readTextFile(inside), `# mine\n${PROFILE_LINE(sb.home)}\n`);
    assert.ok((await Deno.lstat(`${sb.home}/.zshrc`)).isSymlink);
  });
});
