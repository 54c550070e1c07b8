/**
 * install.sh against a hostile or unlucky world (issue 12): redirects that
 * leave the release server, a CRLF SHA256SUMS, an existing "openclaw" that
 * is not ours during --dry-run, a SIGTERM in the middle of the file step and
 * the staging folder a SIGKILL leaves behind.
 */
import assert from "node:assert/strict";
import { exists, listDir, readJson, TEST_API_KEY } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { archiveName } from "../../scripts/release.ts";
import {
  handoverArgs,
  launcher,
  serveRelease,
  withRelease,
  writeRelease,
} from "./release_server.ts";
import { hasTool, INSTALL_SH, makeSandbox, realTool, runInstall } from "./sandbox.ts";

const LINUX = "x86_64-unknown-linux-gnu";
const ARCHIVE = `/0.1.0/${archiveName("0.1.0", LINUX)}`;

for (const tool of ["curl", "wget"]) {
  Deno.test({
    name: `install.sh (${tool}): a redirect that leaves the release server is refused`,
    ignore: !hasTool(tool),
    async fn() {
      await withRelease(["0.1.0"], async (dist, server) => {
        // "Another host": a second server on another port of the loopback address.
        await using other = serveRelease(dist);
        await using sb = tool === "curl"
          ? await makeSandbox()
          : await makeSandbox({ without: ["curl"], with: ["wget"] });
        const env = { OPENCLAW_INSTALL_BASE_URL: server.url };

        // A redirect within the same server is followed.
        server.redirects.set("/latest", "/0.1.0/latest-moved");
        await Deno.writeTextFile(`${dist}/0.1.0/latest-moved`, "0.1.0\n");
        let r = await runInstall(sb, ["--dry-run"], { env });
        assert.equal(r.code, 0, r.stderr);
        assert.ok(server.requests.includes("/0.1.0/latest-moved"));

        // One to another host over plain http is not.
        server.redirects.set(ARCHIVE, `${other.url}${ARCHIVE}`);
        r = await runInstall(sb, ["--no-onboard"], { env });
        assert.equal(r.code, 1, r.stderr);
        assert.match(
          r.stderr,
          new RegExp(`refusing to follow a redirect from .* to ${other.url}`),
        );
        assert.deepEqual(other.requests, [], "the other host was contacted");
        assert.ok(!await exists(`${sb.home}/.openclaw/bin/openclaw`));
        assert.deepEqual(await listDir(sb.tmp), []);
      });
    },
  });
}

Deno.test("install.sh: a SHA256SUMS with CRLF line ends is accepted", async () => {
  await withRelease(["0.1.0"], async (dist, server) => {
    const sums = `${dist}/0.1.0/SHA256SUMS`;
    const text = await Deno.readTextFile(sums);
    await Deno.writeTextFile(sums, text.replace(/\r?\n/g, "\r\n"));
    await using sb = await makeSandbox();
    const r = await runInstall(sb, ["--no-onboard"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(await exists(`${sb.home}/.openclaw/bin/openclaw`));
    // --from-file reads the same file format.
    await using sb2 = await makeSandbox({ without: ["curl"] });
    const local = await runInstall(sb2, ["--no-onboard", "--from-file", `${dist}${ARCHIVE}`]);
    assert.equal(local.code, 0, local.stderr);
  });
});

Deno.test("install.sh: --dry-run never runs the openclaw that is already installed", async () => {
  await withRelease(["0.1.0"], async (_dist, server) => {
    await using sb = await makeSandbox();
    const bin = `${sb.home}/.openclaw/bin`;
    await Deno.mkdir(bin, { recursive: true });
    const marker = `${sb.root}/it-ran`;
    const impostor = `${sb.root}/impostor`;
    await Deno.writeTextFile(impostor, `#!/bin/sh\necho ran > '${marker}'\necho 6.6.6\n`, {
      mode: 0o755,
    });
    await Deno.symlink(impostor, `${bin}/openclaw`);
    const env = { OPENCLAW_INSTALL_BASE_URL: server.url };
    let r = await runInstall(sb, ["--dry-run"], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!await exists(marker), "--dry-run ran the existing binary");
    assert.match(r.stdout, /install: .*\(upgrade an unknown version -> 0\.1\.0\)/);

    // With a receipt, the installed version comes from it.
    await Deno.writeTextFile(
      `${bin}/openclaw-install.json`,
      JSON.stringify({ installer: "install.sh", version: "0.0.9", target: LINUX }),
    );
    r = await runInstall(sb, ["--dry-run"], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\(upgrade 0\.0\.9 -> 0\.1\.0\)/);
    assert.ok(!await exists(marker), "--dry-run ran the existing binary");
  });
});

Deno.test("install.sh: SIGTERM in the file step leaves a receipt that uninstall follows", async () => {
  await withRelease(["0.1.0"], async (_dist, server) => {
    await using sb = await makeSandbox();
    await Deno.writeTextFile(`${sb.home}/.bashrc`, "# mine\n");
    // mv signals the installer while it puts the first PATH script in place:
    // the binary is there, the profile lines are not yet.
    await sb.removeTool("mv");
    await sb.addTool(
      "mv",
      `case "$3" in */openclaw-env.sh) kill -TERM "$PPID" ;; esac\nexec '${realTool("mv")}' "$@"`,
    );
    const r = await runInstall(sb, ["--no-onboard"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(r.code, 143, r.stderr);
    assert.match(r.stderr, /interrupted/);
    const bin = `${sb.home}/.openclaw/bin`;
    assert.ok(await exists(`${bin}/openclaw`), "the signal came too early to test anything");
    const receipt = await readJson(`${bin}/openclaw-install.json`);
    assert.equal(receipt.state, "installing");
    assert.equal(receipt.binary, `${bin}/openclaw`);
    assert.deepEqual(
      (receipt.profileLines as { file: string }[]).map((p) => p.file),
      [`${sb.home}/.profile`, `${sb.home}/.bashrc`],
    );
    assert.deepEqual(await listDir(sb.tmp), []);

    // uninstall (run from a copy outside HOME) removes what the receipt names.
    const runner = `${sb.root}/openclaw-runner`;
    await Deno.copyFile(`${bin}/openclaw`, runner);
    const u = await runInstall(sb, ["uninstall", "--yes"], { script: runner, shell: "bash" });
    assert.equal(u.code, 0, u.stderr);
    assert.match(u.stderr, /The install was interrupted before it finished/);
    assert.ok(!await exists(bin), `the program folder stayed: ${await listDir(bin)}`);
    assert.equal(await Deno.readTextFile(`${sb.home}/.bashrc`), "# mine\n");
  });
});

Deno.test("install.sh: a staging folder left by a killed run is removed by the next run", async () => {
  await withRelease(["0.1.0"], async (_dist, server) => {
    await using sb = await makeSandbox();
    const bin = `${sb.home}/.openclaw/bin`;
    await Deno.mkdir(bin, { recursive: true });
    // One from a run that is gone (no pid, or a pid that is not running) …
    await Deno.mkdir(`${bin}/.openclaw-install.AbC123`);
    await Deno.writeTextFile(`${bin}/.openclaw-install.AbC123/openclaw`, "half a download");
    await Deno.mkdir(`${bin}/.openclaw-install.DeF456`);
    const dead = new Deno.Command("true").spawn();
    await dead.status;
    await Deno.writeTextFile(`${bin}/.openclaw-install.DeF456/pid`, `${dead.pid}\n`);
    // … and one of a run still going (this test's own process stands in for it).
    await Deno.mkdir(`${bin}/.openclaw-install.GhI789`);
    await Deno.writeTextFile(`${bin}/.openclaw-install.GhI789/pid`, `${Deno.pid}\n`);
    const r = await runInstall(sb, ["--no-onboard"], {
      env: { OPENCLAW_INSTALL_BASE_URL: server.url },
    });
    assert.equal(r.code, 0, r.stderr);
    const left = (await listDir(bin)).filter((n) => n.startsWith(".openclaw-install"));
    assert.deepEqual(left, [".openclaw-install.GhI789"]);
  });
});

/** A release whose binary logs each command line (and the key it sees) before running main.ts. */
function recordingLauncher(log: string) {
  return (version: string, target: string) =>
    launcher(version, target).replace(
      "exec ",
      `printf 'argv: %s\\n' "$*" >> '${log}'\nprintf 'env key: %s\\n' "\${ANTHROPIC_API_KEY:-}" >> '${log}'\nexec `,
    );
}

Deno.test("install.sh: the hand-over moves secret flags into onboard's environment, off its command line", async () => {
  await using dist = await tempDir("openclaw-dist-");
  await using sb = await makeSandbox();
  const log = `${sb.root}/argv.log`;
  await writeRelease(dist.path, ["0.1.0"], recordingLauncher(log));
  await using server = serveRelease(dist.path);
  const gatewayToken = "gw-token-given-as-a-flag-0123456789";
  const r = await runInstall(sb, handoverArgs(`--gateway-token=${gatewayToken}`), {
    env: { OPENCLAW_INSTALL_BASE_URL: server.url, OPENCLAW_SKIP_AUTH_CHECK: "1" },
  });
  assert.equal(r.code, 0, r.stderr);
  const argv = (await Deno.readTextFile(log)).split("\n").filter((l) => l.startsWith("argv: "));
  assert.ok(argv.some((l) => l.includes("onboard --non-interactive")), argv.join("\n"));
  for (const line of argv) {
    assert.ok(!line.includes(TEST_API_KEY) && !line.includes(gatewayToken), `a secret in: ${line}`);
  }
  assert.match(r.stderr, /--anthropic-api-key.*\$ANTHROPIC_API_KEY/);
  assert.match(r.stderr, /visible to other local users/);
  const profiles = await readJson(`${sb.home}/.openclaw/agents/main/agent/auth-profiles.json`);
  assert.equal(profiles.profiles["anthropic:default"].key, TEST_API_KEY);
  const config = await readJson(`${sb.home}/.openclaw/openclaw.json`);
  assert.equal(config.gateway.auth.token, gatewayToken);

  // The documented way: the key only in the environment; nothing to warn about.
  await using sb2 = await makeSandbox();
  const ok = await runInstall(sb2, [
    "--yes",
    "--",
    "--accept-risk",
    "--auth-choice",
    "apiKey",
    "--skip-daemon",
    "--skip-health",
  ], {
    env: {
      OPENCLAW_INSTALL_BASE_URL: server.url,
      OPENCLAW_SKIP_AUTH_CHECK: "1",
      ANTHROPIC_API_KEY: TEST_API_KEY,
    },
  });
  assert.equal(ok.code, 0, ok.stderr);
  assert.doesNotMatch(ok.stderr, /visible to other local users/);
  const profiles2 = await readJson(`${sb2.home}/.openclaw/agents/main/agent/auth-profiles.json`);
  assert.equal(profiles2.profiles["anthropic:default"].key, TEST_API_KEY);

  // --dry-run's plan shows the hand-over without the secrets.
  await using sb3 = await makeSandbox();
  const plan = await runInstall(sb3, [
    "--dry-run",
    "--",
    "--anthropic-api-key",
    TEST_API_KEY,
    `--gateway-token=${gatewayToken}`,
  ], { env: { OPENCLAW_INSTALL_BASE_URL: server.url } });
  assert.equal(plan.code, 0, plan.stderr);
  assert.match(
    plan.stdout,
    /then: +openclaw onboard .*--anthropic-api-key \*\*\* --gateway-token=\*\*\*/,
  );
  assert.ok(!plan.stdout.includes(TEST_API_KEY) && !plan.stdout.includes(gatewayToken));
});

Deno.test("install.sh: the redirect rule, case by case (https anywhere; the test server only to itself)", async () => {
  await using dir = await tempDir();
  // install.sh is all functions but its last line: load them without running main.
  const text = await Deno.readTextFile(INSTALL_SH);
  await Deno.writeTextFile(`${dir.path}/fns.sh`, text.replace(/\nmain "\$@"\n$/, "\n"));
  const check = async (base: string, plain: string, from: string, locations: string[]) => {
    const out = await new Deno.Command(realTool("dash")!, {
      args: [
        "-c",
        `. '${dir.path}/fns.sh'; BASE_URL='${base}'; PLAIN_HTTP=${plain}
         for l in "$@"; do
           if redirect_allowed "$(resolve_location '${from}' "$l")"; then echo yes; else echo no; fi
         done`,
        "sh",
        ...locations,
      ],
      stdout: "piped",
    }).output();
    return new TextDecoder().decode(out.stdout).trim().split("\n");
  };
  const https = "https://openclaw.ai/releases";
  assert.deepEqual(
    await check(https, "0", `${https}/latest`, [
      "https://cdn.example/x", // a CDN over https
      "/releases/0.1.0/x", // same host
      "//cdn.example/x", // scheme-relative: stays https
      "0.1.0/x", // relative
      "http://openclaw.ai/x", // downgrade
      "ftp://openclaw.ai/x",
    ]),
    ["yes", "yes", "yes", "yes", "no", "no"],
  );
  const local = "http://127.0.0.1:8000";
  assert.deepEqual(
    await check(local, "1", `${local}/latest`, [
      "/0.1.0/x",
      `${local}/x`,
      "http://127.0.0.1:8001/x", // another port
      "http://127.0.0.2:8000/x", // another host
      "http://127.0.0.1:8000@evil.example/x",
      "https://127.0.0.1:8000/x",
      "https://cdn.example/x",
    ]),
    ["yes", "yes", "no", "no", "no", "no", "no"],
  );
});
