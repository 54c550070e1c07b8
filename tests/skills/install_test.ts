/**
 * Installs through a recording command runner (the exact commands, going on
 * past a failure, a missing installer, the log file), the download recipe
 * (checksum before unpacking, with the real tar), and one real install of a
 * small package from the npm registry into a temp prefix with the real npm.
 */
import assert from "node:assert/strict";
import { resolvePaths } from "../../lib/config/paths.ts";
import { type CommandResult, runCommand, whichOnPath } from "../../lib/host.ts";
import { failureHint, type InstallItem, runInstalls, telling } from "../../lib/skills/install.ts";
import { sha256File } from "../../lib/skills/download.ts";
import { modeOf, tempDir, testHost } from "../helpers/host.ts";
import { fakePrograms, pathHost } from "./helpers.ts";

const ok: CommandResult = { code: 0, stdout: "done\n", stderr: "" };

function item(skill: string, recipe: InstallItem["recipe"], bins: string[] = []): InstallItem {
  return { skill, recipe, nodeManager: "npm", bins };
}

Deno.test("installs run in order through host.run, go on past a failure, and report each", async () => {
  await using home = await tempDir();
  const bin = `${home.path}/bin`;
  await fakePrograms(bin, ["brew", "npm", "pnpm"]);
  const host = {
    ...pathHost({
      home: home.path,
      pathDirs: [bin],
      runner: (cmd, args) =>
        cmd === "brew" && args.includes("broken-formula")
          ? { code: 1, stdout: "", stderr: "Error: No available formula with the name broken\n" }
          : ok,
    }),
  };
  const paths = resolvePaths(host);
  const started: string[] = [];
  const finished: string[] = [];
  const run = await runInstalls(host, paths, [
    item("a", { id: "brew", kind: "brew", formula: "broken-formula" }),
    item("b", { id: "node", kind: "node", package: "@scope/b-cli@2" }),
    { ...item("c", { id: "node", kind: "node", package: "c" }), nodeManager: "pnpm" },
    item("d", { id: "cask", kind: "brew", cask: "d-app" }),
  ], {
    start: (i, n, total) => started.push(`${i.skill} ${n + 1}/${total}`),
    done: (r) => finished.push(`${r.skill}:${r.ok}`),
  });

  assert.deepEqual(host.calls.map((c) => [c.cmd, ...c.args].join(" ")), [
    "brew install broken-formula",
    "npm install --global @scope/b-cli@2",
    "pnpm add --global c",
    "brew install --cask d-app",
  ]);
  assert.deepEqual(started, ["a 1/4", "b 2/4", "c 3/4", "d 4/4"]);
  assert.deepEqual(finished, ["a:false", "b:true", "c:true", "d:true"]);
  const a = run.results[0];
  assert.equal(a.ok, false);
  assert.match(a.error!, /brew exited with code 1: Error: No available formula/);
  assert.match(a.hint!, /recipe may name the wrong package/);

  assert.equal(run.logPath, `${home.path}/.openclaw/logs/skills-install.log`);
  assert.equal(await modeOf(run.logPath), 0o600);
  assert.equal(await modeOf(`${home.path}/.openclaw/logs`), 0o700);
  const log = await Deno.readTextFile(run.logPath);
  assert.match(log, /\$ brew install broken-formula\n/);
  assert.match(log, /No available formula/);
  assert.match(log, /--- a: FAILED/);
  assert.match(log, /--- d: ok/);

  // The log grows: a second run appends.
  await runInstalls(host, paths, [item("e", { id: "n", kind: "node", package: "e" })]);
  const again = await Deno.readTextFile(run.logPath);
  assert.ok(again.startsWith(log) && again.length > log.length);
});

Deno.test("a recipe whose installer is missing fails with how to get it, and runs nothing", async () => {
  await using home = await tempDir();
  const host = pathHost({ home: home.path, pathDirs: [], runner: () => ok });
  const paths = resolvePaths(host);
  const run = await runInstalls(host, paths, [
    item("gh", { id: "brew", kind: "brew", formula: "gh" }, ["gh"]),
    { ...item("x", { id: "node", kind: "node", package: "x" }), nodeManager: "pnpm" },
  ]);
  assert.deepEqual(host.calls, []);
  assert.deepEqual(run.results.map((r) => [r.ok, r.error]), [
    [false, "brew not found"],
    [false, "pnpm not found"],
  ]);
  assert.match(run.results[0].hint!, /https:\/\/brew\.sh/);
  assert.match(run.results[1].hint!, /npm install -g pnpm|--node-manager npm/);
});

Deno.test("a successful install whose program is still not on PATH says so", async () => {
  await using home = await tempDir();
  const bin = `${home.path}/bin`;
  await fakePrograms(bin, ["npm"]);
  const host = pathHost({ home: home.path, pathDirs: [bin], runner: () => ok });
  const run = await runInstalls(host, resolvePaths(host), [
    item("diagrams", { id: "node", kind: "node", package: "@mermaid-js/mermaid-cli" }, ["mmdc"]),
  ]);
  const r = run.results[0];
  assert.equal(r.ok, true);
  assert.deepEqual(r.stillMissing, ["mmdc"]);
  assert.match(r.hint!, /npm prefix -g/);

  // Once the program appears on PATH the install is plainly done.
  await fakePrograms(bin, ["mmdc"]);
  const again = await runInstalls(host, resolvePaths(host), [
    item("diagrams", { id: "node", kind: "node", package: "@mermaid-js/mermaid-cli" }, ["mmdc"]),
  ]);
  assert.deepEqual([again.results[0].ok, again.results[0].stillMissing], [true, undefined]);
});

Deno.test("failure hints: npm permission errors, unknown packages, no network; telling lines", () => {
  assert.match(
    failureHint("npm", "npm error code EACCES\nnpm error syscall mkdir", "diagrams"),
    /npm config set prefix ~\/\.local.*openclaw skills install diagrams/,
  );
  assert.match(failureHint("npm", "npm error 404 Not Found - GET https://…", "x"), /wrong package/);
  assert.match(failureHint("npm", "getaddrinfo ENOTFOUND registry", "x"), /network/);
  assert.match(failureHint("brew", "something else", "x"), /install log/);
  assert.equal(
    telling(
      "npm error code 1\nnpm error Error: Failed to set up chrome\n" +
        "npm error     at downloadBrowser (file:///x.js:1:2)\n" +
        "npm error A complete log of this run can be found in: /x.log\n",
    ),
    ": npm error Error: Failed to set up chrome",
  );
});

async function tarball(dir: string): Promise<{ path: string; sha: string }> {
  await fakePrograms(`${dir}/src/bin`, ["dltool"]);
  const path = `${dir}/dltool.tar.gz`;
  const r = await runCommand("tar", ["-czf", path, "-C", `${dir}/src`, "bin"]);
  assert.equal(r.code, 0, r.stderr);
  return { path, sha: await sha256File(path) };
}

/** curl is recorded, not run: it "downloads" by copying `file` to its --output. */
function downloadRunner(file: string) {
  return async (cmd: string, args: string[]): Promise<CommandResult> => {
    if (cmd === "curl") {
      await Deno.copyFile(file, args[args.indexOf("--output") + 1]);
      return ok;
    }
    return await runCommand(cmd, args); // tar, for real
  };
}

Deno.test("download recipe: SHA-256 checked, unpacked with the real tar into ~/.openclaw/tools/<skill>", async () => {
  await using home = await tempDir();
  const { path, sha } = await tarball(home.path);
  const bin = `${home.path}/bin`;
  await fakePrograms(bin, ["curl"]);
  const tar = await whichOnPath("tar", Deno.env.get("PATH") ?? "");
  assert.ok(tar, "tar is installed");
  const host = pathHost({
    home: home.path,
    pathDirs: [bin, tar.slice(0, tar.lastIndexOf("/"))],
    runner: downloadRunner(path),
  });
  const paths = resolvePaths(host);
  const recipe = {
    id: "dl",
    kind: "download" as const,
    url: "https://downloads.example.test/v1/dltool.tar.gz",
    sha256: sha,
    archive: "tar.gz" as const,
  };
  const run = await runInstalls(host, paths, [item("dl", recipe, ["dltool"])]);
  assert.deepEqual(run.results[0].ok, true, JSON.stringify(run.results[0]));
  assert.equal(run.results[0].stillMissing, undefined, "the unpacked program counts");
  const curl = host.calls.find((c) => c.cmd === "curl")!;
  assert.ok(curl.args.includes("=https") && curl.args.at(-1) === recipe.url);
  assert.equal(await modeOf(`${paths.stateDir}/tools/dl/bin/dltool`), 0o755);
  const left = [...Deno.readDirSync(`${paths.stateDir}/tools`)].map((e) => e.name);
  assert.deepEqual(left, ["dl"], "no temp folders left behind");
});

Deno.test("download recipe: a checksum mismatch unpacks nothing and keeps the previous tools", async () => {
  await using home = await tempDir();
  const { path } = await tarball(home.path);
  const bin = `${home.path}/bin`;
  await fakePrograms(bin, ["curl", "tar"]);
  const host = pathHost({ home: home.path, pathDirs: [bin], runner: downloadRunner(path) });
  const paths = resolvePaths(host);
  await fakePrograms(`${paths.stateDir}/tools/dl`, ["old-tool"]);
  const run = await runInstalls(host, paths, [item("dl", {
    id: "dl",
    kind: "download",
    url: "https://downloads.example.test/dltool.tar.gz",
    sha256: "f".repeat(64),
    archive: "tar.gz",
  }, ["dltool"])]);
  const r = run.results[0];
  assert.equal(r.ok, false);
  assert.match(r.error!, /checksum mismatch for dltool\.tar\.gz: expected f{64}, got [0-9a-f]{64}/);
  assert.match(r.hint!, /nothing was unpacked/);
  assert.deepEqual(host.calls.map((c) => c.cmd), ["curl"], "tar never ran");
  assert.deepEqual([...Deno.readDirSync(`${paths.stateDir}/tools`)].map((e) => e.name), ["dl"]);
  assert.deepEqual([...Deno.readDirSync(`${paths.stateDir}/tools/dl`)].map((e) => e.name), [
    "old-tool",
  ]);
});

Deno.test("download recipe: a failed download reports curl's error", async () => {
  await using home = await tempDir();
  const bin = `${home.path}/bin`;
  await fakePrograms(bin, ["curl"]);
  const host = pathHost({
    home: home.path,
    pathDirs: [bin],
    runner: () => ({
      code: 22,
      stdout: "",
      stderr: "curl: (22) The requested URL returned error: 404",
    }),
  });
  const run = await runInstalls(host, resolvePaths(host), [item("dl", {
    id: "dl",
    kind: "download",
    url: "https://downloads.example.test/missing",
    sha256: "0".repeat(64),
  })]);
  assert.match(run.results[0].error!, /download failed \(curl exit 22\): curl: \(22\).*404/);
});

const npmPath = await whichOnPath("npm", Deno.env.get("PATH") ?? "");
if (!npmPath) console.warn("npm is not installed: the real npm install test is skipped.");

Deno.test({
  name: "real: npm installs is-number from the registry into a temp prefix",
  ignore: !npmPath,
  async fn() {
    await using home = await tempDir();
    const prefix = `${home.path}/prefix`;
    // The real npm, with its global prefix and cache pointed at temp folders.
    const host = {
      ...testHost({ home: home.path }),
      which: (cmd: string) => whichOnPath(cmd, Deno.env.get("PATH") ?? ""),
      run: (cmd: string, args: string[]) =>
        runCommand(cmd, args, {
          env: {
            npm_config_prefix: prefix,
            npm_config_cache: `${home.path}/npm-cache`,
            npm_config_update_notifier: "false",
            npm_config_fund: "false",
            npm_config_audit: "false",
          },
        }),
    };
    const run = await runInstalls(host, resolvePaths(host), [
      item("numbers", { id: "node", kind: "node", package: "is-number@7.0.0" }),
    ]);
    const r = run.results[0];
    assert.equal(r.ok, true, `${r.error}\n${await Deno.readTextFile(run.logPath)}`);
    assert.equal(r.command, "npm install --global is-number@7.0.0");
    const pkg = JSON.parse(
      await Deno.readTextFile(`${prefix}/lib/node_modules/is-number/package.json`),
    );
    assert.equal(pkg.name, "is-number");
    assert.equal(pkg.version, "7.0.0");
    assert.match(await Deno.readTextFile(run.logPath), /\$ npm install --global is-number@7\.0\.0/);
  },
});
