/**
 * Every command the program prints runs as printed, in the setting of the
 * README (a source checkout, no `openclaw` on PATH): QuickStart without
 * questions (health check and a service attempt included), `status`,
 * `health`, `doctor`, and `--profile work status`. The commands are pulled
 * out of the output and run through sh, the command tree only parsing them.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { allOutput, MAIN_TS, parentDenoDir, runCli, TEST_API_KEY } from "./cli.ts";
import { bareCommands, extractCommands, parseCheck } from "./printed_commands.ts";
import { testHost } from "../helpers/host.ts";
import { GOOD_TELEGRAM_TOKEN, telegramStandIn } from "../channels/standins.ts";
import { ScriptedPrompter } from "../../lib/wizard/scripted-prompter.ts";
import { runOnboard } from "../../lib/onboard/run.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import {
  currentInvocation,
  detectInvocation,
  setInvocation,
} from "../../lib/platform/invocation.ts";
import { currentRuntime } from "../../lib/daemon/command.ts";
import { freePort } from "../helpers/ports.ts";

/** A PATH where systemctl answers as it does without a user bus (containers, su shells). */
async function noUserBusPath(dir: string): Promise<string> {
  await Deno.mkdir(`${dir}/stub-bin`);
  await Deno.writeTextFile(
    `${dir}/stub-bin/systemctl`,
    '#!/bin/sh\nif [ "$1" = --version ]; then echo "systemd 252 (252)"; exit 0; fi\n' +
      'echo "Failed to connect to bus: No medium found" >&2\nexit 1\n',
  );
  await Deno.chmod(`${dir}/stub-bin/systemctl`, 0o755);
  return `${dir}/stub-bin:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`;
}

Deno.test("printed commands: QuickStart, status, health and doctor print only commands that run", async () => {
  await using home = await tempDir();
  const PATH = await noUserBusPath(home.path);
  const env = { PATH };
  const outputs: string[] = [];
  const onboard = await runCli([
    "onboard",
    "--non-interactive",
    "--accept-risk",
    "--auth-choice",
    "apiKey",
    "--anthropic-api-key",
    TEST_API_KEY,
    "--gateway-port",
    String(freePort()),
    "--install-daemon",
  ], { home: home.path, env });
  outputs.push(allOutput(onboard));
  for (const args of [["status"], ["health"], ["doctor"], ["--profile", "work", "status"]]) {
    outputs.push(allOutput(await runCli(args, { home: home.path, env })));
  }
  const text = outputs.join("\n");

  assert.deepEqual(bareCommands(text), [], `commands that assume openclaw on PATH:\n${text}`);
  // From a checkout with deno on PATH, the form that works from any folder.
  const prefix = `deno run -q -A ${MAIN_TS}`;
  const commands = extractCommands(text, prefix);
  for (const want of ["gateway run", "doctor", "daemon install", "--profile work"]) {
    assert.ok(
      commands.some((c) => c.includes(want)),
      `no "${want}" among:\n${commands.join("\n")}`,
    );
  }
  const results = await parseCheck(commands, { HOME: home.path, PATH });
  const refused = results.filter((r) => r.code !== 0);
  assert.deepEqual(
    refused.map((r) => `${r.command}\n  -> ${r.output.trim()}`),
    [],
    "printed commands that do not run",
  );
  // Advice printed under a profile keeps it.
  const profileOut = outputs.at(-1)!;
  for (const c of extractCommands(profileOut, prefix)) {
    assert.ok(c.startsWith(`${prefix} --profile work `), c);
  }
});

Deno.test("printed commands: after `deno task link`, commands read `openclaw …` and run", async () => {
  await using home = await tempDir();
  const PATH = await noUserBusPath(home.path);
  const link = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", "-A", MAIN_TS.replace(/main\.ts$/, "scripts/link.ts"), "--yes"],
    cwd: home.path,
    clearEnv: true,
    env: { HOME: home.path, PATH, SHELL: "/bin/sh", DENO_DIR: parentDenoDir(), NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const said = new TextDecoder().decode(link.stderr);
  assert.equal(link.code, 0, said);
  const bin = `${home.path}/.openclaw/bin`;
  const launcher = await Deno.readTextFile(`${bin}/openclaw`);
  assert.ok(!launcher.includes("/_npx/"), launcher);
  assert.match(await Deno.readTextFile(`${home.path}/.profile`), /openclaw-env\.sh/);

  // In a new terminal (the env script sourced): plain `openclaw`.
  const linked = `${bin}:${PATH}`;
  const status = allOutput(
    await runCli(["--profile", "work", "status"], {
      home: home.path,
      env: { PATH: linked },
    }),
  );
  const commands = extractCommands(status, "openclaw --profile work");
  assert.ok(commands.some((c) => c.endsWith("gateway run")), status);
  const results = await parseCheck(commands, { HOME: home.path, PATH: linked });
  assert.deepEqual(results.filter((r) => r.code !== 0), []);

  // In this terminal (PATH not updated yet): the launcher by its path.
  const here = allOutput(await runCli(["status"], { home: home.path, env: { PATH } }));
  const byPath = extractCommands(here, "~/.openclaw/bin/openclaw");
  assert.ok(byPath.length > 0, here);
  assert.deepEqual((await parseCheck(byPath, { HOME: home.path, PATH })).filter((r) => r.code), []);
});

Deno.test("printed commands: the finish screen of an Advanced run (scripted) prints commands that run", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const PATH = Deno.env.get("PATH") ?? "/usr/bin:/bin";
  const host = testHost({
    home: home.path,
    env: { PATH, OPENCLAW_SKIP_AUTH_CHECK: "1", OPENCLAW_TELEGRAM_API_BASE: api.base, USER: "ada" },
    // No systemctl here: the service step explains and offers another way.
  });
  const before = currentInvocation();
  setInvocation(await detectInvocation(host, currentRuntime()));
  try {
    const p = new ScriptedPrompter({
      "risk.accept": true,
      flow: "advanced",
      "auth.provider": "skip",
      workspace: "~/.openclaw/workspace",
      "gateway.port": String(freePort()),
      "gateway.bind": "loopback",
      "gateway.auth": "token",
      "gateway.token": "",
      "gateway.tailscale": "off",
      "channels.select": ["telegram"],
      "channels.telegram.botToken": GOOD_TELEGRAM_TOKEN,
      "channels.telegram.dmPolicy": "pairing",
      "daemon.install": true,
      "daemon.fallback": "skip",
      "skills.nodeManager": "npm",
      "skills.install": [],
    });
    const paths = resolvePaths(host);
    const options = parseOnboardOptions({});
    assert.equal(await runOnboard({ host, paths, options, prompter: p, command: "onboard" }), 0);
    const text = [
      ...p.transcript.map((t) => `${t.title ?? ""}\n${t.message}`),
      host.out.join(""),
      host.err.join(""),
    ].join("\n");
    assert.deepEqual(bareCommands(text), [], text);
    const commands = extractCommands(text, `deno run -q -A ${MAIN_TS}`);
    for (const want of ["onboard --non-interactive", "pairing approve", "gateway run", "doctor"]) {
      assert.ok(
        commands.some((c) => c.includes(want)),
        `no "${want}" among:\n${commands.join("\n")}`,
      );
    }
    const refused = (await parseCheck(commands, { HOME: home.path, PATH }))
      .filter((r) => r.code !== 0);
    assert.deepEqual(refused.map((r) => `${r.command}\n  -> ${r.output.trim()}`), []);

    // The same setup without questions runs for real (as a dry run, on a fresh HOME).
    const same = commands.find((c) => c.includes(" onboard --non-interactive"))!;
    await using fresh = await tempDir();
    const dry = await new Deno.Command("sh", {
      args: ["-c", `${same} --dry-run`],
      cwd: fresh.path,
      clearEnv: true,
      env: {
        HOME: fresh.path,
        PATH,
        DENO_DIR: parentDenoDir(),
        NO_COLOR: "1",
        OPENCLAW_SKIP_AUTH_CHECK: "1",
        OPENCLAW_TELEGRAM_API_BASE: api.base,
        TELEGRAM_BOT_TOKEN: GOOD_TELEGRAM_TOKEN,
      },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const said = new TextDecoder().decode(dry.stdout) + new TextDecoder().decode(dry.stderr);
    assert.equal(dry.code, 0, `${same} --dry-run\n${said}`);
    assert.match(said, /Dry run: nothing was written/);
  } finally {
    setInvocation(before);
  }
});
