/**
 * Webhook paths on the gateway's port (what Google Chat, Teams and
 * BlueBubbles POST to): the channel's handler gets the body and query as
 * sent, whatever Host name the platform used; other methods get 405; a
 * body without a length (411) or over the cap (413) is refused before it
 * is read; a removed path is the Control UI's 404 again; two channels
 * cannot take one path.
 */
import assert from "node:assert/strict";
import { testGateway } from "./harness.ts";
import { RawTcp } from "./raw-tcp.ts";
import type { WebhookRequest } from "../../lib/gateway/webhooks.ts";

Deno.test("webhooks: body, query and headers reach the handler; any Host; other methods 405", async () => {
  await using gw = await testGateway({ wizard: null });
  const seen: WebhookRequest[] = [];
  const remove = gw.webhooks.add("/hook", (req) => {
    seen.push(req);
    return Promise.resolve(Response.json({ ok: true }));
  });
  const body = JSON.stringify({ type: "MESSAGE", text: "hé" });
  const res = await fetch(`${gw.httpUrl}hook/?password=p%20w`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { ok: true });
  assert.equal(seen.length, 1);
  assert.equal(new TextDecoder().decode(seen[0].body), body);
  assert.equal(seen[0].query.get("password"), "p w");
  {
    // Through a funnel or proxy the Host is the public name: the handler, not the guard, decides.
    using tcp = await RawTcp.open(gw.port);
    await tcp.write(
      "POST /hook HTTP/1.1\r\nHost: bot.example.ts.net\r\nContent-Length: 2\r\n\r\n{}",
    );
    assert.equal((await tcp.readHead()).status, 200);
  }
  assert.equal(seen[1].headers.get("host"), "bot.example.ts.net");

  const get = await fetch(`${gw.httpUrl}hook`);
  assert.equal(get.status, 405);
  assert.equal(get.headers.get("allow"), "POST");
  await get.body?.cancel();

  assert.throws(() => gw.webhooks.add("/hook/", () => Promise.resolve(new Response())), /taken/);
  remove();
  const gone = await fetch(`${gw.httpUrl}hook`, { method: "POST", body: "{}" });
  assert.equal(gone.status, 404);
  await gone.body?.cancel();
  assert.equal(seen.length, 2);
});

Deno.test("webhooks: chunked bodies get 411, oversized ones 413, unread; a handler error is a 500", async () => {
  await using gw = await testGateway({ wizard: null });
  let calls = 0;
  gw.webhooks.add("/small", () => {
    calls++;
    return Promise.reject(new Error("boom"));
  }, { maxBodyBytes: 16 });
  const head = (extra: string) =>
    `POST /small HTTP/1.1\r\nHost: 127.0.0.1:${gw.port}\r\n${extra}\r\n`;
  {
    using tcp = await RawTcp.open(gw.port);
    await tcp.write(head("Transfer-Encoding: chunked\r\n") + "5\r\nhello\r\n0\r\n\r\n");
    assert.equal((await tcp.readHead()).status, 411);
  }
  {
    using tcp = await RawTcp.open(gw.port);
    // Only the head is sent: the 413 comes from the declared length, before any body byte.
    await tcp.write(head("Content-Length: 1000000\r\n"));
    assert.equal((await tcp.readHead()).status, 413);
  }
  assert.equal(calls, 0);
  const failed = await fetch(`${gw.httpUrl}small`, { method: "POST", body: "{}" });
  assert.equal(failed.status, 500);
  await failed.body?.cancel();
  assert.equal(calls, 1);
  assert.ok(gw.logs.some((l) => l.includes("request failed: boom")));
});
