/**
 * chat.send / chat.history / chat.abort over a real socket against a fake
 * agent: the run id first, then deltas and one final event on that
 * connection only; errors and aborts end the run with their state; params
 * are checked (length cap); auth holds as for every method.
 */
import assert from "node:assert/strict";
import { RawClient, testGateway, TOKEN } from "./harness.ts";
import { FakeAgent } from "../agent/fake-agent.ts";
import { MAX_CHAT_MESSAGE_CHARS } from "../../lib/gateway/methods/chat.ts";

// deno-lint-ignore no-explicit-any -- frames are checked field by field
const chatEvents = (c: RawClient, runId: string): any[] =>
  c.frames.filter((f) =>
    f.type === "event" && f.event === "chat" && (f.payload as { runId: string }).runId === runId
  ).map((f) => f.payload);

const ended = (c: RawClient, runId: string) =>
  c.waitFor((f) =>
    f.type === "event" && f.event === "chat" && f.payload.runId === runId &&
    f.payload.state !== "delta"
  );

Deno.test("chat.send streams deltas then a final reply to the asking connection only", async () => {
  const agent = new FakeAgent().reply({ text: "Hi there!", deltas: ["Hi ", "there", "!"] });
  await using gw = await testGateway({ agent });
  await using a = await RawClient.open(gw.url);
  await using b = await RawClient.open(gw.url);
  assert((await a.connect({ token: TOKEN })).ok);
  const hello = await b.connect({ token: TOKEN });
  assert(hello.payload.features.methods.includes("chat.send"));
  assert(hello.payload.features.events.includes("chat"));

  const res = await a.request("chat.send", { message: "hello", idempotencyKey: "k1" });
  assert(res.ok);
  assert.deepEqual(res.payload.status, "started");
  assert.deepEqual(res.payload.sessionKey, "main");
  const runId = res.payload.runId;
  assert.match(runId, /^[0-9a-f-]{36}$/);
  const end = await ended(a, runId);
  assert.deepEqual(end.payload.state, "final");
  assert.deepEqual(end.payload.text, "Hi there!");
  const events = chatEvents(a, runId);
  assert.deepEqual(events.map((e) => e.state), ["delta", "delta", "delta", "final"]);
  assert.deepEqual(events.map((e) => e.seq), [0, 1, 2, 3]);
  assert.deepEqual(
    events.filter((e) => e.state === "delta").map((e) => e.text).join(""),
    "Hi there!",
  );
  assert.deepEqual(chatEvents(b, runId), [], "another connection sees nothing");

  // The turn the agent got: the message, the main session, from a CLI-like client.
  assert.deepEqual(agent.requests.length, 1);
  assert.deepEqual(agent.requests[0].message, "hello");
  assert.deepEqual(agent.requests[0].sessionKey, "main");
  assert.deepEqual(agent.requests[0].origin, { surface: "cli" });

  // The same idempotency key names the same run, and the model is not asked again.
  const again = await a.request("chat.send", { message: "hello", idempotencyKey: "k1" });
  assert.deepEqual(again.payload, { runId, status: "done" });
  assert.deepEqual(agent.requests.length, 1);

  const hist = await b.request("chat.history", { sessionKey: "main", limit: 10 });
  assert(hist.ok);
  assert.deepEqual(
    hist.payload.messages.map((m: { role: string; text: string }) => [m.role, m.text]),
    [
      ["user", "hello"],
      ["assistant", "Hi there!"],
    ],
  );
  // health says the model answered the last turn (without its text).
  const health = await b.request("health");
  assert.equal(health.payload.agent.lastTurn.ok, true);
  assert.equal(health.payload.agent.lastTurn.model, "fake/model");
  assert.ok(!JSON.stringify(health.payload).includes("Hi there"));
  // One log line per run, without the message or the reply.
  const lines = gw.logs.filter((l) => l.includes(runId));
  assert.deepEqual(lines.length, 1);
  assert(!lines[0].includes("hello") && !lines[0].includes("Hi there"), lines[0]);
});

Deno.test("chat.send: a failed turn ends with an error event carrying the short text", async () => {
  const agent = new FakeAgent().reply({
    text: "The model refused the key (401).",
    error: "auth",
  });
  await using gw = await testGateway({ agent });
  await using c = await RawClient.open(gw.url);
  await c.connect({ token: TOKEN });
  const res = await c.request("chat.send", { message: "hi", sessionKey: "work" });
  const end = await ended(c, res.payload.runId);
  assert.deepEqual(end.payload.state, "error");
  assert.deepEqual(end.payload.errorKind, "auth");
  assert.deepEqual(end.payload.text, "The model refused the key (401).");
  assert.deepEqual(end.payload.sessionKey, "work");
  // The gateway still answers.
  assert((await c.request("health")).ok);
});

Deno.test("chat.abort by run id ends the run as aborted", async () => {
  const agent = new FakeAgent().reply({ text: "partial", gate: new Promise(() => {}) });
  await using gw = await testGateway({ agent });
  await using c = await RawClient.open(gw.url);
  await c.connect({ token: TOKEN });
  const res = await c.request("chat.send", { message: "long task" });
  const runId = res.payload.runId;
  await c.waitFor((f) => f.event === "chat" && f.payload.state === "delta");
  const ab = await c.request("chat.abort", { runId });
  assert.deepEqual(ab.payload, { aborted: true, runIds: [runId] });
  const end = await ended(c, runId);
  assert.deepEqual(end.payload.state, "aborted");
  assert.deepEqual(end.payload.text, "partial");
  assert.deepEqual((await c.request("chat.abort", { sessionKey: "main" })).payload.aborted, false);
});

Deno.test("chat.* params are checked: length cap, required fields, no auth no chat", async () => {
  const agent = new FakeAgent();
  await using gw = await testGateway({ agent });
  await using c = await RawClient.open(gw.url);
  await c.connect({ token: TOKEN });
  const long = await c.request("chat.send", { message: "x".repeat(MAX_CHAT_MESSAGE_CHARS + 1) });
  assert.deepEqual(long.error.code, "INVALID_PARAMS");
  assert.deepEqual((await c.request("chat.send", {})).error.code, "INVALID_PARAMS");
  assert.deepEqual((await c.request("chat.send", { message: "" })).error.code, "INVALID_PARAMS");
  assert.deepEqual(
    (await c.request("chat.send", { message: "hi", sessionKey: "a b" })).error.code,
    "INVALID_PARAMS",
  );
  assert.deepEqual((await c.request("chat.history", {})).error.code, "INVALID_PARAMS");
  assert.deepEqual((await c.request("chat.abort", {})).error.code, "INVALID_PARAMS");
  assert.deepEqual(agent.requests.length, 0);

  await using stranger = await RawClient.open(gw.url);
  const refused = await stranger.request("chat.send", { message: "hi" });
  assert.deepEqual(refused.error.code, "HANDSHAKE_REQUIRED");
  assert.deepEqual(agent.requests.length, 0);
});

Deno.test("chat.send: runs per connection are capped (BUSY)", async () => {
  const agent = new FakeAgent({ text: "slow", gate: new Promise(() => {}) });
  await using gw = await testGateway({ agent });
  await using c = await RawClient.open(gw.url);
  await c.connect({ token: TOKEN });
  for (let i = 0; i < 4; i++) assert((await c.request("chat.send", { message: `m${i}` })).ok);
  assert.deepEqual((await c.request("chat.send", { message: "one more" })).error.code, "BUSY");
});

Deno.test("chat.send: closing the connection aborts its runs", async () => {
  const agent = new FakeAgent({ text: "slow", gate: new Promise(() => {}) });
  await using gw = await testGateway({ agent });
  const c = await RawClient.open(gw.url);
  await c.connect({ token: TOKEN });
  await c.request("chat.send", { message: "one" });
  await c.request("chat.send", { message: "two" });
  await c.waitFor((f) => f.event === "chat" && f.payload.state === "delta");
  const signals = agent.requests.map((r) => r.signal!);
  await c[Symbol.asyncDispose]();
  const deadline = Date.now() + 5000;
  while (!signals.every((s) => s.aborted)) {
    assert.ok(Date.now() < deadline, "the runs were aborted");
    await new Promise((r) => setTimeout(r, 20));
  }
});
