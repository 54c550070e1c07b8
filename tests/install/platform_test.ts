/**
 * install.sh's platform detection, under dash and bash, with fake
 * `uname`/`sysctl`/`ldd`: OPENCLAW_INSTALL_PRINT=target names the build, and
 * platforms without one are refused by name before anything is touched.
 */
import assert from "node:assert/strict";
import { listDir } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { serveRelease, writeRelease } from "./release_server.ts";
import {
  EXPECTED_TARGET,
  hasTool,
  INSTALL_SH,
  makeSandbox,
  type Platform,
  runInstall,
  SHELLS,
} from "./sandbox.ts";

for (const shell of SHELLS) {
  Deno.test({
    name: `install.sh (${shell}): OPENCLAW_INSTALL_PRINT=target for each supported platform`,
    ignore: !hasTool(shell),
    async fn() {
      for (const [platform, target] of Object.entries(EXPECTED_TARGET)) {
        await using sb = await makeSandbox({ platform: platform as Platform });
        const r = await runInstall(sb, [], { shell, env: { OPENCLAW_INSTALL_PRINT: "target" } });
        assert.equal(r.code, 0, `${platform}: ${r.stderr}`);
        assert.equal(r.stdout, `${target}\n`, platform);
        if (platform === "macos-rosetta") assert.match(r.stderr, /Rosetta/);
        else assert.equal(r.stderr, "", platform);
        assert.deepEqual(await listDir(sb.home), [], `${platform} wrote into HOME`);
      }
    },
  });

  Deno.test({
    name: `install.sh (${shell}): musl, 32-bit ARM, FreeBSD and Windows are refused by name`,
    ignore: !hasTool(shell),
    async fn() {
      const cases: [Platform, RegExp][] = [
        ["linux-musl", /musl libc \(Alpine\?\).*need glibc/],
        ["linux-armv7", /no build for Linux on armv7l/],
        ["linux-no-ldd", /could not tell which C library/],
        ["freebsd", /no build for FreeBSD \(amd64\)/],
        ["windows", /no Windows build\. Install WSL2/],
      ];
      for (const [platform, message] of cases) {
        await using sb = await makeSandbox({ platform });
        // Both the target print and a real install stop at detection.
        for (const env of [{ OPENCLAW_INSTALL_PRINT: "target" }, {}] as Record<string, string>[]) {
          const r = await runInstall(sb, ["--no-onboard"], { shell, env });
          assert.equal(r.code, 1, `${platform}: ${r.stderr}`);
          assert.match(r.stderr, message, platform);
          assert.equal(r.stdout, "");
          assert.deepEqual(await listDir(sb.home), []);
          assert.deepEqual(await listDir(sb.tmp), []);
        }
      }
    },
  });

  Deno.test({
    name: `install.sh (${shell}): a 32-bit system on a 64-bit kernel is refused by name`,
    ignore: !hasTool(shell),
    async fn() {
      for (const platform of ["linux-x86_64", "linux-aarch64"] as Platform[]) {
        await using sb = await makeSandbox({ platform });
        await sb.addTool("getconf", `[ "$1" = LONG_BIT ] && echo 32`);
        const r = await runInstall(sb, ["--no-onboard"], { shell });
        assert.equal(r.code, 1, `${platform}: ${r.stderr}`);
        assert.match(r.stderr, /32-bit system on a 64-bit .* kernel \(getconf LONG_BIT says 32\)/);
        assert.match(r.stderr, /Install the 64-bit edition/);
        assert.deepEqual(await listDir(sb.home), []);
        assert.deepEqual(await listDir(sb.tmp), []);
        // A 64-bit system on the same kernel gets its build.
        await sb.addTool("getconf", `[ "$1" = LONG_BIT ] && echo 64`);
        const ok = await runInstall(sb, [], { shell, env: { OPENCLAW_INSTALL_PRINT: "target" } });
        assert.equal(ok.stdout, `${EXPECTED_TARGET[platform]}\n`, ok.stderr);
      }
    },
  });
}

Deno.test("install.sh: unknown flags and bad usage exit 2 and say so", async () => {
  await using sb = await makeSandbox();
  const cases: [string[], RegExp][] = [
    [["--bogus"], /unknown option: --bogus/],
    [["--version"], /--version needs a value/],
    [["--sha256sums", "x"], /--sha256sums goes with --from-file/],
    [["--no-onboard", "--", "--accept-risk"], /cannot go with --no-onboard/],
  ];
  for (const [args, message] of cases) {
    const r = await runInstall(sb, args);
    assert.equal(r.code, 2, `${args}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /--help/);
  }
  assert.deepEqual(await listDir(sb.home), []);
  const help = await runInstall(sb, ["--help"]);
  assert.equal(help.code, 0);
  for (
    const flag of [
      "--version",
      "--from-file",
      "--sha256sums",
      "--install-dir",
      "--no-modify-path",
      "--no-onboard",
      "--yes",
      "--dry-run",
      "OPENCLAW_INSTALL_BASE_URL",
      "OPENCLAW_INSTALL_DIR",
      "OPENCLAW_VERSION",
      "OPENCLAW_INSTALL_PRINT",
    ]
  ) {
    assert.ok(help.stdout.includes(flag), `--help does not mention ${flag}`);
  }
});

Deno.test("install.sh: plain http is refused unless the server is on this machine", async () => {
  await using sb = await makeSandbox();
  for (
    const url of [
      "http://example.com/releases",
      "http://127.0.0.1.example.com/x",
      "http://127.0.0.1:80@example.com/x",
      "ftp://example.com/x",
    ]
  ) {
    const r = await runInstall(sb, ["--no-onboard"], { env: { OPENCLAW_INSTALL_BASE_URL: url } });
    assert.equal(r.code, 1, url);
    assert.match(r.stderr, /must be an https:\/\/ URL/, url);
    assert.deepEqual(await listDir(sb.home), [], url);
  }
});

Deno.test("install.sh: an empty port in the base URL is refused by name", async () => {
  await using sb = await makeSandbox();
  for (
    const url of [
      "http://127.0.0.1:/releases",
      "http://127.0.0.1:",
      "http://localhost:/",
      "http://[::1]:/x",
      "https://mirror.example:/releases",
    ]
  ) {
    const r = await runInstall(sb, ["--no-onboard"], { env: { OPENCLAW_INSTALL_BASE_URL: url } });
    assert.equal(r.code, 1, url);
    assert.match(r.stderr, /the port after ':' is empty/, url);
    assert.deepEqual(await listDir(sb.home), [], url);
    assert.deepEqual(await listDir(sb.tmp), [], url);
  }
});

Deno.test("install.sh: a download cut short anywhere runs nothing", async () => {
  await using dist = await tempDir("openclaw-dist-");
  await writeRelease(dist.path, ["0.1.0"]);
  await using server = serveRelease(dist.path);
  await using sb = await makeSandbox();
  const script = await Deno.readFile(INSTALL_SH);
  const cut = `${sb.root}/cut.sh`;
  // Every 701 bytes, plus the cut right before the final `main "$@"` line.
  const cuts = [];
  for (let n = 1; n < script.length; n += 701) cuts.push(n);
  cuts.push(new TextDecoder().decode(script).lastIndexOf('main "$@"'));
  for (const shell of SHELLS.filter(hasTool)) {
    for (const n of cuts) {
      await Deno.writeFile(cut, script.subarray(0, n));
      const r = await runInstall(sb, ["--yes"], {
        shell,
        script: cut,
        env: { OPENCLAW_INSTALL_BASE_URL: server.url },
      });
      assert.equal(r.stdout, "", `cut at ${n} (${shell}) printed: ${r.stdout}`);
      assert.deepEqual(server.requests, [], `cut at ${n} (${shell}) downloaded`);
      assert.deepEqual(await listDir(sb.home), [], `cut at ${n} (${shell}) wrote into HOME`);
      assert.deepEqual(await listDir(sb.tmp), []);
    }
  }
});
