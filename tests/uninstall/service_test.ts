/**
 * Service removal for uninstall, with a recording command runner: the exact
 * systemctl / launchctl calls and their order, the no-systemd case, the
 * `openclaw daemon uninstall` path, and failures that stop everything.
 */
import assert from "node:assert/strict";
import { tempDir, testHost } from "../helpers/host.ts";
import { findService, removeService } from "../../lib/uninstall/service.ts";
import { ActionableError } from "../../lib/errors.ts";

async function withUnit(
  platform: "linux" | "darwin",
  runner: Parameters<typeof testHost>[0]["runner"],
  fn: (h: ReturnType<typeof testHost>, file: string) => Promise<void>,
) {
  await using home = await tempDir();
  const host = testHost({ home: home.path, platform, runner });
  const file = platform === "linux"
    ? `${home.path}/.config/systemd/user/openclaw-gateway.service`
    : `${home.path}/Library/LaunchAgents/ai.openclaw.gateway.plist`;
  assert.equal(await findService(host), undefined);
  await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(file, "unit\n");
  await fn(host, file);
}

const ok = () => ({ code: 0, stdout: "", stderr: "" });

Deno.test("service removal: systemd user unit is disabled, removed, then systemd reloaded", async () => {
  await withUnit("linux", ok, async (host, file) => {
    const service = (await findService(host))!;
    assert.equal(service.kind, "systemd");
    const said = await removeService({ host, service, uid: 1000 });
    assert.deepEqual(host.calls.map((c) => [c.cmd, ...c.args]), [
      ["systemctl", "--user", "disable", "--now", "openclaw-gateway.service"],
      ["systemctl", "--user", "daemon-reload"],
    ]);
    await assert.rejects(Deno.stat(file));
    assert.match(said, /stopped, disabled and removed/);
  });
});

Deno.test("service removal: no systemd user manager (WSL) removes the file and says why", async () => {
  const noBus = () => ({
    code: 1,
    stdout: "",
    stderr: "Failed to connect to bus: No medium found",
  });
  await withUnit("linux", noBus, async (host, file) => {
    const said = await removeService({ host, service: (await findService(host))!, uid: 1000 });
    assert.equal(host.calls.length, 1);
    await assert.rejects(Deno.stat(file));
    assert.match(said, /no systemd user manager/);
  });
});

Deno.test("service removal: a failing systemctl stops uninstall and keeps the unit", async () => {
  const fails = () => ({ code: 1, stdout: "", stderr: "Access denied" });
  await withUnit("linux", fails, async (host, file) => {
    await assert.rejects(
      removeService({ host, service: (await findService(host))!, uid: 1000 }),
      (err) =>
        err instanceof ActionableError &&
        /Access denied[\s\S]*Nothing else was removed/.test(err.message),
    );
    assert.equal(await Deno.readTextFile(file), "unit\n");
  });
});

Deno.test("service removal: LaunchAgent is booted out of gui/<uid> and removed", async () => {
  const notLoaded = () => ({ code: 3, stdout: "", stderr: "Boot-out failed: 3: No such process" });
  await withUnit("darwin", notLoaded, async (host, file) => {
    const service = (await findService(host))!;
    assert.equal(service.kind, "launchd");
    await removeService({ host, service, uid: 501 });
    assert.deepEqual(host.calls.map((c) => [c.cmd, ...c.args]), [
      ["launchctl", "bootout", "gui/501/ai.openclaw.gateway"],
    ]);
    await assert.rejects(Deno.stat(file));
  });
});

Deno.test("service removal: with a daemon command, openclaw daemon uninstall does it", async () => {
  await withUnit("linux", ok, async (host) => {
    const said = await removeService({
      host,
      service: (await findService(host))!,
      daemonCommand: ["/opt/openclaw"],
      uid: 1000,
    });
    assert.deepEqual(host.calls.map((c) => [c.cmd, ...c.args]), [
      ["/opt/openclaw", "daemon", "uninstall"],
    ]);
    assert.match(said, /openclaw daemon uninstall/);
  });
});
