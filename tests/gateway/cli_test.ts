/**
 * The gateway commands as a user runs them (`deno run -A main.ts …` in a
 * subprocess with a temp HOME): `gateway run` with SIGTERM/SIGINT shutdown,
 * `health` and `status` against it and against nothing, unsafe binds
 * refused, Tailscale serve/funnel through a fake `tailscale` on PATH, and
 * the onboarding health check.
 */
import assert from "node:assert/strict";
import { exists, ONBOARD_FLAGS, readJson, runCli } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { gatewayArgv, spawnGateway, testGateway } from "./harness.ts";
import { callGateway, GatewayCallError } from "../../lib/gateway/client.ts";
import { freePort } from "../helpers/ports.ts";
import { onboarded as onboardedInProcess } from "../helpers/onboarded.ts";

/** Onboarded for `port` (setup, in-process: the subject is what the gateway does next). */
function onboarded(home: string, port: number, extra: Record<string, string> = {}): Promise<void> {
  return onboardedInProcess(home, { gatewayPort: String(port), ...extra });
}

/** `openclaw gateway run …` in the background (under `wrapper`, e.g. another mount namespace). */
const gatewayRun = (
  home: string,
  args: string[] = [],
  env: Record<string, string> = {},
  wrapper: string[] = [],
) => spawnGateway(home, [...wrapper, ...gatewayArgv(args)], env);

Deno.test("gateway run, then health and status answer; SIGTERM stops it cleanly", async () => {
  await using home = await tempDir();
  const port = freePort();
  await onboarded(home.path, port);
  const config = await readJson(`${home.path}/.openclaw/openclaw.json`);
  await using gw = await gatewayRun(home.path);
  assert.match(gw.stdout(), new RegExp(`Gateway running on ws://127\\.0\\.0\\.1:${port}/`));
  assert.match(gw.stdout(), /Control UI: http:\/\/127\.0\.0\.1:\d+\//);

  const health = await runCli(["health"], { home: home.path });
  assert.equal(health.code, 0, health.stderr);
  assert.match(health.stdout, /Gateway\s+ok/);
  assert.match(health.stdout, /Auth\s+token/);
  assert.match(health.stdout, /\(valid\)/);

  const json = await runCli(["health", "--json"], { home: home.path });
  assert.equal(json.code, 0);
  const h = JSON.parse(json.stdout);
  assert.equal(h.ok, true);
  assert.equal(h.health.bind.port, port);

  const deep = await runCli(["status", "--deep", "--json"], { home: home.path });
  assert.equal(deep.code, 0, deep.stderr);
  const s = JSON.parse(deep.stdout);
  assert.equal(s.status.gateway.authMode, "token");
  assert.equal(s.health.status, "ok");
  const plain = await runCli(["status"], { home: home.path });
  assert.match(plain.stdout, /Gateway\s+running/);
  assert.ok(!plain.stdout.includes("Health probes"), "--deep adds the probes");

  // A wrong token from the environment is refused with a clear message.
  const wrong = await runCli(["health"], {
    home: home.path,
    env: { OPENCLAW_GATEWAY_TOKEN: "wrong-token-value" },
  });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /refused our credentials/);

  assert.ok(await exists(`${home.path}/.openclaw/gateway.pid`));
  assert.equal(await gw.stop("SIGTERM"), 0);
  assert.match(gw.stderr(), /gateway stopped/);
  assert.equal(await exists(`${home.path}/.openclaw/gateway.pid`), false);
  for (const text of [gw.stdout(), gw.stderr(), health.stdout, json.stdout, deep.stdout]) {
    assert.ok(!text.includes(config.gateway.auth.token), "the token never appears");
  }
});

Deno.test("SIGINT stops the gateway with exit 0 too", async () => {
  await using home = await tempDir();
  await onboarded(home.path, freePort());
  await using gw = await gatewayRun(home.path);
  assert.match(gw.stdout(), /Gateway running/);
  assert.equal(await gw.stop("SIGINT"), 0);
});

Deno.test("health and status with no gateway: say so, say how to start it, exit 1", async () => {
  await using home = await tempDir();
  await onboarded(home.path, freePort());
  for (const cmd of [["health"], ["status"], ["status", "--deep"]]) {
    const r = await runCli([...cmd, "--timeout", "3000"], { home: home.path });
    assert.equal(r.code, 1, cmd.join(" "));
    assert.match(r.stderr, /not running/);
    assert.match(r.stderr, /(openclaw|main\.ts) gateway run/);
  }
  const json = await runCli(["health", "--json"], { home: home.path });
  assert.equal(json.code, 1);
  assert.equal(JSON.parse(json.stdout).error.kind, "unreachable");
  const bad = await runCli(["health", "--timeout", "soon"], { home: home.path });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--timeout/);
});

Deno.test("gateway run refuses a non-loopback bind without auth, and funnel without a password", async () => {
  await using home = await tempDir();
  const port = String(freePort());
  const lan = await runCli(["gateway", "run", "--port", port, "--bind", "lan", "--auth", "none"], {
    home: home.path,
  });
  assert.equal(lan.code, 1);
  assert.match(lan.stderr, /Refusing to listen on 0\.0\.0\.0 without auth/);
  const funnel = await runCli(
    ["gateway", "run", "--port", port, "--token", "a-token-123456", "--tailscale", "funnel"],
    { home: home.path },
  );
  assert.equal(funnel.code, 1);
  assert.match(funnel.stderr, /funnel .* needs password auth/);
  // `openclaw gateway` alone is `gateway run`, flags included.
  const bare = await runCli(["gateway", "--port", port, "--bind", "lan", "--auth", "none"], {
    home: home.path,
  });
  assert.equal(bare.code, 1);
  assert.match(bare.stderr, /Refusing to listen on 0\.0\.0\.0/);
  const badPort = await runCli(["gateway", "run", "--port", "70000"], { home: home.path });
  assert.equal(badPort.code, 2);
  assert.match(badPort.stderr, /--port/);
});

/** A fake `tailscale` that logs its arguments and knows `ip -4`. */
async function fakeTailscale(dir: string): Promise<{ bin: string; log: string }> {
  const bin = `${dir}/bin`;
  const log = `${dir}/tailscale.log`;
  await Deno.mkdir(bin, { recursive: true });
  await Deno.writeTextFile(
    `${bin}/tailscale`,
    `#!/bin/sh\necho "$*" >> '${log}'\nif [ "$1" = ip ]; then echo 100.101.102.103; fi\nexit 0\n`,
    { mode: 0o755 },
  );
  return { bin, log };
}

Deno.test("tailscale serve and funnel are switched on at start and off at stop", async (t) => {
  await using home = await tempDir();
  const ts = await fakeTailscale(home.path);
  const PATH = `${ts.bin}:${Deno.env.get("PATH")}`;
  await t.step("serve with token auth", async () => {
    const port = freePort();
    await using gw = await gatewayRun(
      home.path,
      ["--port", String(port), "--token", "serve-token-123456", "--tailscale", "serve"],
      { PATH },
    );
    assert.match(gw.stdout(), /Gateway running/, gw.stderr());
    assert.equal(await gw.stop(), 0);
    const log = await Deno.readTextFile(ts.log);
    assert.ok(log.includes(`serve --bg --yes --https=443 http://127.0.0.1:${port}`), log);
    assert.ok(log.trim().endsWith("serve --https=443 off"), log);
  });
  await t.step("funnel with password auth", async () => {
    await Deno.remove(ts.log);
    const port = freePort();
    await using gw = await gatewayRun(
      home.path,
      [
        "--port",
        String(port),
        "--auth",
        "password",
        "--password",
        "funnel-pass-123",
        "--tailscale",
        "funnel",
      ],
      { PATH },
    );
    assert.match(gw.stdout(), /Gateway running/, gw.stderr());
    assert.equal(await gw.stop(), 0);
    const log = await Deno.readTextFile(ts.log);
    assert.ok(log.includes(`funnel --bg --yes --https=443 http://127.0.0.1:${port}`), log);
    assert.ok(log.trim().endsWith("funnel --https=443 off"), log);
    assert.ok(!gw.stderr().includes("funnel-pass-123"));
  });
  await t.step(
    "tailnet bind listens on the tailscale address (refused here: not ours)",
    async () => {
      const r = await runCli(
        [
          "gateway",
          "run",
          "--port",
          String(freePort()),
          "--bind",
          "tailnet",
          "--token",
          "tailnet-token-1234",
        ],
        { home: home.path, env: { PATH } },
      );
      // The fake's 100.101.102.103 is not an address of this machine: a clear refusal, not a crash.
      assert.equal(r.code, 1);
      assert.match(r.stderr, /100\.101\.102\.103/);
    },
  );
});

Deno.test("onboarding runs the health check: starts the gateway for it and stops it after", async () => {
  await using home = await tempDir();
  const port = freePort();
  const flags = ONBOARD_FLAGS.filter((f) => f !== "--skip-health");
  const r = await runCli(["onboard", ...flags, "--gateway-port", String(port)], {
    home: home.path,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Health check passed/);
  assert.match(r.stdout, new RegExp(`started on ws://127\\.0\\.0\\.1:${port}/`));
  // The next step points to the signed-in link (its SSH tunnel hint is dashboard's).
  assert.match(r.stdout, /Open the Control UI, signed in:\s+\S.*(openclaw|main\.ts) dashboard/);
  // Stopped again: nothing listens on the port any more.
  const again = Deno.listen({ hostname: "127.0.0.1", port });
  again.close();

  // With the gateway already running, the check uses it.
  await using gw = await gatewayRun(home.path);
  const second = await runCli(["onboard", ...flags, "--gateway-port", String(port)], {
    home: home.path,
  });
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /Health check passed/);
  assert.match(second.stdout, /is ok/);
  assert.equal(await gw.stop(), 0);

  const skipped = await runCli(["onboard", ...ONBOARD_FLAGS, "--gateway-port", String(port)], {
    home: home.path,
  });
  assert.ok(!skipped.stdout.includes("Health check"), "--skip-health skips it");
});

Deno.test("gateway run --force stops the previous gateway recorded in the state folder", async () => {
  await using home = await tempDir();
  await onboarded(home.path, freePort());
  await using first = await gatewayRun(home.path);
  assert.match(first.stdout(), /Gateway running/);
  // Without --force the port is taken: a clear message, exit 1.
  const clash = await runCli(["gateway", "run"], { home: home.path });
  assert.equal(clash.code, 1);
  assert.match(clash.stderr, /already in use/);
  assert.match(clash.stderr, /--force/);
  await using second = await gatewayRun(home.path, ["--force"]);
  assert.match(second.stdout(), /Gateway running/, second.stderr());
  assert.match(second.stderr(), /Stopping the previous gateway/);
  assert.equal(await first.stop(), 0, "the first one exited cleanly on SIGTERM");
  const health = await runCli(["health", "--json"], { home: home.path });
  assert.equal(JSON.parse(health.stdout).health.pid, second.child.pid);
  assert.equal(await second.stop(), 0);
});

Deno.test("gateway run --force does not signal a process that is not our gateway (stale pid file)", async () => {
  await using home = await tempDir();
  const port = freePort();
  await onboarded(home.path, port);
  // An unrelated program whose PID ended up in gateway.pid (a reused PID, or a hand-edited file).
  const sleeper = new Deno.Command("sleep", { args: ["30"], stdin: "null" }).spawn();
  try {
    const pidFile = `${home.path}/.openclaw/gateway.pid`;
    await Deno.writeTextFile(
      pidFile,
      JSON.stringify({ pid: sleeper.pid, port, hostname: "127.0.0.1" }) + "\n",
    );
    await using gw = await gatewayRun(home.path, ["--force"]);
    assert.match(gw.stdout(), /Gateway running/, gw.stderr());
    assert.match(gw.stderr(), /not an openclaw gateway/);
    assert.doesNotMatch(gw.stderr(), /Stopping the previous gateway/);
    // Still alive: signal 0 reaches it.
    Deno.kill(sleeper.pid, "SIGCONT");
    const rec = JSON.parse(await Deno.readTextFile(pidFile));
    assert.equal(rec.pid, gw.child.pid, "the stale record was replaced by this gateway's own");
    assert.equal(await gw.stop(), 0);
  } finally {
    try {
      sleeper.kill("SIGKILL");
    } catch {
      // before the fix --force had already killed it
    }
    await sleeper.status;
  }
});

Deno.test("a read-only state folder: the gateway runs without its pid file and says so", async () => {
  await using home = await tempDir();
  await onboarded(home.path, freePort());
  const stateDir = `${home.path}/.openclaw`;
  await Deno.chmod(stateDir, 0o500);
  // Root writes through file modes: there the folder is made read-only by a read-only bind
  // mount that only the gateway process sees (its own mount namespace).
  const wrapper = Deno.uid() === 0
    ? ["unshare", "-m", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"', stateDir]
    : [];
  try {
    await using gw = await gatewayRun(home.path, [], {}, wrapper);
    assert.match(gw.stdout(), /Gateway running/, gw.stderr());
    assert.match(gw.stderr(), /running without .*gateway\.pid/);
    const health = await runCli(["health", "--json"], { home: home.path });
    assert.equal(JSON.parse(health.stdout).health.pid, gw.child.pid);
    assert.equal(await gw.stop(), 0);
  } finally {
    await Deno.chmod(stateDir, 0o700);
  }
});

Deno.test("openclaw health against a gateway that rate limits this client says so, with the wait", async () => {
  await using gw = await testGateway({
    limits: { failedConnects: { maxFailures: 3, globalMaxFailures: 100, windowMs: 60_000 } },
  });
  await Deno.mkdir(`${gw.home}/.openclaw`, { recursive: true });
  // This machine's config carries an old token (rotated since, say).
  await Deno.writeTextFile(
    `${gw.home}/.openclaw/openclaw.json`,
    JSON.stringify({
      gateway: { port: gw.port, auth: { mode: "token", token: "old-token-0123456789" } },
    }),
  );
  for (let i = 0; i < 3; i++) {
    const r = await runCli(["health"], { home: gw.home });
    assert.match(r.stderr, /refused our credentials/);
  }
  const limited = await runCli(["health"], { home: gw.home });
  assert.equal(limited.code, 1);
  assert.doesNotMatch(limited.stderr, /not running/);
  assert.match(limited.stderr, /rate limited .*retry in \d+ s/s);
});

Deno.test("a loopback gateway does not announce itself on the LAN, and its log says so", async () => {
  await using home = await tempDir();
  await onboarded(home.path, freePort());
  const bin = `${home.path}/bin`;
  await Deno.mkdir(bin);
  const ran = `${home.path}/avahi-ran.txt`;
  await Deno.writeTextFile(
    `${bin}/avahi-publish`,
    `#!/bin/sh\necho "$@" > '${ran}'\nexec sleep 30\n`,
    {
      mode: 0o755,
    },
  );
  await using gw = await gatewayRun(home.path, [], {
    PATH: `${bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
  });
  assert.match(gw.stdout(), /Gateway running/, gw.stderr());
  const deadline = Date.now() + 5000;
  while (!/announce/.test(gw.stderr()) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.match(gw.stderr(), /not announced on the local network: .*127\.0\.0\.1/);
  assert.doesNotMatch(gw.stderr(), /\bannounced on the local network with/);
  assert.equal(await exists(ran), false, "avahi-publish never ran");
  assert.equal(await gw.stop(), 0);
});

Deno.test("a token rotated by onboard works on the running gateway at once, and the old one stops working", async () => {
  await using home = await tempDir();
  const port = freePort();
  await onboarded(home.path, port);
  const configPath = `${home.path}/.openclaw/openclaw.json`;
  const oldToken = (await readJson(configPath)).gateway.auth.token as string;
  await using gw = await gatewayRun(home.path);
  assert.match(gw.stdout(), /Gateway running/, gw.stderr());
  const url = `ws://127.0.0.1:${port}/`;
  const ask = (token: string) =>
    callGateway<{ ok: boolean }>({ url, token, method: "health", timeoutMs: 3000 }).then(
      (h) => (h.ok ? "ok" : "not ok"),
      (e) => (e instanceof GatewayCallError ? e.kind : String(e)),
    );
  assert.equal(await ask(oldToken), "ok");
  const newToken = "rotated-token-0123456789abcdef";
  await onboarded(home.path, port, { gatewayAuth: "token", gatewayToken: newToken });
  assert.equal((await readJson(configPath)).gateway.auth.token, newToken);
  assert.equal(await ask(newToken), "ok", "the new token is accepted without a restart");
  assert.equal(await ask(oldToken), "auth", "the old token no longer opens new connections");
  assert.match(gw.stderr(), /auth reloaded from the config/);
  assert.doesNotMatch(gw.stderr(), new RegExp(newToken), "the log never holds the secret");
  assert.equal(await gw.stop(), 0);
});

Deno.test("a token given to gateway run by flag or env still wins over a rotated config", async () => {
  await using home = await tempDir();
  const port = freePort();
  await onboarded(home.path, port);
  const pinned = "pinned-env-token-0123456789";
  await using gw = await gatewayRun(home.path, [], { OPENCLAW_GATEWAY_TOKEN: pinned });
  assert.match(gw.stdout(), /Gateway running/, gw.stderr());
  await onboarded(home.path, port, {
    gatewayAuth: "token",
    gatewayToken: "config-token-0123456789",
  });
  const r = await callGateway<{ ok: boolean }>({
    url: `ws://127.0.0.1:${port}/`,
    token: pinned,
    method: "health",
    timeoutMs: 3000,
  });
  assert.equal(r.ok, true);
  for (let i = 0; i < 100 && !/wins/.test(gw.stderr()); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.match(gw.stderr(), /OPENCLAW_GATEWAY_TOKEN given to this gateway wins/);
  assert.equal(await gw.stop(), 0);
});

Deno.test("gateway run --force: a record whose start time is not the process's (a reused PID) is stale", async () => {
  await using home = await tempDir();
  await onboarded(home.path, freePort());
  await using first = await gatewayRun(home.path);
  assert.match(first.stdout(), /Gateway running/, first.stderr());
  const pidFile = `${home.path}/.openclaw/gateway.pid`;
  const rec = JSON.parse(await Deno.readTextFile(pidFile));
  assert.equal(rec.pid, first.child.pid);
  assert.ok(rec.startTime, "the record holds the process start time");
  // The same PID, but the record says it started at another time: not the process we recorded.
  await Deno.writeTextFile(pidFile, JSON.stringify({ ...rec, startTime: "1" }) + "\n");
  const second = await runCli(["gateway", "run", "--force"], { home: home.path });
  assert.match(second.stderr, /not an openclaw gateway of this state folder .*started later/);
  assert.match(second.stderr, /already in use/, "so the port is still taken");
  assert.equal(await first.stop(), 0, "the first gateway was never signalled and stops cleanly");
});
