/**
 * install / uninstall / stop / status against launchd with a recording
 * command runner: the exact launchctl calls (bootstrap gui/<uid>,
 * kickstart -k, bootout) and their order, and the no-session case.
 */
import assert from "node:assert/strict";
import { LaunchdService, parseLaunchctlPrint } from "../../lib/daemon/launchd.ts";
import { serviceSpec } from "../../lib/daemon/service.ts";
import { type Answers, BINARY_RUNTIME, callLines, fail, ok, recordingContext } from "./fixtures.ts";
import { tempDir } from "../helpers/host.ts";

const LABEL = "ai.openclaw.gateway";
const TARGET = `gui/501/${LABEL}`;
const LOADED = "ai.openclaw.gateway = {\n\tactive count = 1\n\tstate = running\n\tpid = 777\n" +
  "\tlast exit code = (never exited)\n}\n";
const LOADED_CRASHED = "ai.openclaw.gateway = {\n\tstate = spawn scheduled\n" +
  "\tlast exit code = 78: EX_CONFIG\n}\n";

function answers(extra: Answers = {}): Answers {
  return {
    "launchctl print gui/501": ok("gui/501 = {\n}\n"),
    [`launchctl print ${TARGET}`]: fail(
      113,
      `Could not find service "${LABEL}" in domain for user gui: 501`,
    ),
    [`launchctl enable ${TARGET}`]: ok(),
    "launchctl bootstrap gui/501 *": ok(),
    [`launchctl kickstart -k ${TARGET}`]: ok(),
    [`launchctl bootout ${TARGET}`]: ok(),
    "launchctl print-disabled gui/501": ok(`disabled services = {\n\t"${LABEL}" => enabled\n}\n`),
    ...extra,
  };
}

function mac(home: string, extra: Answers = {}) {
  return recordingContext({
    home,
    platform: "darwin",
    runtime: BINARY_RUNTIME,
    answers: answers(extra),
  });
}

async function install(ctx: ReturnType<typeof recordingContext>, port = 18789) {
  const service = new LaunchdService(ctx);
  const spec = serviceSpec(ctx, port);
  const prepared = await service.prepare(spec);
  return { service, out: await service.install(spec, prepared, { replaceEdited: false }) };
}

Deno.test("launchd install: writes the plist, enable + bootstrap gui/<uid>", async () => {
  await using home = await tempDir();
  const ctx = mac(home.path);
  const { service, out } = await install(ctx);
  const plist = `${home.path}/Library/LaunchAgents/${LABEL}.plist`;
  assert.equal(service.file, plist);
  assert.deepEqual(callLines(ctx.host), [
    "launchctl print gui/501",
    `launchctl print ${TARGET}`,
    `launchctl enable ${TARGET}`,
    `launchctl bootstrap gui/501 ${plist}`,
  ]);
  const text = await Deno.readTextFile(plist);
  assert.match(text, /<string>\/home\/ada\/\.local\/bin\/openclaw<\/string>/);
  assert.ok((await Deno.stat(`${home.path}/.openclaw/logs`)).isDirectory, "log folder made");
  assert.equal(out.change, "new");
});

Deno.test("launchd re-install: unchanged → kickstart -k; changed → bootout then bootstrap", async () => {
  await using home = await tempDir();
  await install(mac(home.path));

  const same = mac(home.path, { [`launchctl print ${TARGET}`]: ok(LOADED) });
  await install(same);
  assert.deepEqual(callLines(same.host).slice(2), [`launchctl kickstart -k ${TARGET}`]);

  const changed = mac(home.path, { [`launchctl print ${TARGET}`]: ok(LOADED) });
  const { service } = await install(changed, 19000);
  assert.deepEqual(callLines(changed.host).slice(2), [
    `launchctl bootout ${TARGET}`,
    `launchctl bootstrap gui/501 ${service.file}`,
  ]);
  assert.match(await Deno.readTextFile(service.file), /<string>19000<\/string>/);
});

Deno.test("launchd: no login session (headless) explains the LaunchDaemon limit", async () => {
  await using home = await tempDir();
  const ctx = mac(home.path, {
    "launchctl print gui/501": fail(125, "Domain does not support specified action"),
  });
  const err = await new LaunchdService(ctx).prepare(serviceSpec(ctx, 18789)).catch((e) => e);
  assert.match(err.message, /no login session/);
  assert.match(err.message, /headless/);
  assert.match(err.message, /LaunchDaemon/);
  assert.match(err.message, /openclaw gateway run --port 18789/);
  assert.deepEqual(callLines(ctx.host), ["launchctl print gui/501"]);
});

Deno.test("launchd: a failing bootstrap is retried once, then shows launchctl's words", async () => {
  await using home = await tempDir();
  const ctx = mac(home.path, {
    "launchctl bootstrap gui/501 *": fail(5, "Bootstrap failed: 5: Input/output error"),
  });
  const err = await install(ctx).catch((e) => e);
  assert.match(err.message, /Bootstrap failed: 5: Input\/output error/);
  assert.match(err.message, /To do this step by hand: launchctl bootstrap gui\/501 /);
  assert.equal(callLines(ctx.host).filter((l) => l.startsWith("launchctl bootstrap")).length, 2);
});

Deno.test("launchd uninstall: bootout, then the plist is removed", async () => {
  await using home = await tempDir();
  const { service } = await install(mac(home.path));
  const ctx = mac(home.path, { [`launchctl print ${TARGET}`]: ok(LOADED) });
  await new LaunchdService(ctx).uninstall();
  assert.deepEqual(callLines(ctx.host), [
    `launchctl print ${TARGET}`,
    `launchctl bootout ${TARGET}`,
  ]);
  assert.equal(await Deno.stat(service.file).catch(() => undefined), undefined);
});

Deno.test("launchd stop is a bootout (KeepAlive would restart a killed gateway)", async () => {
  await using home = await tempDir();
  await install(mac(home.path));
  const ctx = mac(home.path, { [`launchctl print ${TARGET}`]: ok(LOADED) });
  const out = await new LaunchdService(ctx).stop();
  assert.deepEqual(callLines(ctx.host).at(-1), `launchctl bootout ${TARGET}`);
  assert.match(out.warnings[0], /next login/);
});

Deno.test("launchd status: loaded, its state, pid, last exit and command", async () => {
  await using home = await tempDir();
  await install(mac(home.path));
  const ctx = mac(home.path, { [`launchctl print ${TARGET}`]: ok(LOADED_CRASHED) });
  const s = await new LaunchdService(ctx).status(1);
  assert.equal(s.installed, true);
  assert.equal(s.enabled, true);
  assert.equal(s.running, false);
  assert.equal(s.state, "spawn scheduled");
  assert.deepEqual(s.lastExit, { code: 78 });
  assert.deepEqual(s.command?.slice(1), ["gateway", "run", "--port", "18789"]);
  assert.deepEqual(parseLaunchctlPrint(LOADED), {
    running: true,
    state: "running",
    pid: 777,
    lastExitCode: undefined,
  });
});
