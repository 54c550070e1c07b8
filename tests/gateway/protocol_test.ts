/**
 * The gateway's door, with real WebSocket clients against a gateway on
 * 127.0.0.1 port 0: the connect handshake, token and password auth, bad and
 * oversize frames (the server stays up), the handshake timeout, the failed
 * connect limit, the Origin check, the Control UI page and clean shutdown.
 */
import assert from "node:assert/strict";
import { healthCall, PASSWORD, RawClient, testGateway, TOKEN } from "./harness.ts";
import { PROTOCOL_VERSION } from "../../lib/gateway/protocol.ts";
import { callGateway, GatewayCallError } from "../../lib/gateway/client.ts";
import { connectFrom, loopbackAddress } from "./raw-ws.ts";
import { FakeClock } from "../helpers/clock.ts";

Deno.test("connect with the right token: hello-ok names the protocol, version and methods", async () => {
  await using gw = await testGateway();
  await using c = await RawClient.open(gw.url);
  const res = await c.connect({ token: TOKEN });
  assert.equal(res.ok, true);
  assert.equal(res.payload.type, "hello-ok");
  assert.equal(res.payload.protocol, PROTOCOL_VERSION);
  assert.equal(res.payload.server.name, "openclaw");
  assert.match(res.payload.server.version, /^\d+\.\d+\.\d+/);
  for (
    const m of ["health", "status", "wizard.start", "wizard.next", "wizard.cancel", "wizard.status"]
  ) {
    assert.ok(res.payload.features.methods.includes(m), m);
  }
  const health = await c.request("health");
  assert.equal(health.ok, true);
  assert.equal(health.payload.auth.mode, "token");
  assert.equal(health.payload.bind.port, gw.port);
  assert.ok(!JSON.stringify(health).includes(TOKEN), "health never carries the token");
});

Deno.test("a missing or wrong token is refused and the socket closed; nothing secret is logged", async (t) => {
  await using gw = await testGateway();
  for (
    const [name, auth] of [["missing", undefined], ["wrong", {
      token: "not-the-token-123",
    }]] as const
  ) {
    await t.step(name, async () => {
      const c = await RawClient.open(gw.url);
      const res = await c.connect(auth);
      assert.equal(res.ok, false);
      assert.equal(res.error.code, "UNAUTHORIZED");
      assert.equal((await c.waitClosed()).code, 4001);
    });
  }
  // A request after a refused connect gets nowhere; health still works for a good client.
  const ok = await callGateway({ url: gw.url, token: TOKEN, method: "health", timeoutMs: 3000 });
  assert.equal((ok as { ok: boolean }).ok, true);
  const logs = gw.logs.join("\n");
  assert.match(logs, /refused a client from 127\.0\.0\.1/);
  assert.ok(!logs.includes(TOKEN) && !logs.includes("not-the-token-123"), logs);
});

Deno.test("password mode: the password gets in, a token does not", async () => {
  await using gw = await testGateway({ auth: { mode: "password", password: PASSWORD } });
  const h = await callGateway<{ auth: { mode: string } }>({
    url: gw.url,
    password: PASSWORD,
    method: "health",
    timeoutMs: 3000,
  });
  assert.equal(h.auth.mode, "password");
  await assert.rejects(
    callGateway({ url: gw.url, token: PASSWORD, method: "health", timeoutMs: 3000 }),
    (e: unknown) => e instanceof GatewayCallError && e.kind === "auth",
  );
  await assert.rejects(
    callGateway({ url: gw.url, password: "wrong-password", method: "health", timeoutMs: 3000 }),
    (e: unknown) => e instanceof GatewayCallError && e.kind === "auth",
  );
});

Deno.test("the first request must be connect, and the protocol ranges must meet", async () => {
  await using gw = await testGateway();
  const early = await RawClient.open(gw.url);
  const res = await early.request("health");
  assert.equal(res.error.code, "HANDSHAKE_REQUIRED");
  assert.equal((await early.waitClosed()).code, 1008);

  const future = await RawClient.open(gw.url);
  const mismatch = await future.request("connect", {
    minProtocol: PROTOCOL_VERSION + 1,
    maxProtocol: PROTOCOL_VERSION + 5,
    auth: { token: TOKEN },
  });
  assert.equal(mismatch.error.code, "PROTOCOL_MISMATCH");
  assert.match(mismatch.error.message, /speaks protocol/);
  assert.equal((await future.waitClosed()).code, 1002);
});

Deno.test("malformed frames get an error answer and the socket stays usable", async () => {
  await using gw = await testGateway();
  await using c = await RawClient.open(gw.url);
  await c.connect({ token: TOKEN });
  c.send("{not json");
  const bad = await c.waitFor((f) => f.type === "res" && f.ok === false);
  assert.equal(bad.error.code, "INVALID_FRAME");
  c.send(JSON.stringify({ type: "req", id: "x1" })); // no method
  const noMethod = await c.waitFor((f) => f.id === "x1");
  assert.equal(noMethod.error.code, "INVALID_FRAME");
  c.send(new Uint8Array([1, 2, 3]));
  await c.waitFor((f) => f.ok === false && /binary/.test(f.error.message));
  const unknown = await c.request("no.such.method");
  assert.equal(unknown.error.code, "UNKNOWN_METHOD");
  const health = await c.request("health");
  assert.equal(health.ok, true);
  assert.equal(c.closed, undefined);
});

Deno.test("an oversize frame closes that socket (1009); the server keeps serving others", async () => {
  await using gw = await testGateway({ limits: { maxFrameBytes: 4096 } });
  const big = await RawClient.open(gw.url);
  await big.connect({ token: TOKEN });
  big.send(
    JSON.stringify({ type: "req", id: "big", method: "health", params: "x".repeat(10_000) }),
  );
  assert.equal((await big.waitClosed()).code, 1009);
  // Before the handshake too.
  const early = await RawClient.open(gw.url);
  early.send("y".repeat(20_000));
  assert.equal((await early.waitClosed()).code, 1009);
  const h0 = await healthCall(gw.url);
  assert.equal(h0.ok, true);
});

Deno.test("before connect, frames are capped at 64 KiB even when the limit after it is larger", async () => {
  await using gw = await testGateway({ limits: { maxFrameBytes: 1024 * 1024 } });
  const early = await RawClient.open(gw.url);
  early.send(
    JSON.stringify({
      type: "req",
      id: "c",
      method: "connect",
      params: { pad: "z".repeat(70_000) },
    }),
  );
  assert.equal((await early.waitClosed()).code, 1009);
  await using c = await RawClient.open(gw.url);
  await c.connect({ token: TOKEN });
  const res = await c.request("health", { pad: "z".repeat(200_000) });
  assert.equal(res.ok, true, "after connect the larger limit applies");
  const h = await healthCall(gw.url);
  assert.equal(h.ok, true);
});

Deno.test("a client that never connects is dropped after the handshake timeout", async () => {
  const clock = new FakeClock();
  await using gw = await testGateway({ limits: { handshakeTimeoutMs: 150 }, clock });
  const c = await RawClient.open(gw.url);
  await clock.timersSet(1); // the upgraded socket's handshake deadline runs
  await clock.advance(149);
  assert.equal(c.closed, undefined, "not dropped before the handshake timeout");
  await clock.advance(1);
  const closed = await c.waitClosed(3000);
  assert.equal(closed.code, 4008);
});

Deno.test("after ten wrong tokens from 127.0.0.1 the next wrong one is rate limited, the right one gets in", async () => {
  await using gw = await testGateway({
    limits: { failedConnects: { maxFailures: 10, globalMaxFailures: 1000, windowMs: 60_000 } },
  });
  for (let i = 0; i < 10; i++) {
    assert.equal(await connectFrom("127.0.0.1", gw.port, `guess-${i}`), "UNAUTHORIZED");
  }
  // Another wrong one is refused as rate limited, with when to retry.
  const c = await RawClient.open(gw.url);
  const res = await c.connect({ token: "guess-10" });
  assert.equal(res.error.code, "RATE_LIMITED");
  assert.ok(res.error.retryAfterSeconds > 0 && res.error.retryAfterSeconds <= 60);
  assert.equal((await c.waitClosed()).code, 4029);
  // The owner's CLI from the same address, with the right token, is not locked out.
  assert.equal(await connectFrom("127.0.0.1", gw.port, TOKEN), "ok");
  const health = await healthCall(gw.url);
  assert.equal(health.ok, true);
  // The client reports the limit as such, with the wait, not as "not running".
  const err = await callGateway({
    url: gw.url,
    token: "guess-11",
    method: "health",
    timeoutMs: 3000,
  })
    .then(() => undefined, (e) => e);
  assert.ok(err instanceof GatewayCallError, String(err));
  assert.equal(err.kind, "rate-limited");
  assert.ok((err.retryAfterSeconds ?? 0) > 0);
});

Deno.test("wrong tokens from 5,000 rotating source addresses are refused once the global budget is spent", async () => {
  const budget = 50;
  await using gw = await testGateway({
    limits: { failedConnects: { maxFailures: 10, globalMaxFailures: budget, windowMs: 60_000 } },
  });
  const counts = new Map<string, number>();
  const total = 5000;
  const parallel = 50;
  for (let i = 0; i < total; i += parallel) {
    const batch = Array.from(
      { length: Math.min(parallel, total - i) },
      (_, k) => connectFrom(loopbackAddress(i + k), gw.port, `guess-${i + k}`),
    );
    for (const outcome of await Promise.all(batch)) {
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    }
  }
  const evaluated = counts.get("UNAUTHORIZED") ?? 0;
  assert.ok(evaluated <= budget, `only the global budget gets an UNAUTHORIZED: ${[...counts]}`);
  assert.equal(counts.get("RATE_LIMITED"), total - evaluated, `${[...counts]}`);
  // Nobody's failures lock out the right token, from a fresh address or from 127.0.0.1.
  assert.equal(await connectFrom(loopbackAddress(total + 1), gw.port, TOKEN), "ok");
  assert.equal(await connectFrom("127.0.0.1", gw.port, TOKEN), "ok");
});

Deno.test("a gateway that refuses the upgrade with 429 is reported as rate limited, not unreachable", async () => {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response("slow down", { status: 429, headers: { "retry-after": "17" } }),
  );
  try {
    const err = await callGateway({
      url: `ws://127.0.0.1:${server.addr.port}/`,
      token: TOKEN,
      method: "health",
      timeoutMs: 3000,
    }).then(() => undefined, (e) => e);
    assert.ok(err instanceof GatewayCallError, String(err));
    assert.equal(err.kind, "rate-limited");
    assert.equal(err.retryAfterSeconds, 17);
    assert.match(err.message, /retry in 17 s/);
  } finally {
    await server.shutdown();
  }
});

Deno.test("browser connections are accepted only from the gateway's own origin", async () => {
  await using gw = await testGateway();
  const foreign = new WebSocket(gw.url, {
    // @ts-ignore: Deno's WebSocket takes headers (the browser sets Origin itself)
    headers: { origin: "http://evil.example" },
  });
  const outcome = await new Promise<string>((resolve) => {
    foreign.onopen = () => resolve("open");
    foreign.onerror = () => resolve("refused");
  });
  if (outcome === "open") foreign.close();
  assert.equal(outcome, "refused");
  const own = new WebSocket(gw.url, {
    // @ts-ignore: as above
    headers: { origin: `http://127.0.0.1:${gw.port}` },
  });
  const c = new RawClient(own);
  await new Promise((r) => (own.onopen = r));
  assert.equal((await c.connect({ token: TOKEN })).ok, true);
  own.close();
  await c.waitClosed();
  assert.match(gw.logs.join("\n"), /another origin/);
});

Deno.test("GET / serves the Control UI with a strict content policy; other paths 404", async () => {
  await using gw = await testGateway();
  const res = await fetch(gw.httpUrl);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /text\/html/);
  assert.match(res.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
  assert.match(await res.text(), /OpenClaw Control/);
  const missing = await fetch(`${gw.httpUrl}secret.txt`);
  assert.equal(missing.status, 404);
  await missing.body?.cancel();
});

Deno.test("shutdown tells connected clients and closes them with 1001", async () => {
  const gw = await testGateway();
  const c = await RawClient.open(gw.url);
  await c.connect({ token: TOKEN });
  await gw.shutdown();
  const ev = await c.waitFor((f) => f.type === "event" && f.event === "shutdown").catch(() =>
    undefined
  );
  assert.ok(ev, "a shutdown event before the close");
  assert.equal((await c.waitClosed()).code, 1001);
  await gw[Symbol.asyncDispose]();
});

Deno.test("a request sent right after connect, without waiting for its answer, is served after it", async () => {
  // Looking up the secret takes a moment (the config is stat'ed): the next frame must wait for it.
  const auth = { mode: "token" as const, token: TOKEN };
  await using gw = await testGateway({
    authSource: {
      current: () => new Promise((r) => setTimeout(() => r(auth), 50)),
      latest: () => auth,
    },
  });
  await using c = await RawClient.open(gw.url);
  c.send(JSON.stringify({
    type: "req",
    id: "c1",
    method: "connect",
    params: {
      minProtocol: PROTOCOL_VERSION,
      maxProtocol: PROTOCOL_VERSION,
      auth: { token: TOKEN },
    },
  }));
  c.send(JSON.stringify({ type: "req", id: "h1", method: "health" }));
  const hello = await c.waitFor((f) => f.id === "c1");
  const health = await c.waitFor((f) => f.id === "h1");
  assert.equal(hello.ok, true);
  assert.equal(health.ok, true, JSON.stringify(health));
});
