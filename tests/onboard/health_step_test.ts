/**
 * The onboarding health check as a step (scripted prompter, temp HOME): a
 * port held by some other program is a warning that says so, not a crash.
 */
import assert from "node:assert/strict";
import { healthCheckStep } from "../../lib/gateway/health-check.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { ScriptedPrompter } from "../../lib/wizard/scripted-prompter.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import { testGateway, TOKEN } from "../gateway/harness.ts";
import { freePort } from "../helpers/ports.ts";

Deno.test("health check: a port taken by another program is reported with the fix", async () => {
  await using home = await tempDir();
  // Something that is not a gateway: plain HTTP answering 404 to the upgrade.
  const other = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => new Response("not here", { status: 404 }),
  );
  try {
    const host = testHost({ home: home.path });
    const paths = resolvePaths(host);
    await Deno.mkdir(paths.stateDir, { recursive: true });
    await Deno.writeTextFile(
      paths.configPath,
      JSON.stringify({
        gateway: { port: other.addr.port, auth: { mode: "token", token: "tok-12345678" } },
      }),
    );
    const p = new ScriptedPrompter({});
    const outcome = await healthCheckStep({ host, paths, prompter: p });
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, new RegExp(`Port ${other.addr.port} .* already in use`));
    const note = p.transcript.find((t) => t.kind === "note" && t.title === "Health check");
    assert.ok(note, "the result is shown");
    assert.ok(!note.message.includes("tok-12345678"));
  } finally {
    await other.shutdown();
  }
});

Deno.test("health check: an installed service that is not running is started and asked", async () => {
  await using home = await tempDir();
  const port = freePort();
  // "systemctl --user start" brings up a real gateway on the configured port.
  let started: Awaited<ReturnType<typeof testGateway>> | undefined;
  const calls: string[] = [];
  const host = testHost({
    home: home.path,
    env: { USER: "ada", OPENCLAW_SKIP_AUTH_CHECK: "1" },
    runner: async (cmd, args) => {
      calls.push([cmd, ...args].join(" "));
      if (cmd === "systemctl" && args.includes("start")) {
        started = await testGateway({ settings: { port } });
      }
      const show = args.includes("show") ? "LoadState=loaded\nActiveState=inactive\n" : "";
      return { code: 0, stdout: args[0] === "--version" ? "systemd 252\n" : show, stderr: "" };
    },
  });
  try {
    const paths = resolvePaths(host);
    await Deno.mkdir(paths.stateDir, { recursive: true });
    await Deno.writeTextFile(
      paths.configPath,
      JSON.stringify({ gateway: { port, auth: { mode: "token", token: TOKEN } } }),
    );
    const unitDir = `${home.path}/.config/systemd/user`;
    await Deno.mkdir(unitDir, { recursive: true });
    await Deno.writeTextFile(
      `${unitDir}/openclaw-gateway.service`,
      `[Service]\nExecStart=/usr/bin/openclaw gateway run --port ${port}\n`,
    );
    const outcome = await healthCheckStep({ host, paths, prompter: new ScriptedPrompter({}) });
    assert.equal(outcome.ok, true, outcome.message);
    assert.equal(outcome.how, "service");
    assert.ok(calls.includes("systemctl --user start openclaw-gateway.service"), calls.join("\n"));
  } finally {
    await started?.[Symbol.asyncDispose]();
  }
});

async function writeGatewayConfig(home: string, port: number) {
  const host = testHost({ home, env: { OPENCLAW_SKIP_AUTH_CHECK: "1" } });
  const paths = resolvePaths(host);
  await Deno.mkdir(paths.stateDir, { recursive: true });
  await Deno.writeTextFile(
    paths.configPath,
    JSON.stringify({ gateway: { port, auth: { mode: "token", token: TOKEN } } }),
  );
  return { host, paths };
}

Deno.test("health check: a port in use gives onboarding's fixes, not gateway run's --port/--force", async () => {
  await using home = await tempDir();
  const other = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => new Response("not here", { status: 404 }),
  );
  try {
    const { host, paths } = await writeGatewayConfig(home.path, other.addr.port);
    const outcome = await healthCheckStep({ host, paths, prompter: new ScriptedPrompter({}) });
    assert.equal(outcome.ok, false);
    assert.doesNotMatch(outcome.message, /--force|with --port/);
    assert.match(outcome.message, /configure --section gateway/);
  } finally {
    await other.shutdown();
  }
});

Deno.test("health check: a gateway started in the background is waited for, never replaced by a check gateway", async () => {
  await using home = await tempDir();
  const port = freePort();
  const { host, paths } = await writeGatewayConfig(home.path, port);
  // The background gateway comes up a moment after the step begins to ask.
  let started: Awaited<ReturnType<typeof testGateway>> | undefined;
  const late = new Promise<void>((resolve) =>
    setTimeout(async () => {
      started = await testGateway({ settings: { port } });
      resolve();
    }, 300)
  );
  try {
    const p = new ScriptedPrompter({});
    const outcome = await healthCheckStep({ host, paths, prompter: p, background: true });
    await late;
    assert.equal(outcome.ok, true, outcome.message);
    assert.equal(outcome.how, "background");
    assert.doesNotMatch(outcome.message, /stopped again/);
  } finally {
    await late;
    await started?.[Symbol.asyncDispose]();
  }
});

Deno.test("health check: a gateway run only for the check says nothing runs it; the command is not in the note", async () => {
  await using home = await tempDir();
  const { host, paths } = await writeGatewayConfig(home.path, freePort());
  const p = new ScriptedPrompter({});
  const outcome = await healthCheckStep({ host, paths, prompter: p });
  assert.equal(outcome.how, "started");
  const note = p.transcript.find((t) => t.kind === "note" && t.title === "Health check")!;
  assert.doesNotMatch(note.message, /gateway run/);
  assert.match(note.message, /nothing runs it yet/);
});
