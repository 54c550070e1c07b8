/**
 * The "daemon installation" step of onboarding, end to end through
 * runOnboard with a recording command runner: QuickStart installs without
 * asking, a non-interactive run only with --install-daemon, the no-systemd
 * path offers another way, and the flags are checked.
 */
import assert from "node:assert/strict";
import { runOnboard } from "../../lib/onboard/run.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { answersFromOptions } from "../../lib/onboard/questions.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { FlagsPrompter } from "../../lib/wizard/flags-prompter.ts";
import { ScriptedPrompter } from "../../lib/wizard/scripted-prompter.ts";
import type { Prompter } from "../../lib/wizard/prompter.ts";
import { UsageError } from "../../lib/errors.ts";
import type { CommandResult } from "../../lib/host.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import { fail, ok } from "./fixtures.ts";
import { freePort } from "../helpers/ports.ts";

const UNIT = "openclaw-gateway.service";

type Table = Record<string, CommandResult>;

const SYSTEMD: Table = {
  "systemctl --version": ok("systemd 252 (252.39-1~deb12u2)\n"),
  "systemctl --user show-environment": ok("HOME=/x\n"),
  "systemctl --user show": ok(
    "LoadState=not-found\nUnitFileState=\nActiveState=inactive\nSubState=dead\nMainPID=0\n",
  ),
  "systemctl --user daemon-reload": ok(),
  [`systemctl --user enable --now ${UNIT}`]: ok(),
  "loginctl show-user ada --property=Linger --value": ok("yes\n"),
};

const NO_BUS: Table = {
  "systemctl --version": ok("systemd 252\n"),
  "systemctl --user show-environment": fail(1, "Failed to connect to bus: No medium found"),
  "setsid -f": ok(),
};

async function onboard(
  home: string,
  raw: Record<string, unknown>,
  table: Table,
  prompter?: Prompter,
  onPath: string[] = [],
) {
  const host = testHost({
    home,
    env: { USER: "ada" },
    onPath,
    runner: (cmd, args) => {
      const line = [cmd, ...args].join(" ");
      const key = Object.keys(table).find((k) => line === k || line.startsWith(`${k} `));
      return key ? table[key] : { code: 127, stdout: "", stderr: `${cmd}: not found` };
    },
  });
  const paths = resolvePaths(host);
  // The health check has tests of its own; here it would start a real gateway.
  const options = parseOnboardOptions({ skipHealth: true, skipChannels: true, ...raw });
  const p = prompter ?? new FlagsPrompter(answersFromOptions(options), host.stderr);
  const code = await runOnboard({ host, paths, options, prompter: p, command: "onboard" });
  const lines = host.calls.map((c) => [c.cmd, ...c.args].join(" "));
  return { code, host, paths, lines, out: host.out.join("") };
}

const BASE = { nonInteractive: true, acceptRisk: true, authChoice: "skip" };

Deno.test("onboard --install-daemon: the unit is written and enabled after the config", async () => {
  await using home = await tempDir();
  const port = freePort();
  const r = await onboard(
    home.path,
    { ...BASE, installDaemon: true, gatewayPort: String(port), json: true },
    SYSTEMD,
  );
  assert.equal(r.code, 0);
  assert.deepEqual(r.lines.filter((l) => l.startsWith("systemctl") || l.startsWith("loginctl")), [
    "systemctl --version",
    "systemctl --user show-environment",
    `systemctl --user show ${UNIT} --property=LoadState,UnitFileState,ActiveState,SubState,` +
    "MainPID,ExecMainCode,ExecMainStatus,ExecMainExitTimestamp,NRestarts",
    "systemctl --user daemon-reload",
    `systemctl --user enable --now ${UNIT}`,
    "loginctl show-user ada --property=Linger --value",
  ]);
  const unit = await Deno.readTextFile(`${home.path}/.config/systemd/user/${UNIT}`);
  assert.match(unit, new RegExp(`gateway run --port ${port}$`, "m"));
  const json = JSON.parse(r.out);
  assert.equal(json.installDaemon, true);
  assert.equal(json.daemon.installed, true);
  assert.equal(json.daemon.manager, "systemd");
  assert.equal(json.daemon.linger, "already");
  // The config was written before the service was started.
  assert.ok((await Deno.stat(`${home.path}/.openclaw/openclaw.json`)).isFile);
});

Deno.test("onboard non-interactive without --install-daemon touches no service manager", async () => {
  await using home = await tempDir();
  const r = await onboard(home.path, { ...BASE, json: true }, SYSTEMD);
  assert.equal(r.code, 0);
  assert.deepEqual(r.lines, []);
  assert.equal(JSON.parse(r.out).installDaemon, false);
});

Deno.test("onboard --no-install-daemon / --skip-daemon: no service, said in the plan", async () => {
  await using home = await tempDir();
  for (const flag of [{ installDaemon: false }, { skipDaemon: true }]) {
    const r = await onboard(home.path, { ...BASE, ...flag, dryRun: true }, SYSTEMD);
    assert.equal(r.code, 0);
    assert.deepEqual(r.lines, []);
    assert.match(r.out, /Gateway service: not installed \(skipped\)/);
  }
});

Deno.test("onboard flags: --install-daemon with --skip-daemon, and --daemon-runtime bun, are refused", () => {
  assert.throws(
    () => parseOnboardOptions({ installDaemon: true, skipDaemon: true }),
    (e: Error) => e instanceof UsageError && /contradict/.test(e.message),
  );
  assert.throws(
    () => parseOnboardOptions({ daemonRuntime: "bun" }),
    (e: Error) => e instanceof UsageError && /bun is not offered/.test(e.message),
  );
  assert.equal(parseOnboardOptions({ daemonRuntime: "node" }).daemonRuntime, "node");
});

Deno.test("QuickStart installs without asking; with no user bus it says why and goes on", async () => {
  await using home = await tempDir();
  const p = new ScriptedPrompter({
    "risk.accept": true,
    flow: "quickstart",
    "auth.provider": "skip",
  });
  const r = await onboard(home.path, {}, NO_BUS, p, ["setsid"]);
  assert.equal(r.code, 0);
  assert.ok(!p.asked.includes("daemon.install"), "QuickStart does not ask");
  assert.ok(!p.asked.includes("daemon.fallback"), "QuickStart does not ask for another way");
  const note = p.transcript.find((t) => t.kind === "note" && t.title === "Gateway service");
  assert.ok(note, "a note explains");
  assert.match(note.message, /no systemd user bus/);
  assert.match(note.message, /gateway run --port 18789/);
  assert.deepEqual(r.lines, ["systemctl --version", "systemctl --user show-environment"]);
  assert.match(r.out, /--skip-daemon/, "the equivalent command does not install");
});

Deno.test("Advanced finds there is no user bus before asking, and offers the background", async () => {
  await using home = await tempDir();
  const p = new ScriptedPrompter({
    "risk.accept": true,
    flow: "advanced",
    "auth.provider": "skip",
    workspace: "~/.openclaw/workspace",
    "gateway.port": "18789",
    "gateway.bind": "loopback",
    "gateway.auth": "token",
    "gateway.token": "",
    "gateway.tailscale": "off",
    "daemon.install": true,
    "daemon.fallback": "background",
    "skills.nodeManager": "npm",
    "skills.install": [],
  });
  const r = await onboard(home.path, {}, NO_BUS, p, ["setsid"]);
  assert.equal(r.code, 0);
  // Not asked to install what cannot be installed: the reason first, then another way.
  assert.ok(!p.asked.includes("daemon.install"), p.asked.join(", "));
  assert.ok(p.asked.includes("daemon.fallback"));
  const noBus = p.transcript.findIndex((t) => t.title === "Gateway service");
  assert.ok(noBus >= 0 && noBus < p.transcript.findIndex((t) => t.id === "daemon.fallback"));
  const setsid = r.host.calls.find((c) => c.cmd === "setsid")!;
  assert.ok(setsid, `setsid was run: ${r.lines.join("\n")}`);
  assert.deepEqual(setsid.args.slice(0, 3), ["-f", "sh", "-c"]);
  assert.deepEqual(setsid.args.slice(4, 6), [
    `${home.path}/.openclaw/logs/gateway.log`,
    `${home.path}/.openclaw/.env`,
  ]);
  assert.deepEqual(setsid.args.slice(-4), ["gateway", "run", "--port", "18789"]);
  const summary = p.transcript.find((t) => t.title === "Summary")!;
  assert.match(summary.message, /Started the gateway in the background/);
});

Deno.test("a hand-edited unit: the step shows the diff and keeps it when declined", async () => {
  await using home = await tempDir();
  const port = freePort();
  await onboard(home.path, { ...BASE, installDaemon: true, gatewayPort: String(port) }, SYSTEMD);
  const file = `${home.path}/.config/systemd/user/${UNIT}`;
  const edited = (await Deno.readTextFile(file)).replace("Restart=always", "Restart=on-failure");
  await Deno.writeTextFile(file, edited);

  const p = new ScriptedPrompter({
    "config.existing": "keep",
    "risk.accept": true,
    "auth.provider": "skip",
    "daemon.replaceEdited": false,
  });
  const r = await onboard(home.path, {}, SYSTEMD, p);
  assert.equal(r.code, 0);
  const note = p.transcript.find((t) => t.title === "Service file edited by hand")!;
  assert.match(note.message, /- Restart=on-failure\n\+ Restart=always/);
  assert.equal(await Deno.readTextFile(file), edited, "the user's unit is kept");
  assert.ok(!r.lines.includes("systemctl --user daemon-reload"));
  const summary = p.transcript.find((t) => t.title === "Summary")!;
  assert.match(summary.message, /Service +unchanged: kept your edited .*openclaw-gateway\.service/);
});

Deno.test("onboard --install-daemon where there is no user bus: config written, exit 1, said why", async () => {
  await using home = await tempDir();
  const r = await onboard(home.path, { ...BASE, installDaemon: true, json: true }, NO_BUS);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.out);
  assert.equal(json.ok, false);
  assert.equal(json.daemon.installed, false);
  assert.match(r.host.err.join(""), /no systemd user bus/);
  assert.ok((await Deno.stat(`${home.path}/.openclaw/openclaw.json`)).isFile, "config kept");
  assert.ok(!r.lines.some((l) => l.startsWith("setsid")), "no background start unasked");
});

Deno.test("configure --section gateway with a service installed says how to update it", async () => {
  await using home = await tempDir();
  await onboard(
    home.path,
    { ...BASE, installDaemon: true, gatewayPort: String(freePort()) },
    SYSTEMD,
  );
  const host = testHost({ home: home.path, env: { USER: "ada" } });
  const paths = resolvePaths(host);
  const options = parseOnboardOptions({ nonInteractive: true, gatewayPort: "19555" });
  const code = await runOnboard({
    host,
    paths,
    options,
    prompter: new FlagsPrompter(answersFromOptions(options), host.stderr),
    command: "configure",
    sections: ["gateway"],
  });
  assert.equal(code, 0);
  assert.match(host.out.join(""), /`openclaw daemon install` updates and restarts it/);
  assert.deepEqual(host.calls, [], "configure itself touches no service");
});

Deno.test("the no-user-bus note never says 'again' of a command the user has not run", async () => {
  const { systemdUnavailableMessage } = await import("../../lib/daemon/no-systemd.ts");
  for (const environment of [{ wsl: true }, { container: true }, {}]) {
    const text = systemdUnavailableMessage({
      detail: "Failed to connect to bus: No medium found",
      missing: false,
      environment: { wsl: false, container: false, ...environment },
      argv: ["openclaw", "gateway", "run", "--port", "18789"],
      logFile: "/home/ada/.openclaw/logs/gateway.log",
    });
    assert.doesNotMatch(text, /daemon install` again/, text);
  }
});
