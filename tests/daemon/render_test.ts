/**
 * The rendered systemd unit and LaunchAgent plist, as text: absolute command
 * line, restart policy, environment, and escaping of paths with spaces and
 * values with quotes, `%`, `$`, `&` and `<`.
 */
import assert from "node:assert/strict";
import { parseExecStart, quoteExecArg, renderSystemdUnit } from "../../lib/daemon/systemd-unit.ts";
import {
  parseProgramArguments,
  renderLaunchAgentPlist,
  xml,
} from "../../lib/daemon/launchd-plist.ts";
import { buildServiceSpec } from "../../lib/daemon/spec.ts";
import { gatewayCommandLine } from "../../lib/daemon/command.ts";
import { fileOrigin } from "../../lib/daemon/digest.ts";
import { lineDiff } from "../../lib/daemon/diff.ts";
import { daemonRuntimeProblem } from "../../lib/daemon/command.ts";
import { BINARY_RUNTIME, pathsFor, SOURCE_RUNTIME } from "./fixtures.ts";

const HOME = "/home/ada";

function spec(opts: Partial<Parameters<typeof buildServiceSpec>[0]> = {}) {
  return buildServiceSpec({
    home: HOME,
    paths: pathsFor(HOME),
    runtime: SOURCE_RUNTIME,
    port: 18789,
    platform: "linux",
    ...opts,
  });
}

Deno.test("command line: the compiled binary runs itself, a checkout runs deno on main.ts", () => {
  assert.deepEqual(gatewayCommandLine(BINARY_RUNTIME, 18789), [
    "/home/ada/.local/bin/openclaw",
    "gateway",
    "run",
    "--port",
    "18789",
  ]);
  assert.deepEqual(gatewayCommandLine(SOURCE_RUNTIME, 19000), [
    "/opt/deno/bin/deno",
    "run",
    "-A",
    "/src/openclaw/main.ts",
    "gateway",
    "run",
    "--port",
    "19000",
  ]);
  assert.throws(
    () => gatewayCommandLine({ ...BINARY_RUNTIME, execPath: "openclaw" }, 1),
    /absolute/,
  );
});

Deno.test("systemd unit: the whole default unit", () => {
  const unit = renderSystemdUnit(spec(), { systemdVersion: 252 });
  const lines = unit.split("\n").filter((l) => !l.includes("openclaw-digest"));
  assert.deepEqual(lines, [
    "# Written by `openclaw daemon install`. To change it, run that command again;",
    "# hand edits are kept unless you agree to replace them.",
    "[Unit]",
    "Description=OpenClaw gateway (port 18789)",
    "StartLimitIntervalSec=0",
    "",
    "[Service]",
    "Type=simple",
    "ExecStart=/opt/deno/bin/deno run -A /src/openclaw/main.ts gateway run --port 18789",
    "Restart=always",
    "# Wait 5 s after a crash before starting again.",
    "RestartSec=5",
    'Environment="PATH=/opt/deno/bin:/usr/local/bin:/usr/bin:/bin"',
    "EnvironmentFile=-/home/ada/.openclaw/.env",
    "",
    "[Install]",
    "WantedBy=default.target",
    "",
  ]);
  assert.match(unit.split("\n")[2], /^# openclaw-digest: [0-9a-f]{8}$/);
});

Deno.test("systemd unit: exponential back-off only where systemd knows it (254+)", () => {
  const old = renderSystemdUnit(spec(), { systemdVersion: 252 });
  const recent = renderSystemdUnit(spec(), { systemdVersion: 257 });
  assert.ok(!old.includes("RestartSteps"));
  assert.match(recent, /^RestartSec=5\nRestartSteps=6\nRestartMaxDelaySec=60$/m);
});

Deno.test("systemd unit: paths with spaces, quotes, % and $ are quoted and escaped", () => {
  const home = "/home/ada lovelace";
  const paths = pathsFor(home, { OPENCLAW_STATE_DIR: '/home/ada lovelace/state "100%" $HOME' });
  const s = buildServiceSpec({
    home,
    paths,
    runtime: { standalone: false, execPath: "/opt/my deno/deno", mainModule: "/src/a\\b/main.ts" },
    port: 18789,
    platform: "linux",
  });
  const unit = renderSystemdUnit(s);
  assert.match(
    unit,
    /^ExecStart="\/opt\/my deno\/deno" run -A "\/src\/a\\\\b\/main\.ts" gateway run --port 18789$/m,
  );
  assert.match(
    unit,
    /^Environment="OPENCLAW_STATE_DIR=\/home\/ada lovelace\/state \\"100%%\\" \$HOME"$/m,
  );
  assert.match(
    unit,
    /^EnvironmentFile=-\/home\/ada lovelace\/state "100%%" \$HOME\/\.env$/m,
  );
  // Reading ExecStart back gives the argv again.
  assert.deepEqual(parseExecStart(unit), s.argv);
});

Deno.test("systemd unit: $ and % in arguments survive systemd's expansion", () => {
  assert.equal(quoteExecArg("plain/arg-1.0"), "plain/arg-1.0");
  assert.equal(quoteExecArg("$HOME"), '"$$HOME"');
  assert.equal(quoteExecArg("100%"), '"100%%"');
  assert.equal(quoteExecArg(""), '""');
  assert.equal(quoteExecArg(";"), '";"');
  assert.throws(() => quoteExecArg("a\nb"), /line break/);
  assert.deepEqual(
    parseExecStart(`ExecStart=${["$HOME", "100%", 'a "b"'].map(quoteExecArg).join(" ")}`),
    [
      "$HOME",
      "100%",
      'a "b"',
    ],
  );
});

Deno.test("systemd unit: a profile or a config elsewhere reaches the gateway", () => {
  const withProfile = spec({ paths: pathsFor(HOME, {}, "work") });
  const unit = renderSystemdUnit(withProfile);
  assert.match(unit, /^Environment="OPENCLAW_STATE_DIR=\/home\/ada\/\.openclaw-work"$/m);
  assert.match(unit, /^EnvironmentFile=-\/home\/ada\/\.openclaw-work\/\.env$/m);
  assert.match(unit, /^Description=OpenClaw gateway \(profile work, port 18789\)$/m);
  const elsewhere = renderSystemdUnit(
    spec({ paths: pathsFor(HOME, { OPENCLAW_CONFIG_PATH: "/etc/oc/openclaw.json" }) }),
  );
  assert.match(elsewhere, /^Environment="OPENCLAW_CONFIG_PATH=\/etc\/oc\/openclaw\.json"$/m);
  assert.ok(!elsewhere.includes("OPENCLAW_STATE_DIR"));
});

Deno.test("plist: the whole default LaunchAgent", () => {
  const s = spec({ runtime: BINARY_RUNTIME, platform: "darwin" });
  const plist = renderLaunchAgentPlist(s, "ai.openclaw.gateway");
  const lines = plist.split("\n").filter((l) => !l.includes("openclaw-digest"));
  assert.deepEqual(lines, [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    "<!-- Written by `openclaw daemon install`. To change it, run that command again;",
    "     hand edits are kept unless you agree to replace them. -->",
    '<plist version="1.0">',
    "  <dict>",
    "    <key>Label</key>",
    "    <string>ai.openclaw.gateway</string>",
    "    <key>Comment</key>",
    "    <string>OpenClaw gateway (port 18789)</string>",
    "    <key>ProgramArguments</key>",
    "    <array>",
    "      <string>/home/ada/.local/bin/openclaw</string>",
    "      <string>gateway</string>",
    "      <string>run</string>",
    "      <string>--port</string>",
    "      <string>18789</string>",
    "    </array>",
    "    <key>EnvironmentVariables</key>",
    "    <dict>",
    "      <key>PATH</key>",
    "      <string>/home/ada/.local/bin:/opt/homebrew/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin</string>",
    "    </dict>",
    "    <key>RunAtLoad</key>",
    "    <true/>",
    "    <key>KeepAlive</key>",
    "    <true/>",
    "    <key>ThrottleInterval</key>",
    "    <integer>10</integer>",
    "    <key>StandardOutPath</key>",
    "    <string>/home/ada/.openclaw/logs/gateway.log</string>",
    "    <key>StandardErrorPath</key>",
    "    <string>/home/ada/.openclaw/logs/gateway.err.log</string>",
    "  </dict>",
    "</plist>",
    "",
  ]);
});

Deno.test("plist: XML special characters are escaped and read back", () => {
  const home = "/Users/Tom & Jerry";
  const paths = pathsFor(home, { OPENCLAW_STATE_DIR: "/Users/Tom & Jerry/<state> 'a' \"b\"" });
  const s = buildServiceSpec({
    home,
    paths,
    runtime: { standalone: true, execPath: "/Applications/Open <Claw>/openclaw", mainModule: "" },
    port: 18789,
    platform: "darwin",
  });
  const plist = renderLaunchAgentPlist(s, "ai.openclaw.gateway");
  assert.ok(plist.includes("<string>/Applications/Open &lt;Claw&gt;/openclaw</string>"));
  assert.ok(
    plist.includes(
      "<string>/Users/Tom &amp; Jerry/&lt;state&gt; &apos;a&apos; &quot;b&quot;</string>",
    ),
  );
  assert.ok(!/&(?!amp;|lt;|gt;|quot;|apos;)/.test(plist.replace(/<!--[\s\S]*?-->/g, "")));
  assert.deepEqual(parseProgramArguments(plist), s.argv);
  assert.throws(() => xml("a\u0001b"), /control character/);
});

Deno.test("digest: untouched files are ours, edited ones are detected", () => {
  const unit = renderSystemdUnit(spec());
  assert.equal(fileOrigin(unit), "ours");
  assert.equal(fileOrigin(unit.replace("RestartSec=5", "RestartSec=1")), "edited");
  assert.equal(fileOrigin("[Service]\nExecStart=/bin/true\n"), "foreign");
  const plist = renderLaunchAgentPlist(spec({ platform: "darwin" }), "ai.openclaw.gateway");
  assert.equal(fileOrigin(plist), "ours");
  assert.equal(fileOrigin(plist.replace("<true/>", "<false/>")), "edited");
});

Deno.test("diff: shows removed and added lines only", () => {
  assert.equal(lineDiff("a\nb\nc", "a\nB\nc\nd"), "- b\n+ B\n+ d");
  assert.equal(lineDiff("same", "same"), "");
});

Deno.test("--daemon-runtime: node and deno accepted, bun refused with the reason", () => {
  assert.equal(daemonRuntimeProblem("node"), undefined);
  assert.equal(daemonRuntimeProblem("deno"), undefined);
  assert.match(daemonRuntimeProblem("bun")!, /not offered.*Bun is not recommended/);
  assert.match(daemonRuntimeProblem("python")!, /unknown runtime "python"/);
});
