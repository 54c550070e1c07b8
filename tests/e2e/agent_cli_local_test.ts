/**
 * `openclaw agent` with no gateway running makes the turn in its own
 * process, against the Anthropic Messages stand-in: the reply is printed,
 * the model saw SOUL.md and the message, the session is `main`.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { writeAgentState } from "../helpers/agent-state.ts";
import { allOutput, runCli } from "./cli.ts";
import { TOKEN } from "../gateway/harness.ts";
import { freePort } from "../helpers/ports.ts";
import { anthropicStandIn, systemTextOf } from "../agent/standins.ts";

Deno.test("openclaw agent without a gateway: the turn in process, reply printed, exit 0; 401 → exit 1", async () => {
  await using home = await tempDir();
  await using model = anthropicStandIn();
  model.reply({ text: "Local hello." }, { status: 401, message: "invalid x-api-key" });
  const state = `${home.path}/.openclaw`;
  await writeAgentState(state, {
    soul: "Answer like a lighthouse keeper.",
    anthropicKey: "sk-ant-local-0123",
  });
  await Deno.writeTextFile(
    `${state}/openclaw.json`,
    JSON.stringify({
      gateway: { mode: "local", port: freePort(), auth: { mode: "token", token: TOKEN } },
      agents: { defaults: { model: "anthropic/claude-sonnet-4-5" } },
    }),
    { mode: 0o600 },
  );
  const env = { OPENCLAW_ANTHROPIC_BASE_URL: `${model.base}/v1` };
  const ok = await runCli(["agent", "-m", "Is the light on?"], { home: home.path, env });
  assert.equal(ok.code, 0, allOutput(ok));
  assert.equal(ok.stdout, "Local hello.\n");
  const req = model.requests.at(-1)!;
  assert.ok(systemTextOf(req).includes("lighthouse keeper"));
  assert.ok(JSON.stringify(req.body.messages).includes("Is the light on?"));

  const refused = await runCli(["agent", "-m", "again", "--json"], { home: home.path, env });
  assert.equal(refused.code, 1, allOutput(refused));
  const doc = JSON.parse(refused.stdout);
  assert.equal(doc.via, "local");
  assert.equal(doc.ok, false);
  assert.equal(doc.error.kind, "auth");
  assert.ok(!allOutput(refused).includes("sk-ant-local"), "the key is never printed");
});
