/**
 * The addresses users are told to open: `gateway run`'s banner and `status`
 * never show a wildcard (0.0.0.0, ::) URL; they show 127.0.0.1 on this
 * machine, the LAN addresses for a LAN bind, and the tailnet name when on.
 */
import assert from "node:assert/strict";
import { openUrls } from "../../lib/gateway/open-urls.ts";
import { renderBanner } from "../../lib/gateway/banner.ts";
import { renderStatus } from "../../lib/gateway/report.ts";
import type { StatusPayload } from "../../lib/gateway/methods/health.ts";

const LAN = ["192.168.1.20", "100.101.102.103"];

Deno.test("a LAN bind is opened at 127.0.0.1 here and at each LAN address, never 0.0.0.0", () => {
  const urls = openUrls({ listenHost: "0.0.0.0", port: 18789, tailscale: "off", lan: LAN });
  assert.deepEqual(urls, [
    { url: "http://127.0.0.1:18789/", where: "this machine" },
    { url: "http://192.168.1.20:18789/", where: "LAN" },
    { url: "http://100.101.102.103:18789/", where: "tailnet" },
  ]);
  assert.deepEqual(openUrls({ listenHost: "::", port: 1, tailscale: "off", lan: [] }), [
    { url: "http://127.0.0.1:1/", where: "this machine" },
  ]);
});

Deno.test("Tailscale serve adds the https tailnet name; a tailnet bind its name on the port", () => {
  const serve = openUrls({
    listenHost: "127.0.0.1",
    port: 18789,
    tailscale: "serve",
    tailnetName: "box.tail1234.ts.net.",
  });
  assert.deepEqual(serve.map((u) => u.url), [
    "http://127.0.0.1:18789/",
    "https://box.tail1234.ts.net/",
  ]);
  const tailnet = openUrls({
    listenHost: "100.101.102.103",
    port: 18789,
    tailscale: "off",
    tailnetName: "box.tail1234.ts.net",
  });
  assert.deepEqual(tailnet, [
    { url: "http://100.101.102.103:18789/", where: "tailnet" },
    { url: "http://box.tail1234.ts.net:18789/", where: "tailnet" },
  ]);
});

Deno.test("gateway run's banner: no 0.0.0.0, the addresses to open, and openclaw dashboard", () => {
  const text = renderBanner({
    listenHost: "0.0.0.0",
    port: 18789,
    tailscale: "off",
    lan: ["192.168.1.20"],
    dashboard: "openclaw --profile work dashboard",
  });
  assert.ok(!text.includes("0.0.0.0"), text);
  assert.match(text, /^Gateway running on ws:\/\/127\.0\.0\.1:18789\/$/m);
  assert.match(text, /^Control UI: http:\/\/127\.0\.0\.1:18789\/ +\(this machine\)$/m);
  assert.match(text, /^ +http:\/\/192\.168\.1\.20:18789\/ +\(LAN\)$/m);
  assert.match(text, /^Sign in: openclaw --profile work dashboard/m);
});

const STATUS: StatusPayload = {
  gateway: {
    version: "1.0.0",
    pid: 42,
    uptimeMs: 5000,
    startedAt: "2026-12-02T00:00:00Z",
    url: "ws://0.0.0.0:18789/",
    bind: "lan",
    authMode: "token",
    tailscale: "off",
    connections: 1,
  },
  configPath: "/home/ada/.openclaw/openclaw.json",
  wizard: { active: false },
};

Deno.test("status of a LAN-bound gateway shows addresses to open and points to dashboard", () => {
  const text = renderStatus(STATUS, "/home/ada", undefined, {
    url: "ws://127.0.0.1:18789/",
    open: openUrls({ listenHost: "0.0.0.0", port: 18789, tailscale: "off", lan: LAN }),
    dashboard: "openclaw dashboard",
  });
  assert.ok(!text.includes("0.0.0.0"), text);
  assert.match(text, /^URL +ws:\/\/127\.0\.0\.1:18789\/$/m);
  assert.match(text, /^Control UI +http:\/\/127\.0\.0\.1:18789\/ +\(this machine\)$/m);
  assert.match(text, /^ +http:\/\/192\.168\.1\.20:18789\/ +\(LAN\)$/m);
  assert.match(text, /^Open the Control UI signed in: openclaw dashboard$/m);
});
