/**
 * The gateway's pure parts: secret comparison, the failed-connect limiter,
 * settings precedence and refusals, the Origin rule, and the texts users
 * read (health/status reports, failures, the Control UI hint).
 */
import { ConfigAuthSource } from "../../lib/gateway/auth-reload.ts";
import assert from "node:assert/strict";
import { checkAuth, constantTimeEqual, FailedConnectLimiter } from "../../lib/gateway/auth.ts";
import {
  gatewaySettingsFromConfig,
  isLoopbackHost,
  resolveListenHost,
} from "../../lib/gateway/settings.ts";
import { sameOrigin } from "../../lib/gateway/server.ts";
import { exposeArgs, unexposeArgs } from "../../lib/gateway/tailscale.ts";
import { formatDuration, renderCallFailure, renderHealth } from "../../lib/gateway/report.ts";
import { GatewayCallError } from "../../lib/gateway/client.ts";
import { hasGui } from "../../lib/platform/browser.ts";
import { ActionableError, UsageError } from "../../lib/errors.ts";
import { testHost } from "../helpers/host.ts";

Deno.test("constant-time comparison is exact, and auth checks the right secret per mode", () => {
  assert.equal(constantTimeEqual("abc", "abc"), true);
  assert.equal(constantTimeEqual("abc", "abd"), false);
  assert.equal(constantTimeEqual("abc", "abcd"), false);
  assert.equal(constantTimeEqual("", ""), true);
  assert.equal(constantTimeEqual("é", "e"), false);
  const token = { mode: "token" as const, token: "tok-123456" };
  assert.deepEqual(checkAuth(token, { token: "tok-123456" }), { ok: true });
  assert.equal(checkAuth(token, { password: "tok-123456" }).ok, false);
  assert.equal(checkAuth(token, undefined).ok, false);
  const pw = { mode: "password" as const, password: "pw-123456" };
  assert.equal(checkAuth(pw, { password: "pw-123456" }).ok, true);
  assert.equal(checkAuth(pw, { token: "pw-123456" }).ok, false);
  assert.equal(checkAuth({ mode: "none" }, undefined).ok, true);
});

Deno.test("the limiter limits an address after N failures, all addresses after M, then forgives", () => {
  let now = 0;
  const l = new FailedConnectLimiter(
    { maxFailures: 3, globalMaxFailures: 5, windowMs: 1000 },
    () => now,
  );
  for (let i = 0; i < 3; i++) l.recordFailure("10.0.0.1");
  assert.equal(l.blocked("10.0.0.1"), true);
  assert.equal(l.blocked("10.0.0.2"), false, "per address");
  assert.equal(l.retryAfterSeconds("10.0.0.1"), 1);
  l.recordFailure("10.0.0.3");
  l.recordFailure("10.0.0.4");
  assert.equal(l.blocked("10.9.9.9"), true, "the global budget (5) is spent: every address waits");
  now = 1001;
  assert.equal(l.blocked("10.0.0.1"), false);
  assert.equal(l.blocked("10.9.9.9"), false);
  // Rotating addresses cannot grow memory without bound.
  for (let i = 0; i < 20_000; i++) l.recordFailure(`fd00::${i.toString(16)}`);
  // deno-lint-ignore no-explicit-any -- peeking at the private map's size
  assert.ok((l as any).failures.size <= 10_000);
});

Deno.test("settings: flags over env over config; secrets imply their mode; refusals", async () => {
  const env = (vars: Record<string, string>) => (n: string) => vars[n];
  const config = {
    gateway: {
      port: 18800,
      bind: "loopback" as const,
      auth: { mode: "token" as const, token: "cfg-token-1" },
    },
  };
  const fromCfg = gatewaySettingsFromConfig(config, {}, env({}));
  assert.equal(fromCfg.port, 18800);
  assert.deepEqual(fromCfg.auth, { mode: "token", token: "cfg-token-1", password: undefined });
  assert.equal(
    gatewaySettingsFromConfig(config, {}, env({ OPENCLAW_GATEWAY_TOKEN: "env-token" })).auth.token,
    "env-token",
  );
  assert.equal(
    gatewaySettingsFromConfig(config, { token: "flag-token" }, env({})).auth.token,
    "flag-token",
  );
  assert.equal(
    gatewaySettingsFromConfig(config, { password: "flag-pass-1" }, env({})).auth.mode,
    "password",
  );
  assert.equal(
    gatewaySettingsFromConfig({}, {}, env({})).auth.mode,
    "none",
    "no config: loopback, no auth",
  );
  assert.throws(() => gatewaySettingsFromConfig({}, { port: "0" }, env({})), UsageError);
  assert.throws(() => gatewaySettingsFromConfig({}, { auth: "token" }, env({})), /no token is set/);
  assert.throws(
    () => gatewaySettingsFromConfig({}, { token: "t-123456", tailscale: "funnel" }, env({})),
    /needs password auth/,
  );
  assert.throws(() => gatewaySettingsFromConfig({}, { tailscale: "serve" }, env({})), /needs auth/);

  const host = testHost({ home: "/nonexistent" });
  const none = gatewaySettingsFromConfig({}, {}, env({}));
  assert.equal(await resolveListenHost(host, none), "127.0.0.1");
  await assert.rejects(resolveListenHost(host, { ...none, bind: "lan" }), ActionableError);
  await assert.rejects(
    resolveListenHost(host, { ...none, bind: "custom", customBindHost: "192.168.1.5" }),
    /without auth/,
  );
  await assert.rejects(
    resolveListenHost(host, { ...none, bind: "tailnet", auth: { mode: "token", token: "x" } }),
    /Tailscale/,
  );
  const withTs = testHost({
    home: "/nonexistent",
    onPath: ["tailscale"],
    runner: () => ({ code: 0, stdout: "100.64.0.7\n", stderr: "" }),
  });
  const tokenAuth = { ...none, auth: { mode: "token" as const, token: "t" } };
  assert.equal(await resolveListenHost(withTs, { ...tokenAuth, bind: "tailnet" }), "100.64.0.7");
  assert.equal(await resolveListenHost(withTs, { ...tokenAuth, bind: "auto" }), "100.64.0.7");
  assert.equal(await resolveListenHost(host, { ...tokenAuth, bind: "auto" }), "127.0.0.1");
  assert.equal(isLoopbackHost("127.0.0.2"), true);
  assert.equal(isLoopbackHost("[::1]"), true);
  assert.equal(isLoopbackHost("0.0.0.0"), false);
});

Deno.test("Origin must be this very host:port; tailscale commands undo only what they did", () => {
  assert.equal(sameOrigin("http://127.0.0.1:18789", "127.0.0.1:18789"), true);
  assert.equal(sameOrigin("https://gw.tailnet.ts.net", "gw.tailnet.ts.net"), true);
  assert.equal(sameOrigin("http://127.0.0.1:18790", "127.0.0.1:18789"), false);
  assert.equal(sameOrigin("http://evil.example", "127.0.0.1:18789"), false);
  assert.equal(sameOrigin("null", "127.0.0.1:18789"), false);
  assert.equal(sameOrigin("http://127.0.0.1:18789", null), false);
  assert.deepEqual(exposeArgs("serve", 18789), [
    "serve",
    "--bg",
    "--yes",
    "--https=443",
    "http://127.0.0.1:18789",
  ]);
  assert.deepEqual(unexposeArgs("funnel"), ["funnel", "--https=443", "off"]);
});

Deno.test("reports: health text, failures that say what to do, durations", () => {
  const text = renderHealth(
    {
      ok: true,
      status: "degraded",
      version: "0.1.0",
      pid: 42,
      uptimeMs: 3_725_000,
      config: {
        path: "/home/me/.openclaw/openclaw.json",
        valid: false,
        problems: ["gateway.port: bad"],
      },
      auth: { mode: "token" },
      bind: { mode: "loopback", host: "127.0.0.1", port: 18789 },
      tailscale: { mode: "off" },
      channels: [],
      agent: {
        lastTurn: {
          ok: false,
          at: "2026-12-02T06:00:00.000Z",
          sessionKey: "main",
          model: "anthropic/claude-x",
          errorKind: "auth",
        },
      },
    },
    "ws://127.0.0.1:18789/",
    "/home/me",
  );
  assert.match(
    text,
    /^Agent\s+the last turn failed: auth \(anthropic\/claude-x\) at 2026-12-02T06:00:00\.000Z$/m,
  );
  assert.match(text, /^Gateway\s+degraded · openclaw 0\.1\.0 · up 1h 2m · pid 42$/m);
  assert.match(text, /~\/\.openclaw\/openclaw\.json \(NOT valid: gateway\.port: bad\)/);
  assert.match(text, /openclaw doctor/);
  assert.equal(formatDuration(59_000), "59s");
  assert.equal(formatDuration(3 * 86_400_000), "3d 0h");
  const down = renderCallFailure(
    new GatewayCallError("unreachable", "x"),
    "ws://127.0.0.1:1/",
    false,
  );
  assert.match(down, /not running/);
  assert.match(down, /openclaw gateway run/);
  assert.match(
    renderCallFailure(new GatewayCallError("unreachable", "x"), "ws://gw:1/", true),
    /SSH tunnel or tailnet/,
  );
  assert.match(
    renderCallFailure(new GatewayCallError("auth", "no"), "u", false),
    /OPENCLAW_GATEWAY_TOKEN/,
  );
  assert.match(renderCallFailure(new GatewayCallError("timeout", "slow"), "u", false), /--timeout/);
});

Deno.test("Control UI: a GUI only with a display and outside an SSH session", () => {
  const linux = (env: Record<string, string>) =>
    hasGui(testHost({ home: "/x", env, platform: "linux" }));
  assert.equal(linux({}), false);
  assert.equal(linux({ DISPLAY: ":0" }), true);
  assert.equal(linux({ WAYLAND_DISPLAY: "wayland-0" }), true);
  assert.equal(linux({ DISPLAY: ":0", SSH_CONNECTION: "1 2 3 4" }), false);
  assert.equal(hasGui(testHost({ home: "/x", platform: "darwin" })), true);
  assert.equal(
    hasGui(testHost({ home: "/x", platform: "darwin", env: { SSH_TTY: "/dev/pts/1" } })),
    false,
  );
});

Deno.test("the CLI's target: this machine's gateway, or the remote one in remote mode", async () => {
  const { gatewayTarget } = await import("../../lib/gateway/target.ts");
  const host = testHost({ home: "/x" });
  const local = await gatewayTarget(host, {
    gateway: { port: 18800, auth: { mode: "token", token: "local-token" } },
  });
  assert.deepEqual(local, {
    url: "ws://127.0.0.1:18800/",
    token: "local-token",
    password: undefined,
    remote: false,
    port: 18800,
  });
  const custom = await gatewayTarget(host, {
    gateway: {
      bind: "custom",
      customBindHost: "10.1.2.3",
      auth: { mode: "password", password: "pw-12345678" },
    },
  });
  assert.equal(custom.url, "ws://10.1.2.3:18789/");
  assert.equal(custom.password, "pw-12345678");
  assert.equal(custom.token, undefined);
  const remote = await gatewayTarget(host, {
    gateway: { mode: "remote", remote: { url: "wss://gw.example.ts.net/", token: "remote-token" } },
  });
  assert.equal(remote.url, "wss://gw.example.ts.net/");
  assert.equal(remote.token, "remote-token");
  assert.equal(remote.remote, true);
});

Deno.test("auth reload: follows a changed config, keeps the auth in force when the change is unusable", async () => {
  const dir = await Deno.makeTempDir({ prefix: "openclaw-auth-reload-" });
  try {
    const path = `${dir}/openclaw.json`;
    const write = (v: unknown) =>
      Deno.writeTextFile(path, typeof v === "string" ? v : JSON.stringify(v));
    await write({ gateway: { auth: { mode: "token", token: "first-token-123" } } });
    const logs: string[] = [];
    const source = new ConfigAuthSource({
      configPath: path,
      initial: { mode: "token", token: "first-token-123" },
      fromConfig: (c) => {
        if (c.gateway?.auth?.mode === "none") throw new Error("auth none is not allowed here");
        return { mode: "token", token: c.gateway?.auth?.token };
      },
      log: (l) => void logs.push(l),
    });
    await source.prime();
    assert.equal((await source.current()).token, "first-token-123");
    await write({ gateway: { auth: { mode: "token", token: "second-token-456" } } });
    assert.equal((await source.current()).token, "second-token-456");
    await write("{ not json");
    assert.equal(
      (await source.current()).token,
      "second-token-456",
      "an invalid file changes nothing",
    );
    await write({ gateway: { auth: { mode: "none" } } });
    assert.equal(
      (await source.current()).token,
      "second-token-456",
      "a refused mode changes nothing",
    );
    assert.equal(logs.length, 3, logs.join("\n"));
    assert.ok(!logs.join("\n").includes("second-token"), "no secret in the log");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
