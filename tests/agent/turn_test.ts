import assert from "node:assert/strict";
import { agentHarness, SOUL_TEXT } from "./harness.ts";
import { systemTextOf } from "./standins.ts";

for (const wire of ["anthropic", "openai"] as const) {
  Deno.test(`${wire}: a turn carries SOUL.md in the system prompt and streams the reply`, async () => {
    await using h = await agentHarness({ wire });
    h.model.reply({ text: "Hello from the model", chunks: ["Hello ", "from ", "the model"] });
    const deltas: string[] = [];
    const r = await h.agent.turn({
      message: "hi there",
      origin: { surface: "telegram", peerId: "42" },
      onDelta: (d) => deltas.push(d),
    });
    assert.equal(r.ok, true, r.text);
    assert.equal(r.text, "Hello from the model");
    assert.deepEqual(deltas, ["Hello ", "from ", "the model"]);
    assert.equal(r.sessionKey, "telegram:dm:42");
    assert.equal(r.agentId, "main");
    assert.equal(r.model, wire === "anthropic" ? "anthropic/claude-sonnet-4-5" : "xai/grok-4");
    const req = h.model.requests.at(-1)!;
    assert.ok(systemTextOf(req).includes(SOUL_TEXT));
    assert.ok(JSON.stringify(req.body.messages).includes("hi there"));
    assert.equal(req.body.stream, true);
    if (wire === "anthropic") {
      assert.equal(req.headers["x-api-key"], "sk-test-secret-key-1234567890");
    } else {
      assert.equal(req.headers["authorization"], "Bearer sk-test-secret-key-1234567890");
    }
    assert.equal(h.agent.lastTurn()?.text, "Hello from the model");
    // One line for the turn, none of it secret.
    assert.ok(h.logs.some((l) => l.includes("answered by")));
    assert.ok(!h.logs.join("\n").includes("sk-test"));
  });
}
