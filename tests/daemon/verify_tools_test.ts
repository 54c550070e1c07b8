/**
 * The rendered files checked by the real tools: `systemd-analyze verify
 * --user` on the unit (no warnings at all), and the plist parsed back by
 * Python's plistlib. Both are skipped with a notice when the tool is missing.
 */
import assert from "node:assert/strict";
import { renderSystemdUnit } from "../../lib/daemon/systemd-unit.ts";
import { renderLaunchAgentPlist } from "../../lib/daemon/launchd-plist.ts";
import { buildServiceSpec } from "../../lib/daemon/spec.ts";
import { whichOnPath } from "../../lib/host.ts";
import { tempDir } from "../helpers/host.ts";
import { pathsFor } from "./fixtures.ts";

const PATH = Deno.env.get("PATH") ?? "";
const systemdAnalyze = await whichOnPath("systemd-analyze", PATH);
const python3 = await whichOnPath("python3", PATH);
if (!systemdAnalyze) {
  console.warn(
    "systemd-analyze is missing: the unit verification test is skipped " +
      "(install Debian's systemd package: scripts/test-deps.sh does it as root).",
  );
}
if (!python3) console.warn("python3 is missing: the plist parsing test is skipped.");

async function systemdVersion(): Promise<number> {
  const out = await new Deno.Command("systemctl", { args: ["--version"], stdout: "piped" })
    .output().catch(() => undefined);
  const m = out && new TextDecoder().decode(out.stdout).match(/systemd\s+(\d+)/);
  return m ? Number(m[1]) : 0;
}

async function verify(unitDir: string, unitName: string, runtimeDir: string) {
  const out = await new Deno.Command(systemdAnalyze!, {
    args: ["verify", "--user", `${unitDir}/${unitName}`],
    env: { XDG_RUNTIME_DIR: runtimeDir, SYSTEMD_LOG_COLOR: "0" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const d = new TextDecoder();
  return { code: out.code, output: d.decode(out.stdout) + d.decode(out.stderr) };
}

Deno.test({
  name: "systemd-analyze verify --user accepts the unit without a warning (paths with spaces)",
  ignore: !systemdAnalyze,
  async fn() {
    await using dir = await tempDir("openclaw verify ");
    const runtimeDir = `${dir.path}/runtime`;
    await Deno.mkdir(runtimeDir, { mode: 0o700 });
    // A real executable in a folder with a space: verify checks ExecStart's program exists.
    const binDir = `${dir.path}/my bin`;
    await Deno.mkdir(binDir);
    const program = `${binDir}/openclaw`;
    await Deno.writeTextFile(program, "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    const home = `${dir.path}/home of ada`;
    const paths = pathsFor(home, { OPENCLAW_STATE_DIR: `${home}/state "100%" $HOME` });
    const spec = buildServiceSpec({
      home,
      paths,
      runtime: { standalone: true, execPath: program, mainModule: "" },
      port: 18789,
      platform: "linux",
    });
    const version = await systemdVersion();
    for (const v of [version, 0]) {
      const unitDir = `${dir.path}/units-${v}`;
      await Deno.mkdir(unitDir);
      await Deno.writeTextFile(
        `${unitDir}/openclaw-gateway.service`,
        renderSystemdUnit(spec, { systemdVersion: v }),
      );
      const r = await verify(unitDir, "openclaw-gateway.service", runtimeDir);
      assert.equal(r.code, 0, r.output);
      assert.equal(r.output.trim(), "", `systemd ${v || "(unknown)"} warned:\n${r.output}`);
    }

    // The check is real: a unit whose program is missing fails it.
    const badDir = `${dir.path}/bad`;
    await Deno.mkdir(badDir);
    await Deno.writeTextFile(
      `${badDir}/openclaw-gateway.service`,
      renderSystemdUnit({ ...spec, argv: [`${binDir}/missing`, "gateway"] }),
    );
    const bad = await verify(badDir, "openclaw-gateway.service", runtimeDir);
    assert.match(bad.output, /missing/);
  },
});

Deno.test({
  name: "plistlib parses the LaunchAgent back to the same values (escaping included)",
  ignore: !python3,
  async fn() {
    await using dir = await tempDir();
    const home = "/Users/Tom & Jerry";
    const paths = pathsFor(home, { OPENCLAW_STATE_DIR: `${home}/<state> 'a' "b" 100% $X` });
    const spec = buildServiceSpec({
      home,
      paths,
      runtime: { standalone: true, execPath: "/Applications/Open <Claw>/openclaw", mainModule: "" },
      port: 19001,
      platform: "darwin",
    });
    const file = `${dir.path}/ai.openclaw.gateway.plist`;
    await Deno.writeTextFile(file, renderLaunchAgentPlist(spec, "ai.openclaw.gateway"));
    const script = "import json,plistlib,sys\n" +
      "print(json.dumps(plistlib.load(open(sys.argv[1],'rb'))))";
    const out = await new Deno.Command(python3!, {
      args: ["-c", script, file],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const parsed = JSON.parse(new TextDecoder().decode(out.stdout));
    assert.deepEqual(parsed, {
      Label: "ai.openclaw.gateway",
      Comment: "OpenClaw gateway (port 19001)",
      ProgramArguments: ["/Applications/Open <Claw>/openclaw", "gateway", "run", "--port", "19001"],
      EnvironmentVariables: {
        OPENCLAW_STATE_DIR: `${home}/<state> 'a' "b" 100% $X`,
        PATH:
          "/Applications/Open <Claw>:/opt/homebrew/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
      },
      RunAtLoad: true,
      KeepAlive: true,
      ThrottleInterval: 10,
      StandardOutPath: `${home}/<state> 'a' "b" 100% $X/logs/gateway.log`,
      StandardErrorPath: `${home}/<state> 'a' "b" 100% $X/logs/gateway.err.log`,
    });
  },
});
