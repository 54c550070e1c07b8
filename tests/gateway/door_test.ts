/**
 * The gateway's door against hostile peers, over raw TCP to a gateway on
 * 127.0.0.1 port 0: DNS rebinding (a foreign Host header, for WebSocket and
 * HTTP alike), HEAD's headers, pre-auth noise (the first invalid frame
 * closes the socket), the HTTP header timeout (slowloris), and the cap on
 * concurrent unauthenticated sockets.
 */
import assert from "node:assert/strict";
import { healthCall, RawClient, testGateway, TOKEN } from "./harness.ts";
import { clientFrame, RawTcp, upgradeRequest } from "./raw-tcp.ts";
import { FakeClock } from "../helpers/clock.ts";

Deno.test("DNS rebinding: a foreign Host is refused (403) for the upgrade and for GET /", async () => {
  await using gw = await testGateway({ auth: { mode: "none" } });
  const P = gw.port;
  {
    using tcp = await RawTcp.open(P);
    await tcp.write(upgradeRequest(`attacker.example:${P}`, `http://attacker.example:${P}`));
    assert.equal((await tcp.readHead()).status, 403);
  }
  {
    using tcp = await RawTcp.open(P);
    await tcp.write(`GET / HTTP/1.1\r\nHost: attacker.example:${P}\r\n\r\n`);
    assert.equal((await tcp.readHead()).status, 403);
  }
  // A served name on another port is foreign too (another local site rebinding to us).
  {
    using tcp = await RawTcp.open(P);
    await tcp.write(upgradeRequest(`127.0.0.1:${P + 1}`));
    assert.equal((await tcp.readHead()).status, 403);
  }
  // The names this gateway serves still work, with and without a browser Origin.
  for (const name of [`127.0.0.1:${P}`, `localhost:${P}`]) {
    using tcp = await RawTcp.open(P);
    await tcp.write(upgradeRequest(name, `http://${name}`));
    assert.equal((await tcp.readHead()).status, 101, name);
    using page = await RawTcp.open(P);
    await page.write(`GET / HTTP/1.1\r\nHost: ${name}\r\n\r\n`);
    assert.equal((await page.readHead()).status, 200, name);
  }
  // A served Host with a foreign Origin is still a cross-origin page.
  {
    using tcp = await RawTcp.open(P);
    await tcp.write(upgradeRequest(`127.0.0.1:${P}`, `http://attacker.example:${P}`));
    assert.equal((await tcp.readHead()).status, 403);
  }
  assert.match(gw.logs.join("\n"), /foreign Host/);
});

Deno.test("HEAD / has GET's headers, the real content-length, and no body", async () => {
  await using gw = await testGateway();
  const get = await fetch(gw.httpUrl);
  const body = new Uint8Array(await get.arrayBuffer());
  using tcp = await RawTcp.open(gw.port);
  await tcp.write(`HEAD / HTTP/1.1\r\nHost: 127.0.0.1:${gw.port}\r\n\r\n`);
  const head = await tcp.readHead();
  assert.equal(head.status, 200);
  assert.equal(head.headers.get("content-length"), String(body.length));
  for (const h of ["content-type", "content-security-policy", "x-frame-options"]) {
    assert.equal(head.headers.get(h), get.headers.get(h), h);
  }
  const rest = await tcp.readToEnd();
  assert.ok(rest !== "timeout", "the connection is closed after the response");
  assert.equal(rest.length, 0, "no body after a HEAD");
});

Deno.test("pre-auth noise: the first invalid frame closes the socket", async (t) => {
  await using gw = await testGateway();
  for (
    const [name, frame] of [
      ["not JSON", "{not json"],
      ["not a request", JSON.stringify({ type: "req", id: "x" })],
      ["binary", new Uint8Array([1, 2, 3])],
    ] as const
  ) {
    await t.step(name, async () => {
      const c = await RawClient.open(gw.url);
      for (let i = 0; i < 20; i++) c.send(frame);
      const closed = await c.waitClosed(2000);
      assert.equal(closed.code, 1008);
      assert.ok(c.frames.length <= 1, `at most one answer, got ${c.frames.length}`);
    });
  }
  // An authenticated client still gets an answer and keeps its socket.
  await using ok = await RawClient.open(gw.url);
  await ok.connect({ token: TOKEN });
  ok.send("{not json");
  assert.equal((await ok.waitFor((f) => f.ok === false)).error.code, "INVALID_FRAME");
  assert.equal(ok.closed, undefined);
});

Deno.test("slowloris: a request head not finished within the header timeout is closed", async () => {
  const clock = new FakeClock();
  await using gw = await testGateway({ limits: { headerTimeoutMs: 200 }, clock });
  using tcp = await RawTcp.open(gw.port);
  await tcp.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${gw.port}\r\n`);
  await clock.timersSet(1); // accepted: the head's deadline runs
  let closed = false;
  const end = tcp.readToEnd(5000).then((r) => void (closed = r !== "timeout"));
  // Trickle a header byte now and then, as a slowloris client does: it buys no time.
  for (let t = 0; t < 150; t += 50) {
    assert.equal(await tcp.write("X"), true, `still open ${t} ms in`);
    await clock.advance(50);
  }
  assert.equal(closed, false, "not closed before the header timeout");
  await tcp.write("X");
  await clock.advance(50);
  await end;
  assert.equal(closed, true, "closed once the header timeout has passed");
});

Deno.test("concurrent unauthenticated sockets are capped; excess ones are refused at once", async () => {
  await using gw = await testGateway({ limits: { maxPreAuthSockets: 3 } });
  const waiting = await Promise.all([0, 1, 2].map(() => RawClient.open(gw.url)));
  {
    using tcp = await RawTcp.open(gw.port);
    await tcp.write(upgradeRequest(`127.0.0.1:${gw.port}`));
    const head = await tcp.readHead();
    assert.equal(head.status, 503);
  }
  // Once one of them authenticates, its slot is free for a newcomer.
  assert.equal((await waiting[0].connect({ token: TOKEN })).ok, true);
  const h = await healthCall(gw.url);
  assert.equal(h.ok, true);
  for (const c of waiting) await c[Symbol.asyncDispose]();
  assert.match(gw.logs.join("\n"), /unauthenticated/);
});

Deno.test("a frame over the limit is refused from its header, before its payload arrives", async () => {
  await using gw = await testGateway();
  using tcp = await RawTcp.open(gw.port);
  await tcp.write(upgradeRequest(`127.0.0.1:${gw.port}`));
  assert.equal((await tcp.readHead()).status, 101);
  // Announce 200 kB (over the 64 KiB pre-connect limit) but send only the header and a few bytes: the close must come anyway.
  const frame = clientFrame(1, "x".repeat(200_000));
  await tcp.write(frame.subarray(0, 20));
  const got = await tcp.readAtLeast(4, 2000);
  assert.ok(got.length >= 4, "a close frame came without the payload");
  assert.equal(got[0], 0x88, "a close frame");
  assert.equal((got[2] << 8) | got[3], 1009);
});

Deno.test("a request head over the size cap is refused with 431, and the server keeps serving", async () => {
  await using gw = await testGateway({ limits: { maxHeaderBytes: 2048 } });
  {
    using tcp = await RawTcp.open(gw.port);
    await tcp.write(
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${gw.port}\r\nCookie: ${"c".repeat(4000)}\r\n\r\n`,
    );
    assert.equal((await tcp.readHead()).status, 431);
  }
  const res = await fetch(gw.httpUrl);
  assert.equal(res.status, 200);
  await res.body?.cancel();
});
