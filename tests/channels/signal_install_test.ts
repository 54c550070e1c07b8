/**
 * Installing signal-cli from a release server on 127.0.0.1 serving archives
 * this test builds: the JVM and native layouts, checksum success and
 * failure (nothing half-installed stays), a missing checksum, a 404, Java
 * checks, and `channels add --channel signal --install` end to end.
 */
import assert from "node:assert/strict";
import {
  installSignalCli,
  javaProblem,
  parseJavaMajor,
  pickSignalAsset,
  resolveLatestSignalVersion,
} from "../../lib/channels/signal/install.ts";
import { ActionableError } from "../../lib/errors.ts";
import { type CommandResult, runCommand } from "../../lib/host.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import { serveLocal } from "../helpers/local-server.ts";
import { exists, listDir, readJson, runCli } from "../e2e/cli.ts";

const VERSION = "0.13.9";

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Build signal-cli archives like the real ones: JVM (signal-cli-<v>/bin,lib) and native (one file). */
async function buildArchives(dir: string): Promise<Record<string, Uint8Array<ArrayBuffer>>> {
  const jvm = `${dir}/jvm/signal-cli-${VERSION}`;
  await Deno.mkdir(`${jvm}/bin`, { recursive: true });
  await Deno.mkdir(`${jvm}/lib`, { recursive: true });
  await Deno.writeTextFile(`${jvm}/bin/signal-cli`, `#!/bin/sh\necho "signal-cli ${VERSION}"\n`, {
    mode: 0o755,
  });
  await Deno.writeTextFile(`${jvm}/lib/signal-cli-${VERSION}.jar`, "jar");
  await Deno.mkdir(`${dir}/native`, { recursive: true });
  await Deno.writeTextFile(
    `${dir}/native/signal-cli`,
    `#!/bin/sh\necho "signal-cli ${VERSION}"\n`,
    { mode: 0o755 },
  );
  const tar = async (cwd: string, out: string, what: string) => {
    const r = await runCommand("tar", ["-czf", out, what], { cwd });
    assert.equal(r.code, 0, r.stderr);
    return await Deno.readFile(out);
  };
  return {
    [`signal-cli-${VERSION}.tar.gz`]: await tar(
      `${dir}/jvm`,
      `${dir}/jvm.tgz`,
      `signal-cli-${VERSION}`,
    ),
    [`signal-cli-${VERSION}-Linux-native.tar.gz`]: await tar(
      `${dir}/native`,
      `${dir}/native.tgz`,
      "signal-cli",
    ),
  };
}

interface ReleaseServer extends AsyncDisposable {
  base: string;
  requests: string[];
}

/** GitHub-like layout: /latest redirects to /tag/v<version>; assets and .sha256 under /download/v<version>/. */
function releaseServer(
  assets: Record<string, Uint8Array<ArrayBuffer>>,
  checksums: Record<string, string | undefined>,
): ReleaseServer {
  const requests: string[] = [];
  const server = serveLocal((req) => {
    const path = new URL(req.url).pathname;
    requests.push(path);
    if (path === "/releases/latest") {
      return new Response(null, {
        status: 302,
        headers: { location: `/releases/tag/v${VERSION}` },
      });
    }
    const m = path.match(/^\/releases\/download\/v([^/]+)\/(.+)$/);
    if (m && m[1] === VERSION) {
      if (m[2].endsWith(".sha256")) {
        const sum = checksums[m[2].slice(0, -7)];
        return sum
          ? new Response(`${sum}  ${m[2].slice(0, -7)}\n`)
          : new Response("Not Found", { status: 404 });
      }
      const body = assets[m[2]];
      if (body) return new Response(body, { headers: { "content-length": String(body.length) } });
    }
    return new Response("Not Found", { status: 404 });
  });
  return {
    base: `${server.base}/releases`,
    requests,
    [Symbol.asyncDispose]: () => server.close(),
  };
}

/** A host that really runs tar but answers `java -version` as told. */
function hostWithJava(home: string, java: CommandResult | "missing") {
  const base = testHost({ home });
  return {
    ...base,
    run: (cmd: string, args: string[]) => {
      if (cmd === "java") {
        return java === "missing"
          ? Promise.reject(new Deno.errors.NotFound("java"))
          : Promise.resolve(java);
      }
      return runCommand(cmd, args);
    },
  };
}

Deno.test("signal-cli: asset choice, latest version, Java version parsing", async () => {
  assert.equal(
    pickSignalAsset("0.13.9", "linux", "x86_64", "B").name,
    "signal-cli-0.13.9-Linux-native.tar.gz",
  );
  assert.equal(pickSignalAsset("0.13.9", "linux", "aarch64", "B").build, "jvm");
  assert.equal(
    pickSignalAsset("0.13.9", "darwin", "aarch64", "B").url,
    "B/download/v0.13.9/signal-cli-0.13.9.tar.gz",
  );
  assert.equal(parseJavaMajor('openjdk version "21.0.2" 2024-01-16'), 21);
  assert.equal(parseJavaMajor('java version "1.8.0_381"'), 8);
  assert.equal(parseJavaMajor('openjdk version "17.0.15" 2025-04-15'), 17);
  await using work = await tempDir();
  await using rel = releaseServer(await buildArchives(work.path), {});
  assert.equal(await resolveLatestSignalVersion(rel.base, 2000), VERSION);
  await assert.rejects(
    resolveLatestSignalVersion("http://127.0.0.1:9/releases", 2000),
    /--signal-cli-version/,
  );
});

Deno.test("signal-cli: Java missing or too old is explained with what to install", async () => {
  await using home = await tempDir();
  const missing = await javaProblem(hostWithJava(home.path, "missing"));
  assert.match(missing ?? "", /needs Java 21, and no Java was found.*openjdk-21/s);
  const old = await javaProblem(
    hostWithJava(home.path, {
      code: 0,
      stdout: "",
      stderr: 'openjdk version "17.0.15" 2025-04-15',
    }),
  );
  assert.match(old ?? "", /Java 21 or newer; this machine has Java 17/);
  const ok = await javaProblem(
    hostWithJava(home.path, { code: 0, stdout: "", stderr: 'openjdk version "21.0.5" 2024-10-15' }),
  );
  assert.equal(ok, undefined);
});

Deno.test("signal-cli: the JVM build installs when its checksum matches", async () => {
  await using home = await tempDir();
  await using work = await tempDir();
  const assets = await buildArchives(work.path);
  const name = `signal-cli-${VERSION}.tar.gz`;
  await using rel = releaseServer(assets, { [name]: await sha256Hex(assets[name]) });
  const host = hostWithJava(home.path, "missing");
  const stateDir = `${home.path}/.openclaw`;
  const progress: number[] = [];
  const done = await installSignalCli({
    host,
    stateDir,
    asset: pickSignalAsset(VERSION, "linux", "aarch64", rel.base),
    onProgress: (d) => progress.push(d),
  });
  assert.equal(done.cliPath, `${stateDir}/tools/signal-cli/${VERSION}/bin/signal-cli`);
  const out = await runCommand(done.cliPath, []);
  assert.equal(out.stdout.trim(), `signal-cli ${VERSION}`);
  assert.ok(await exists(`${stateDir}/tools/signal-cli/${VERSION}/lib/signal-cli-${VERSION}.jar`));
  assert.deepEqual(
    await listDir(`${stateDir}/tools/signal-cli`),
    [VERSION],
    "no staging folder left",
  );
  assert.equal(progress.at(-1), assets[name].length);
});

Deno.test("signal-cli: a checksum mismatch, a missing checksum or a 404 installs nothing", async () => {
  await using home = await tempDir();
  await using work = await tempDir();
  const assets = await buildArchives(work.path);
  const native = `signal-cli-${VERSION}-Linux-native.tar.gz`;
  await using rel = releaseServer(assets, { [native]: "0".repeat(64) });
  const stateDir = `${home.path}/.openclaw`;
  const host = hostWithJava(home.path, "missing");
  const asset = pickSignalAsset(VERSION, "linux", "x86_64", rel.base);

  await assert.rejects(installSignalCli({ host, stateDir, asset }), (e: Error) => {
    assert.ok(e instanceof ActionableError);
    assert.match(
      e.message,
      /does not match its checksum[\s\S]*expected 0{64}[\s\S]*nothing was installed/,
    );
    return true;
  });
  assert.deepEqual(await listDir(`${stateDir}/tools/signal-cli`), [], "nothing half-installed");

  // The JVM asset has no .sha256 on this server: refused unless the user gives one.
  const jvm = pickSignalAsset(VERSION, "darwin", "aarch64", rel.base);
  await assert.rejects(
    installSignalCli({ host, stateDir, asset: jvm }),
    /No checksum is published[\s\S]*--signal-cli-sha256/,
  );
  assert.deepEqual(await listDir(`${stateDir}/tools/signal-cli`), []);
  const sum = await sha256Hex(assets[`signal-cli-${VERSION}.tar.gz`]);
  const done = await installSignalCli({ host, stateDir, asset: jvm, sha256: sum.toUpperCase() });
  assert.ok(await exists(done.cliPath));

  const missing = pickSignalAsset("9.9.9", "linux", "x86_64", rel.base);
  await assert.rejects(
    installSignalCli({ host, stateDir, asset: missing, sha256: sum }),
    /no signal-cli download at .*404/,
  );
  assert.deepEqual(await listDir(`${stateDir}/tools/signal-cli`), [VERSION]);
});

Deno.test("channels add --channel signal --install: downloads, verifies and writes channels.signal.cliPath", async () => {
  await using home = await tempDir();
  await using work = await tempDir();
  const assets = await buildArchives(work.path);
  const sums: Record<string, string> = {};
  for (const [k, v] of Object.entries(assets)) sums[k] = await sha256Hex(v);
  await using rel = releaseServer(assets, sums);
  const env = { OPENCLAW_SIGNAL_CLI_BASE_URL: rel.base };
  const bad = await runCli(
    [
      "channels",
      "add",
      "--channel",
      "signal",
      "--install",
      "--signal-number",
      "5551234",
      "--non-interactive",
    ],
    { home: home.path, env },
  );
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--signal-number <e164>: Write the number in international form/);
  assert.ok(!(await exists(`${home.path}/.openclaw/tools`)), "a bad answer downloads nothing");

  const r = await runCli(
    [
      "channels",
      "add",
      "--channel",
      "signal",
      "--install",
      "--signal-number",
      "+15551234567",
      "--non-interactive",
    ],
    { home: home.path, env },
  );
  assert.equal(r.code, 0, r.stderr);
  const config = await readJson(`${home.path}/.openclaw/openclaw.json`);
  const cliPath = `${home.path}/.openclaw/tools/signal-cli/${VERSION}/bin/signal-cli`;
  assert.equal(config.channels.signal.cliPath, cliPath);
  assert.equal(config.channels.signal.account, "+15551234567");
  assert.ok(await exists(cliPath));
  assert.ok(rel.requests.includes("/releases/latest"), "latest was resolved");
});

Deno.test("channels add --channel signal --install with a bad checksum: exit 1, nothing installed, config untouched", async () => {
  await using home = await tempDir();
  await using work = await tempDir();
  const assets = await buildArchives(work.path);
  const sums: Record<string, string> = {};
  for (const k of Object.keys(assets)) sums[k] = "f".repeat(64);
  await using rel = releaseServer(assets, sums);
  const r = await runCli(
    [
      "channels",
      "add",
      "--channel",
      "signal",
      "--install",
      "--cli-version",
      VERSION,
      "--signal-number",
      "+15551234567",
      "--non-interactive",
    ],
    { home: home.path, env: { OPENCLAW_SIGNAL_CLI_BASE_URL: rel.base } },
  );
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /does not match its checksum/);
  assert.ok(!(await exists(`${home.path}/.openclaw/openclaw.json`)), "config not written");
  assert.deepEqual(await listDir(`${home.path}/.openclaw/tools/signal-cli`), []);
  assert.ok(!rel.requests.includes("/releases/latest"), "a pinned version is not looked up");
});
