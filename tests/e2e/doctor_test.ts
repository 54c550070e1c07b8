/**
 * Black-box: `openclaw doctor` on no config, a valid one, a broken one, one
 * with wrong types and one with legacy keys; `--fix` migrates (after a
 * .bak) and tightens loose modes; `--json` parses.
 */
import assert from "node:assert/strict";
import { parse } from "jsonc-parser";
import { modeOf, tempDir } from "../helpers/host.ts";
import { exists, hasStackTrace, listDir, ONBOARD_FLAGS, runCli } from "./cli.ts";
import { onboarded } from "../helpers/onboarded.ts";

async function writeConfig(home: string, text: string): Promise<string> {
  const state = `${home}/.openclaw`;
  await Deno.mkdir(state, { mode: 0o700, recursive: true });
  const path = `${state}/openclaw.json`;
  await Deno.writeTextFile(path, text, { mode: 0o600 });
  await Deno.chmod(path, 0o600);
  return path;
}

Deno.test("doctor: no config is a warning (exit 0); a fresh onboard has no problems", async () => {
  await using home = await tempDir();
  const none = await runCli(["doctor"], { home: home.path });
  assert.equal(none.code, 0, none.stderr);
  assert.match(none.stdout, /No config file yet/);
  assert.match(none.stdout, /(openclaw|main\.ts) onboard/);
  assert.deepEqual(await listDir(home.path), [], "doctor wrote something");

  await onboarded(home.path);
  const ok = await runCli(["doctor"], { home: home.path });
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /No problems found/);

  const json = await runCli(["doctor", "--json"], { home: home.path });
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout);
  assert.equal(report.ok, true);
  assert.deepEqual(report.problems, []);
});

Deno.test("doctor: a JSONC syntax error (line and column) and wrong types (key path) exit 1", async (t) => {
  await t.step("syntax error", async () => {
    await using home = await tempDir();
    const text =
      '{\n  // comment\n  "gateway": {\n    "port": 18789\n    "bind": "loopback"\n  }\n}\n';
    const path = await writeConfig(home.path, text);
    const r = await runCli(["doctor"], { home: home.path });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /line 5, column 5/);
    assert.match(r.stdout, /openclaw\.json:5:5/);
    assert.ok(!hasStackTrace(r.stderr), r.stderr);

    const json = await runCli(["doctor", "--json"], { home: home.path });
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout);
    assert.equal(report.ok, false);
    assert.equal(report.problems[0].id, "config-syntax");
    assert.equal(await Deno.readTextFile(path), text, "doctor changed the file");
  });

  await t.step("wrong types", async () => {
    await using home = await tempDir();
    await writeConfig(
      home.path,
      '{ "gateway": { "port": "abc", "bind": 5 }, "agents": { "defaults": { "model": 7 } } }\n',
    );
    const r = await runCli(["doctor"], { home: home.path });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /gateway\.port: A port is a whole number from 1 to 65535/);
    assert.match(r.stdout, /gateway\.bind: /);
    assert.match(r.stdout, /agents\.defaults\.model: /);
    assert.match(r.stdout, /fix: /);

    const json = await runCli(["doctor", "--json"], { home: home.path });
    assert.equal(json.code, 1);
    const paths = JSON.parse(json.stdout).problems.map((p: { path?: string }) => p.path);
    assert.ok(paths.includes("gateway.port"), paths.join(", "));
    assert.ok(paths.includes("gateway.bind"), paths.join(", "));
  });
});

const LEGACY = `// My old config: keep this comment.
{
  "gateway": {
    // the port I always use
    "port": 18789, // trailing note
    "token": "legacy-token-12345678"
  },
  "agent": {
    "model": "anthropic/claude-opus-4-5"
  },
  "telegram": {
    "botToken": "123:abc"
  }
}
`;

Deno.test("doctor: legacy keys are reported; --fix migrates them with a .bak, comments kept", async () => {
  await using home = await tempDir();
  const path = await writeConfig(home.path, LEGACY);

  const report = await runCli(["doctor"], { home: home.path });
  assert.equal(report.code, 1, report.stdout + report.stderr);
  assert.match(report.stdout, /^✗ agent: Legacy config/m);
  assert.match(report.stdout, /^✗ gateway\.token: Legacy config/m);
  assert.match(report.stdout, /^✗ telegram: Legacy config/m);
  assert.match(report.stdout, /(openclaw|main\.ts) doctor --fix/);
  assert.equal(await Deno.readTextFile(path), LEGACY, "doctor without --fix changed the file");

  const json = await runCli(["doctor", "--json"], { home: home.path });
  assert.equal(json.code, 1);
  const ids = JSON.parse(json.stdout).problems.map((p: { id: string }) => p.id).sort();
  assert.deepEqual(ids, ["legacy-key:agent", "legacy-key:channels", "legacy-key:gateway-token"]);

  // Onboarding refuses to build on it and points at doctor.
  const onboard = await runCli(["onboard", ...ONBOARD_FLAGS], { home: home.path });
  assert.equal(onboard.code, 1);
  assert.match(onboard.stderr, /(openclaw|main\.ts) doctor --fix/);
  assert.equal(await Deno.readTextFile(path), LEGACY);

  const fix = await runCli(["doctor", "--fix", "--non-interactive"], { home: home.path });
  assert.equal(fix.code, 0, fix.stdout + fix.stderr);
  assert.match(fix.stdout, /Moved legacy keys/);
  assert.match(fix.stdout, /No problems remain/);

  const text = await Deno.readTextFile(path);
  for (
    const comment of [
      "// My old config: keep this comment.",
      "// the port I always use",
      "// trailing note",
    ]
  ) {
    assert.ok(text.includes(comment), `lost the comment ${comment}:\n${text}`);
  }
  const config = parse(text);
  assert.equal(config.agent, undefined);
  assert.equal(config.telegram, undefined);
  assert.equal(config.gateway.token, undefined);
  assert.equal(config.gateway.port, 18789);
  assert.deepEqual(config.gateway.auth, { token: "legacy-token-12345678", mode: "token" });
  assert.equal(config.agents.defaults.model, "anthropic/claude-opus-4-5");
  assert.deepEqual(config.channels.telegram, { botToken: "123:abc" });
  assert.equal(await Deno.readTextFile(`${path}.bak`), LEGACY);
  assert.equal(await modeOf(`${path}.bak`), 0o600);
  assert.equal(await modeOf(path), 0o600);

  const after = await runCli(["doctor"], { home: home.path });
  assert.equal(after.code, 0, after.stdout);
  assert.match(after.stdout, /No problems found/);
});

Deno.test("doctor: a 0644 config is reported and --fix makes it 0600", async () => {
  await using home = await tempDir();
  await onboarded(home.path);
  const path = `${home.path}/.openclaw/openclaw.json`;
  await Deno.chmod(path, 0o644);

  const report = await runCli(["doctor"], { home: home.path });
  assert.equal(report.code, 0, "a loose mode is a warning");
  assert.match(report.stdout, /Mode 644/);
  assert.ok(report.stdout.includes(`chmod 600 "${path}"`), report.stdout);
  assert.equal(await modeOf(path), 0o644, "doctor without --fix changed the mode");

  const json = await runCli(["doctor", "--json"], { home: home.path });
  const problem = JSON.parse(json.stdout).problems[0];
  assert.equal(problem.id, "loose-file-mode");
  assert.equal(problem.path, path);

  const fix = await runCli(["doctor", "--fix", "--non-interactive"], { home: home.path });
  assert.equal(fix.code, 0, fix.stdout + fix.stderr);
  assert.equal(await modeOf(path), 0o600);
  assert.equal(await exists(`${path}.bak`), false, "a mode fix needs no backup");
  const after = await runCli(["doctor"], { home: home.path });
  assert.match(after.stdout, /No problems found/);
});

Deno.test("doctor --fix: a stray OPENCLAW_CONFIG_PATH and a 1777 state dir are skipped and named", async () => {
  await using home = await tempDir();
  const stray = `${home.path}/some-other-users-file`;
  await Deno.writeTextFile(stray, "root:x:0:0:root:/root:/bin/sh\n");
  await Deno.chmod(stray, 0o644);
  const shared = `${home.path}/shared`;
  await Deno.mkdir(shared);
  await Deno.chmod(shared, 0o1777);
  const env = { OPENCLAW_CONFIG_PATH: stray, OPENCLAW_STATE_DIR: shared };
  const r = await runCli(["doctor", "--fix", "--non-interactive"], { home: home.path, env });
  assert.ok(!hasStackTrace(r.stderr), r.stderr);
  assert.equal(await modeOf(stray), 0o644, "doctor chmodded a file that is not its config");
  assert.equal((await Deno.stat(shared)).mode! & 0o7777, 0o1777, "the sticky folder changed");
  assert.match(r.stdout, /leaves it alone: it is not an openclaw config/);
  assert.match(r.stdout, /leaves it alone: it is a shared folder \(sticky bit/);
});
