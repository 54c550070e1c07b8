/**
 * The systemd flow against a real systemd user manager, not a fake: a
 * private `systemd --user` (started in its own mount namespace, where a tmpfs
 * /run/systemd/system makes it believe the machine booted with systemd) with a
 * temp HOME and XDG_RUNTIME_DIR. install → the unit is enabled and started →
 * status sees it running and answering → a killed gateway is restarted by
 * Restart=always → re-install restarts it → uninstall stops and removes it.
 *
 * The service runs a stand-in gateway (a Deno one-liner that accepts TCP
 * connections on the port), since the real `gateway run` is not this test's
 * subject. loginctl and sudo are answered by a table: linger must never be
 * changed on the machine running the tests.
 *
 * Needs root (unshare -m) and systemd's binary; skipped with a notice otherwise.
 */
import assert from "node:assert/strict";
import { type Host, realHost, runCommand, whichOnPath } from "../../lib/host.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { serviceNames } from "../../lib/daemon/names.ts";
import { SystemdService } from "../../lib/daemon/systemd.ts";
import { serviceSpec } from "../../lib/daemon/service.ts";
import { tcpProbe } from "../../lib/daemon/health-probe.ts";
import { portInUse } from "../../lib/daemon/port.ts";
import type { DaemonContext } from "../../lib/daemon/context.ts";
import { tempDir } from "../helpers/host.ts";
import { fail } from "./fixtures.ts";
import { freePort } from "../helpers/ports.ts";

const SYSTEMD = "/lib/systemd/systemd";
const UNIT = "openclaw-gateway.service";

interface UserManager extends AsyncDisposable {
  runtimeDir: string;
}

/** Start a private systemd user manager; undefined when this machine cannot. */
async function startUserManager(
  home: string,
  runtimeDir: string,
): Promise<UserManager | undefined> {
  const child = new Deno.Command("unshare", {
    args: [
      "-m",
      "sh",
      "-c",
      "mount -t tmpfs tmpfs /run/systemd && mkdir -p /run/systemd/system && " +
      `exec ${SYSTEMD} --user`,
    ],
    clearEnv: true,
    env: { HOME: home, XDG_RUNTIME_DIR: runtimeDir, PATH: "/usr/bin:/bin" },
    stdout: "null",
    stderr: "null",
  }).spawn();
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // already gone
    }
    await child.status;
  };
  for (let i = 0; i < 50; i++) {
    const up = await Deno.stat(`${runtimeDir}/systemd/private`).then(() => true, () => false);
    if (up) return { runtimeDir, [Symbol.asyncDispose]: stop };
    const exited = await Promise.race([
      child.status.then(() => true),
      delay(100).then(() => false),
    ]);
    if (exited) break;
  }
  await stop();
  return undefined;
}

function delay(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

async function canRun(): Promise<string | undefined> {
  if (Deno.build.os !== "linux") return "not Linux";
  if (Deno.uid() !== 0) return "not root (unshare -m needs it)";
  if (!await Deno.stat(SYSTEMD).then(() => true, () => false)) return `${SYSTEMD} is missing`;
  if (!await whichOnPath("unshare", Deno.env.get("PATH") ?? "")) return "unshare is missing";
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/run`, { mode: 0o700 });
    const m = await startUserManager(dir, `${dir}/run`);
    if (!m) return "a private systemd --user did not start here";
    await m[Symbol.asyncDispose]();
    return undefined;
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

const skipReason = await canRun();
if (skipReason) console.warn(`real systemd test skipped: ${skipReason}.`);

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await fn();
    if (v !== undefined) return v;
    await delay(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

Deno.test({
  name:
    "real systemd --user: install, running and answering, Restart=always, re-install, uninstall",
  ignore: skipReason !== undefined,
  async fn() {
    await using dir = await tempDir("openclaw-real-systemd-");
    const home = `${dir.path}/home`;
    const runtimeDir = `${dir.path}/run`;
    await Deno.mkdir(home);
    await Deno.mkdir(runtimeDir, { mode: 0o700 });
    await using _manager = await startUserManager(home, runtimeDir);
    assert.ok(_manager, "the user manager started");

    // The stand-in gateway: argv is <program> gateway run --port <port>.
    const program = `${dir.path}/bin/openclaw`;
    await Deno.mkdir(`${dir.path}/bin`);
    await Deno.writeTextFile(
      program,
      `#!/bin/sh\nexec "${Deno.execPath()}" eval ` +
        `'const l = Deno.listen({ hostname: "127.0.0.1", port: Number(Deno.args[0]) }); ` +
        `for await (const c of l) c.close();' "$4"\n`,
      { mode: 0o755 },
    );

    const calls: string[] = [];
    const real = realHost();
    // HOME too: outside a systemd-booted namespace, systemctl enables unit files client-side,
    // looking under its own HOME (as it does for a real user, whose HOME is the manager's).
    const sessionEnv = {
      HOME: home,
      XDG_RUNTIME_DIR: runtimeDir,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${runtimeDir}/bus`,
    };
    const host: Host = {
      ...real,
      home,
      env: (n) => n === "HOME" ? home : n === "XDG_RUNTIME_DIR" ? runtimeDir : Deno.env.get(n),
      run: (cmd, args, opts) => {
        calls.push([cmd, ...args].join(" "));
        if (cmd === "systemctl") {
          return runCommand(cmd, args, { ...opts, env: { ...opts?.env, ...sessionEnv } });
        }
        // loginctl/sudo: never touch the machine's linger settings.
        return Promise.resolve(fail(1, "Failed to connect to bus: not in this test"));
      },
      which: () => Promise.resolve(undefined),
      stdout: () => {},
      stderr: () => {},
    };
    const paths = resolvePaths(host);
    const said: string[] = [];
    const ctx: DaemonContext = {
      host,
      paths,
      names: serviceNames(),
      runtime: { standalone: true, execPath: program, mainModule: "" },
      uid: 0,
      user: "openclaw-test-nobody",
      environment: { wsl: false, container: true },
      interactive: false,
      say: (t) => void said.push(t),
      portInUse,
      probe: (port) => tcpProbe(port, 500),
    };
    const port = freePort();
    const service = new SystemdService(ctx);
    const spec = serviceSpec(ctx, port);

    // install
    const out = await service.install(spec, await service.prepare(spec), { replaceEdited: false });
    assert.deepEqual(calls.filter((c) => c.startsWith("systemctl")), [
      "systemctl --version",
      "systemctl --user show-environment",
      `systemctl --user show ${UNIT} --property=LoadState,UnitFileState,ActiveState,SubState,` +
      "MainPID,ExecMainCode,ExecMainStatus,ExecMainExitTimestamp,NRestarts",
      "systemctl --user daemon-reload",
      `systemctl --user enable --now ${UNIT}`,
    ]);
    assert.equal(out.linger, "refused", "linger refused: no logind here, no sudo offered");
    assert.ok(
      (await Deno.lstat(`${home}/.config/systemd/user/default.target.wants/${UNIT}`)).isSymlink,
      "enabled: linked into default.target.wants",
    );

    // status: running, and the gateway answers on its port
    await until(
      "the gateway to answer",
      async () => (await tcpProbe(port, 300)).answers || undefined,
    );
    const s = await service.status(1);
    assert.equal(s.installed, true);
    assert.equal(s.enabled, true);
    assert.equal(s.running, true, JSON.stringify(s));
    assert.ok(s.pid && s.pid > 0);
    assert.equal(s.gateway.answers, true);
    assert.deepEqual(s.command, [program, "gateway", "run", "--port", String(port)]);

    // Restart=always: kill the gateway; while systemd waits (RestartSec) status shows the
    // kill as the last exit; then it starts the gateway again.
    Deno.kill(s.pid!, "SIGKILL");
    const waiting = await until("the auto-restart wait", async () => {
      const now = await service.status(1);
      return now.state === "activating (auto-restart)" ? now : undefined;
    });
    assert.equal(waiting.running, false);
    assert.equal(waiting.lastExit?.signal, "SIGKILL", JSON.stringify(waiting.lastExit));
    assert.match(waiting.lastExit?.at ?? "", /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    const revived = await until("systemd to restart the gateway", async () => {
      const now = await service.status(1);
      return now.running && now.pid !== s.pid && now.gateway.answers ? now : undefined;
    }, 15_000);
    assert.equal(revived.restarts, 1);

    // re-install, unchanged: not rewritten, restarted (a new pid)
    calls.length = 0;
    const again = await service.install(spec, await service.prepare(spec), {
      replaceEdited: false,
    });
    assert.equal(again.change, "same");
    assert.ok(calls.includes(`systemctl --user restart ${UNIT}`), calls.join("\n"));
    const restarted = await until("the restarted gateway", async () => {
      const now = await service.status(1);
      return now.running && now.pid !== revived.pid && now.gateway.answers ? now : undefined;
    });
    assert.ok(restarted.pid);

    // uninstall: stopped, disabled, removed; nothing answers any more
    await service.uninstall();
    assert.equal(await Deno.stat(service.file).catch(() => undefined), undefined);
    await until(
      "the gateway to stop",
      async () => !(await tcpProbe(port, 300)).answers || undefined,
    );
    const gone = await service.status(1);
    assert.equal(gone.installed, false);
    assert.equal(gone.running, false);
  },
});
