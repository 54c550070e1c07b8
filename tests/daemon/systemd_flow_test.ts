/**
 * install / uninstall / start / status against systemd with a recording
 * command runner: the exact systemctl, loginctl and sudo calls and their
 * order, the linger sudo fallback, the no-systemd path, a hand-edited unit,
 * a port in use and failing tools.
 */
import assert from "node:assert/strict";
import { SystemdService, SystemdUnavailableError } from "../../lib/daemon/systemd.ts";
import { serviceSpec } from "../../lib/daemon/service.ts";
import { EditedFileError } from "../../lib/daemon/service-file.ts";
import { ToolFailedError } from "../../lib/daemon/tool.ts";
import { ActionableError } from "../../lib/errors.ts";
import { modeOf, tempDir } from "../helpers/host.ts";
import { type Answers, callLines, fail, ok, recordingContext } from "./fixtures.ts";

const UNIT = "openclaw-gateway.service";
const SHOW = `systemctl --user show ${UNIT} ` +
  "--property=LoadState,UnitFileState,ActiveState,SubState,MainPID,ExecMainCode,ExecMainStatus," +
  "ExecMainExitTimestamp,NRestarts";

const FRESH_STATE = "LoadState=not-found\nUnitFileState=\nActiveState=inactive\nSubState=dead\n" +
  "MainPID=0\nExecMainCode=0\nExecMainStatus=0\nExecMainExitTimestamp=\n";
const RUNNING_STATE = "LoadState=loaded\nUnitFileState=enabled\nActiveState=active\n" +
  "SubState=running\nMainPID=4242\nExecMainCode=0\nExecMainStatus=0\nExecMainExitTimestamp=\n";
const CRASHED_STATE = "LoadState=loaded\nUnitFileState=enabled\nActiveState=activating\n" +
  "SubState=auto-restart\nMainPID=0\nExecMainCode=1\nExecMainStatus=3\n" +
  "ExecMainExitTimestamp=Sat 2026-11-28 17:00:01 UTC\n";

function systemdAnswers(extra: Answers = {}): Answers {
  return {
    "systemctl --version": ok("systemd 252 (252.39-1~deb12u2)\n+PAM +AUDIT\n"),
    "systemctl --user show-environment": ok("HOME=/home/ada\n"),
    [SHOW]: ok(FRESH_STATE),
    "systemctl --user daemon-reload": ok(),
    [`systemctl --user enable --now ${UNIT}`]: ok(),
    [`systemctl --user restart ${UNIT}`]: ok(),
    [`systemctl --user start ${UNIT}`]: ok(),
    "loginctl show-user ada --property=Linger --value": ok("yes\n"),
    ...extra,
  };
}

async function install(ctx: ReturnType<typeof recordingContext>, replaceEdited = false) {
  const service = new SystemdService(ctx);
  const spec = serviceSpec(ctx, 18789);
  const prepared = await service.prepare(spec);
  return { service, prepared, out: await service.install(spec, prepared, { replaceEdited }) };
}

Deno.test("systemd install: writes the unit, reloads, enables --now, linger already on", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({ home: home.path, answers: systemdAnswers() });
  const { out, service } = await install(ctx);
  assert.deepEqual(callLines(ctx.host), [
    "systemctl --version",
    "systemctl --user show-environment",
    SHOW,
    "systemctl --user daemon-reload",
    `systemctl --user enable --now ${UNIT}`,
    "loginctl show-user ada --property=Linger --value",
  ]);
  assert.equal(service.file, `${home.path}/.config/systemd/user/${UNIT}`);
  const unit = await Deno.readTextFile(service.file);
  assert.match(
    unit,
    /^ExecStart=\/opt\/deno\/bin\/deno run -A \/src\/openclaw\/main\.ts gateway run --port 18789$/m,
  );
  assert.equal(await modeOf(service.file), 0o644);
  assert.equal(out.change, "new");
  assert.equal(out.linger, "already");
  assert.deepEqual(out.warnings, []);
});

Deno.test("systemd install: linger refused without sudo, then sudo -n after saying why", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({
    home: home.path,
    answers: systemdAnswers({
      "loginctl show-user ada --property=Linger --value": ok("no\n"),
      "loginctl enable-linger ada": fail(1, "Could not enable linger: Access denied"),
      "sudo -n loginctl enable-linger ada": ok(),
    }),
  });
  const { out } = await install(ctx);
  assert.deepEqual(callLines(ctx.host).slice(-3), [
    "loginctl show-user ada --property=Linger --value",
    "loginctl enable-linger ada",
    "sudo -n loginctl enable-linger ada",
  ]);
  assert.equal(out.linger, "enabled-with-sudo");
  const said = ctx.said.join("");
  assert.match(said, /Access denied/);
  assert.match(said, /\/var\/lib\/systemd\/linger\/ada/);
  assert.match(said, /keeps running after you log out/);
});

Deno.test("systemd install: interactive sudo gets the terminal for its password prompt", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({
    home: home.path,
    interactive: true,
    answers: systemdAnswers({
      "loginctl show-user ada --property=Linger --value": ok("no\n"),
      "loginctl enable-linger ada": fail(1, "Access denied"),
      "sudo loginctl enable-linger ada": ok(),
    }),
  });
  const { out } = await install(ctx);
  const last = ctx.host.calls.at(-1)!;
  assert.deepEqual([last.cmd, ...last.args], ["sudo", "loginctl", "enable-linger", "ada"]);
  assert.equal(last.opts?.interactive, true);
  assert.equal(out.linger, "enabled-with-sudo");
  assert.match(ctx.said.join(""), /sudo may ask for your password/);
});

Deno.test("systemd install: linger refused even with sudo is a warning with the command", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({
    home: home.path,
    answers: systemdAnswers({
      "loginctl show-user ada --property=Linger --value": ok("no\n"),
      "loginctl enable-linger ada": fail(1, "Access denied"),
      "sudo -n loginctl enable-linger ada": fail(1, "sudo: a password is required"),
    }),
  });
  const { out } = await install(ctx);
  assert.equal(out.linger, "refused");
  assert.equal(out.warnings.length, 1);
  assert.match(out.warnings[0], /a password is required/);
  assert.match(out.warnings[0], /stops when you log out/);
  assert.match(out.warnings[0], /sudo loginctl enable-linger ada/);
});

Deno.test("systemd install: without sudo on PATH, no sudo call and the root command", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({
    home: home.path,
    onPath: [],
    answers: systemdAnswers({
      "loginctl show-user ada --property=Linger --value": ok("no\n"),
      "loginctl enable-linger ada": fail(1, "Access denied"),
    }),
  });
  const { out } = await install(ctx);
  assert.ok(!callLines(ctx.host).some((l) => l.startsWith("sudo")));
  assert.match(out.warnings[0], /As root, run: loginctl enable-linger ada/);
});

Deno.test("systemd re-install: unchanged unit is not rewritten, the running service restarts", async () => {
  await using home = await tempDir();
  const first = recordingContext({ home: home.path, answers: systemdAnswers() });
  const { service } = await install(first);
  const before = await Deno.stat(service.file);

  const ctx = recordingContext({
    home: home.path,
    answers: systemdAnswers({ [SHOW]: ok(RUNNING_STATE) }),
  });
  const { out, prepared } = await install(ctx);
  assert.equal(prepared.change, "same");
  assert.deepEqual(callLines(ctx.host), [
    "systemctl --version",
    "systemctl --user show-environment",
    SHOW,
    `systemctl --user restart ${UNIT}`,
    "loginctl show-user ada --property=Linger --value",
  ]);
  assert.equal((await Deno.stat(service.file)).mtime?.getTime(), before.mtime?.getTime());
  assert.ok(out.steps.includes(`Restarted ${UNIT}`));
});

Deno.test("systemd re-install: a new port rewrites our unit silently, reloads, restarts", async () => {
  await using home = await tempDir();
  await install(recordingContext({ home: home.path, answers: systemdAnswers() }));
  const ctx = recordingContext({
    home: home.path,
    answers: systemdAnswers({ [SHOW]: ok(RUNNING_STATE) }),
  });
  const service = new SystemdService(ctx);
  const spec = serviceSpec(ctx, 19000);
  const prepared = await service.prepare(spec);
  assert.equal(prepared.change, "update");
  await service.install(spec, prepared, { replaceEdited: false });
  assert.deepEqual(callLines(ctx.host).slice(3, 5), [
    "systemctl --user daemon-reload",
    `systemctl --user restart ${UNIT}`,
  ]);
  assert.match(await Deno.readTextFile(service.file), /--port 19000$/m);
});

Deno.test("systemd re-install: a hand-edited unit is refused with the diff unless agreed", async () => {
  await using home = await tempDir();
  const { service } = await install(
    recordingContext({ home: home.path, answers: systemdAnswers() }),
  );
  const edited = (await Deno.readTextFile(service.file)).replace("RestartSec=5", "RestartSec=30");
  await Deno.writeTextFile(service.file, edited);

  const ctx = recordingContext({ home: home.path, answers: systemdAnswers() });
  const s = new SystemdService(ctx);
  const spec = serviceSpec(ctx, 18789);
  const prepared = await s.prepare(spec);
  assert.equal(prepared.change, "edited");
  assert.equal(prepared.diff, "- RestartSec=30\n+ RestartSec=5");
  const err = await s.install(spec, prepared, { replaceEdited: false }).then(
    () => assert.fail("should refuse"),
    (e) => e,
  );
  assert.ok(err instanceof EditedFileError);
  assert.match(err.message, /was changed by hand/);
  assert.match(err.message, /- RestartSec=30\n\+ RestartSec=5/);
  assert.match(err.message, /--force/);
  assert.equal(await Deno.readTextFile(service.file), edited, "the edited unit is untouched");
  assert.ok(!callLines(ctx.host).includes("systemctl --user daemon-reload"));

  // Agreed: replaced, and the user's version kept as .bak.
  const out = await s.install(spec, prepared, { replaceEdited: true });
  assert.equal(out.backup, `${service.file}.bak`);
  assert.equal(await Deno.readTextFile(`${service.file}.bak`), edited);
  assert.match(await Deno.readTextFile(service.file), /^RestartSec=5$/m);
});

Deno.test("systemd install: no user bus (container) says why, how to fix, another way", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({
    home: home.path,
    environment: { wsl: false, container: true },
    answers: {
      "systemctl --version": ok("systemd 252\n"),
      "systemctl --user show-environment": fail(1, "Failed to connect to bus: No medium found"),
    },
  });
  const service = new SystemdService(ctx);
  const err = await service.prepare(serviceSpec(ctx, 18789)).then(
    () => assert.fail("should fail"),
    (e) => e,
  );
  assert.ok(err instanceof SystemdUnavailableError);
  assert.deepEqual(callLines(ctx.host), [
    "systemctl --version",
    "systemctl --user show-environment",
  ]);
  assert.match(err.message, /no systemd user bus/);
  assert.match(err.message, /No medium found/);
  assert.match(err.message, /container/);
  // The command the user types (lib/platform/invocation.ts), not the service's argv.
  assert.match(err.message, /In this terminal:\n +openclaw gateway run --port 18789\n/);
  assert.match(err.message, /nohup .* >> .*\/\.openclaw\/logs\/gateway\.log 2>&1 &/);
  assert.equal(await Deno.stat(service.file).catch(() => undefined), undefined, "no unit written");
});

Deno.test("systemd install: WSL without systemd points at [boot] systemd=true in /etc/wsl.conf", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({
    home: home.path,
    environment: { wsl: true, container: false },
    answers: {
      "systemctl --version": ok("systemd 249\n"),
      "systemctl --user show-environment": fail(
        1,
        "System has not been booted with systemd as init system (PID 1). Can't operate.",
      ),
    },
  });
  const err = await new SystemdService(ctx).prepare(serviceSpec(ctx, 18789)).catch((e) => e);
  assert.match(err.message, /WSL without systemd/);
  assert.match(err.message, /\/etc\/wsl\.conf/);
  assert.match(err.message, /^ +\[boot\]\n +systemd=true$/m);
  assert.match(err.message, /wsl --shutdown/);
});

Deno.test("systemd install: systemctl missing", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({ home: home.path, answers: {} });
  const err = await new SystemdService(ctx).prepare(serviceSpec(ctx, 18789)).catch((e) => e);
  assert.ok(err instanceof SystemdUnavailableError);
  assert.match(err.message, /systemctl was not found/);
  assert.deepEqual(callLines(ctx.host), ["systemctl --version"]);
});

Deno.test("systemd install: a failing systemctl shows its error and the manual command", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({
    home: home.path,
    answers: systemdAnswers({
      [`systemctl --user enable --now ${UNIT}`]: fail(
        1,
        "Failed to enable unit: Unit file openclaw-gateway.service does not exist.",
      ),
    }),
  });
  const err = await install(ctx).catch((e) => e);
  assert.ok(err instanceof ToolFailedError);
  assert.match(
    err.message,
    /`systemctl --user enable --now openclaw-gateway.service` failed \(exit 1\)/,
  );
  assert.match(err.message, /Unit file openclaw-gateway.service does not exist/);
  assert.match(
    err.message,
    /To do this step by hand: systemctl --user enable --now openclaw-gateway.service/,
  );
  assert.match(err.message, /journalctl --user -u openclaw-gateway.service/);
  assert.ok(!callLines(ctx.host).some((l) => l.startsWith("loginctl")), "stops at the failure");
});

Deno.test("systemd install: a port held by another program stops before writing anything", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({ home: home.path, answers: systemdAnswers(), portsInUse: [18789] });
  const { service } = { service: new SystemdService(ctx) };
  const err = await install(ctx).catch((e) => e);
  assert.ok(err instanceof ActionableError);
  assert.match(err.message, /Port 18789 is already in use/);
  assert.match(err.message, /--port/);
  assert.equal(await Deno.stat(service.file).catch(() => undefined), undefined);
  assert.deepEqual(callLines(ctx.host), [
    "systemctl --version",
    "systemctl --user show-environment",
    SHOW,
  ]);
});

Deno.test("systemd install: the port held by our own running service is fine", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({
    home: home.path,
    answers: systemdAnswers({ [SHOW]: ok(RUNNING_STATE) }),
    portsInUse: [18789],
  });
  const { out } = await install(ctx);
  assert.ok(out.steps.includes(`Restarted ${UNIT}`));
});

Deno.test("systemd uninstall: disable --now, remove the unit, daemon-reload", async () => {
  await using home = await tempDir();
  const { service } = await install(
    recordingContext({ home: home.path, answers: systemdAnswers() }),
  );
  const ctx = recordingContext({
    home: home.path,
    answers: systemdAnswers({
      [SHOW]: ok(RUNNING_STATE),
      [`systemctl --user disable --now ${UNIT}`]: ok(),
    }),
  });
  const out = await new SystemdService(ctx).uninstall();
  assert.deepEqual(callLines(ctx.host), [
    "systemctl --version",
    "systemctl --user show-environment",
    SHOW,
    `systemctl --user disable --now ${UNIT}`,
    "systemctl --user daemon-reload",
  ]);
  assert.equal(await Deno.stat(service.file).catch(() => undefined), undefined);
  assert.equal(out.steps.length, 3);

  // Again: nothing left to do, said so.
  const again = recordingContext({
    home: home.path,
    answers: systemdAnswers({ [SHOW]: ok(FRESH_STATE) }),
  });
  const out2 = await new SystemdService(again).uninstall();
  assert.deepEqual(out2.steps, [`${UNIT} is not installed; nothing to do`]);
});

Deno.test("systemd uninstall without a user bus removes the file and says nothing was stopped", async () => {
  await using home = await tempDir();
  const { service } = await install(
    recordingContext({ home: home.path, answers: systemdAnswers() }),
  );
  const ctx = recordingContext({
    home: home.path,
    answers: {
      "systemctl --version": ok("systemd 252\n"),
      "systemctl --user show-environment": fail(1, "Failed to connect to bus: No medium found"),
    },
  });
  const out = await new SystemdService(ctx).uninstall();
  assert.equal(await Deno.stat(service.file).catch(() => undefined), undefined);
  assert.match(out.warnings[0], /nothing was stopped/);
});

Deno.test("systemd start/stop/restart: one systemctl call each; not installed is explained", async () => {
  await using home = await tempDir();
  const none = recordingContext({ home: home.path, answers: systemdAnswers() });
  const err = await new SystemdService(none).start().catch((e) => e);
  assert.match(err.message, /not installed.*\n.*openclaw daemon install/);
  assert.deepEqual(callLines(none.host), []);

  await install(recordingContext({ home: home.path, answers: systemdAnswers() }));
  for (const verb of ["start", "stop", "restart"] as const) {
    const ctx = recordingContext({
      home: home.path,
      answers: systemdAnswers({ [`systemctl --user ${verb} ${UNIT}`]: ok() }),
    });
    await new SystemdService(ctx)[verb]();
    assert.deepEqual(callLines(ctx.host).slice(3), [`systemctl --user ${verb} ${UNIT}`]);
  }
});

Deno.test("systemd status: installed, enabled, crash-looping with its last exit", async () => {
  await using home = await tempDir();
  await install(recordingContext({ home: home.path, answers: systemdAnswers() }));
  const ctx = recordingContext({
    home: home.path,
    answers: systemdAnswers({ [SHOW]: ok(CRASHED_STATE) }),
  });
  const s = await new SystemdService(ctx).status(1);
  assert.equal(s.installed, true);
  assert.equal(s.enabled, true);
  assert.equal(s.running, false);
  assert.equal(s.state, "activating (auto-restart)");
  assert.deepEqual(s.lastExit, { code: 3, at: "Sat 2026-11-28 17:00:01 UTC" });
  assert.deepEqual(s.command, [
    "/opt/deno/bin/deno",
    "run",
    "-A",
    "/src/openclaw/main.ts",
    "gateway",
    "run",
    "--port",
    "18789",
  ]);
  assert.equal(s.port, 18789, "the port comes from the installed command line");
  assert.equal(s.gateway.answers, false);
});

Deno.test("systemd status: running and answering; without a bus the problem is named", async () => {
  await using home = await tempDir();
  await install(recordingContext({ home: home.path, answers: systemdAnswers() }));
  const up = recordingContext({
    home: home.path,
    gatewayAnswers: true,
    answers: systemdAnswers({ [SHOW]: ok(RUNNING_STATE) }),
  });
  const s = await new SystemdService(up).status(1);
  assert.equal(s.running, true);
  assert.equal(s.pid, 4242);
  assert.equal(s.gateway.answers, true);

  const nobus = recordingContext({
    home: home.path,
    answers: {
      "systemctl --version": ok("systemd 252\n"),
      "systemctl --user show-environment": fail(1, "Failed to connect to bus: No medium found"),
    },
  });
  const n = await new SystemdService(nobus).status(1);
  assert.equal(n.installed, true);
  assert.equal(n.enabled, undefined);
  assert.equal(n.running, undefined);
  assert.match(n.problem!, /no systemd user bus \(Failed to connect to bus: No medium found\)/);
});

Deno.test("systemd uninstall keeps a hand-edited unit as .bak", async () => {
  await using home = await tempDir();
  const { service } = await install(
    recordingContext({ home: home.path, answers: systemdAnswers() }),
  );
  const edited = (await Deno.readTextFile(service.file)) + "# my note\n";
  await Deno.writeTextFile(service.file, edited);
  const ctx = recordingContext({
    home: home.path,
    answers: systemdAnswers({
      [SHOW]: ok(RUNNING_STATE),
      [`systemctl --user disable --now ${UNIT}`]: ok(),
    }),
  });
  const out = await new SystemdService(ctx).uninstall();
  assert.equal(await Deno.stat(service.file).catch(() => undefined), undefined);
  assert.equal(await Deno.readTextFile(`${service.file}.bak`), edited);
  assert.ok(out.steps.some((s) => /edited by hand: kept as .*\.bak/.test(s)), out.steps.join("\n"));
});
