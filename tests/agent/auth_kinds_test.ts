import assert from "node:assert/strict";
import { agentHarness } from "./harness.ts";
import { anthropicStandIn, openaiStandIn, systemTextOf } from "./standins.ts";
import { CLAUDE_CODE_FRAME } from "../../lib/agent/model-call.ts";

Deno.test("an Anthropic setup token goes as a Bearer with the OAuth beta and Claude Code's frame", async () => {
  await using h = await agentHarness({
    wire: "anthropic",
    profiles: {
      "anthropic:default": {
        type: "token",
        provider: "anthropic",
        token: "sk-ant-oat01-test-token",
      },
    },
  });
  h.model.reply({ text: "hi" });
  const r = await h.agent.turn({ message: "hi", origin: { surface: "cli" } });
  assert.equal(r.ok, true, r.text);
  const req = h.model.requests[0];
  assert.equal(req.headers.authorization, "Bearer sk-ant-oat01-test-token");
  assert.equal(req.headers["x-api-key"], undefined);
  assert.match(req.headers["anthropic-beta"], /oauth-2025-04-20/);
  assert.equal(req.body.system[0].text, CLAUDE_CODE_FRAME);
  assert.ok(systemTextOf(req).includes("Be kind, be brief"));
});

Deno.test("a custom Anthropic-compatible provider (base without /v1) is reached at <base>/v1/messages", async () => {
  await using custom = anthropicStandIn();
  await using h = await agentHarness({
    wire: "anthropic",
    profiles: { "kimi:default": { type: "api_key", provider: "kimi", key: "kimi-key" } },
    config: {
      agents: { defaults: { model: "kimi/k2p5" } },
      models: {
        providers: {
          kimi: {
            baseUrl: `${custom.base}/coding`,
            api: "anthropic-messages",
            models: [{ id: "k2p5" }],
          },
        },
      },
    },
  });
  custom.reply({ text: "from kimi" });
  const r = await h.agent.turn({ message: "hi", origin: { surface: "cli" } });
  assert.equal(r.text, "from kimi");
  assert.equal(custom.requests[0].path, "/coding/v1/messages");
  assert.equal(custom.requests[0].headers["x-api-key"], "kimi-key");
  assert.equal(custom.requests[0].body.model, "k2p5");
});

Deno.test("a custom OpenAI-compatible provider without a key, moved by OPENCLAW_<ID>_BASE_URL", async () => {
  await using local = openaiStandIn();
  await using h = await agentHarness({
    wire: "openai",
    profiles: {},
    config: {
      agents: { defaults: { model: "my-llm/llama-3" } },
      models: {
        providers: {
          "my-llm": { baseUrl: "http://192.0.2.1:9/v1", api: "openai-completions" },
        },
      },
    },
    env: { OPENCLAW_MY_LLM_BASE_URL: `${local.base}/v1` },
  });
  local.reply({ text: "local answer" });
  const r = await h.agent.turn({ message: "hi", origin: { surface: "cli" } });
  assert.equal(r.text, "local answer");
  assert.equal(local.requests[0].path, "/v1/chat/completions");
  assert.equal(local.requests[0].headers.authorization, undefined);
});

Deno.test("an OpenAI API key speaks the Responses API, tool calls included", async () => {
  await using openai = openaiStandIn();
  await using h = await agentHarness({
    wire: "openai",
    profiles: { "openai:default": { type: "api_key", provider: "openai", key: "sk-openai-test" } },
    config: { agents: { defaults: { model: "openai/gpt-5.1" } } },
    env: { OPENCLAW_OPENAI_BASE_URL: `${openai.base}/v1` },
  });
  openai.reply(
    { toolCalls: [{ name: "write_file", input: { path: "hello.txt", content: "hi" } }] },
    { text: "Saved." },
  );
  const r = await h.agent.turn({ message: "save hi", origin: { surface: "cli" } });
  assert.equal(r.text, "Saved.", r.text);
  assert.equal(await Deno.readTextFile(`${h.workspace}/hello.txt`), "hi");
  assert.equal(openai.requests[0].path, "/v1/responses");
  assert.equal(openai.requests[0].headers.authorization, "Bearer sk-openai-test");
  assert.ok(JSON.stringify(openai.requests[1].body.input).includes("Wrote hello.txt"));
});
