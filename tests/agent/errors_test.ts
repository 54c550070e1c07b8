import assert from "node:assert/strict";
import { agentHarness } from "./harness.ts";
import { serveLocal } from "../helpers/local-server.ts";

const SECRET = "sk-test-secret-key-1234567890";

for (const wire of ["anthropic", "openai"] as const) {
  for (
    const [status, kind, words] of [
      [401, "auth", /refused the credentials \(HTTP 401\)/],
      [429, "rate-limit", /busy or its quota is used up/],
      [500, "model", /answered with an error \(HTTP 500\)/],
    ] as const
  ) {
    Deno.test(`${wire}: HTTP ${status} becomes ok:false (${kind}), a short text and one log line`, async () => {
      await using h = await agentHarness({ wire });
      h.model.reply({ status, message: `nope ${SECRET}` });
      const r = await h.agent.turn({ message: "hi", origin: { surface: "telegram", peerId: "1" } });
      assert.equal(r.ok, false);
      assert.equal(r.error?.kind, kind);
      assert.match(r.text, words);
      assert.ok(r.text.length < 200);
      assert.equal(h.logs.length, 1);
      assert.match(h.logs[0], new RegExp(`failed \\(${kind}\\)`));
      assert.ok(!h.logs[0].includes(SECRET) && !r.text.includes(SECRET));
      assert.equal(h.agent.lastTurn()?.ok, false);
      // One request: a failure is reported at once, not retried behind the user's back.
      assert.equal(h.model.requests.length, 1);
    });
  }
}

Deno.test("a conversation too long for the model asks for /new", async () => {
  await using h = await agentHarness({ wire: "anthropic" });
  h.model.reply({ status: 400, message: "prompt is too long: 250000 tokens > 200000 maximum" });
  const r = await h.agent.turn({ message: "hi", origin: { surface: "cli" } });
  assert.equal(r.error?.kind, "context");
  assert.match(r.text, /Send \/new/);
});

Deno.test("an unreachable provider becomes ok:false (unreachable) without a throw", async () => {
  const closed = serveLocal(() => new Response());
  const base = closed.base;
  await closed.close();
  await using h = await agentHarness({
    wire: "openai",
    env: { OPENCLAW_XAI_BASE_URL: `${base}/v1` },
  });
  const r = await h.agent.turn({ message: "hi", origin: { surface: "cli" } });
  assert.equal(r.ok, false);
  assert.equal(r.error?.kind, "unreachable");
  assert.match(r.text, /could not reach the model provider \(127\.0\.0\.1:\d+\)/);
  assert.equal(h.logs.length, 1);
});

Deno.test("a model that never answers is stopped at the (injected) deadline", async () => {
  await using h = await agentHarness({
    wire: "anthropic",
    config: { agents: { defaults: { timeoutSeconds: 0.05 } } },
  });
  h.model.reply({ hang: true });
  const r = await h.agent.turn({ message: "hi", origin: { surface: "cli" } });
  assert.equal(r.error?.kind, "timeout");
  assert.match(r.text, /took too long/);
});

Deno.test("the caller's abort stops the turn: ok:false, aborted", async () => {
  await using h = await agentHarness({ wire: "openai" });
  h.model.reply({ hang: true });
  const ac = new AbortController();
  const pending = h.agent.turn({ message: "hi", origin: { surface: "cli" }, signal: ac.signal });
  while (h.model.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
  ac.abort();
  const r = await pending;
  assert.equal(r.error?.kind, "aborted");
  assert.equal(r.text, "Stopped.");
});

Deno.test("no model configured, no credentials: config errors in plain words", async () => {
  await using h = await agentHarness({ wire: "anthropic", profiles: {} });
  const r = await h.agent.turn({ message: "hi", origin: { surface: "cli" } });
  assert.equal(r.error?.kind, "config");
  assert.match(r.text, /no credentials for anthropic/);
  assert.equal(h.model.requests.length, 0);
  const unknown = await h.agent.turn({
    agentId: "ghost",
    message: "hi",
    origin: { surface: "cli" },
  });
  assert.equal(unknown.error?.kind, "config");
  assert.match(unknown.text, /no agent "ghost"/);
});
