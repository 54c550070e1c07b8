/**
 * The whole chain, as a user lives it, against stand-ins only: a DM from an
 * unknown sender gets a pairing code; `openclaw pairing approve`; the next
 * DM becomes a model request (the Anthropic Messages stand-in) carrying the
 * workspace's SOUL.md and the message; the model's reply is sent to that
 * chat; the session's transcript is on disk (0600).
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { writeAgentState, writeGatewayConfig } from "../helpers/agent-state.ts";
import { allOutput, runCli } from "./cli.ts";
import { spawnGateway, TOKEN } from "../gateway/harness.ts";
import { freePort } from "../helpers/ports.ts";
import { dm, GOOD_TELEGRAM_TOKEN, telegramStandIn } from "../channels/standins.ts";
import { anthropicStandIn, systemTextOf } from "../agent/standins.ts";

const SOUL = "You are Pebble. Be kind, be brief, and love otters.";

Deno.test("the chain: unknown DM → pairing → approve → DM → model request with SOUL.md → reply in the chat → transcript", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  await using model = anthropicStandIn();
  model.reply({
    text: "Hi Alice! Otters eat fish and shellfish.",
    chunks: ["Hi Alice! ", "Otters eat fish and shellfish."],
  });
  const state = `${home.path}/.openclaw`;
  const workspace = await writeAgentState(state, {
    soul: SOUL,
    anthropicKey: "sk-ant-chain-0123456789",
  });
  await writeGatewayConfig(state, {
    port: freePort(),
    token: TOKEN,
    workspace,
    channels: { telegram: { botToken: GOOD_TELEGRAM_TOKEN, dmPolicy: "pairing" } },
  });
  await using gw = await spawnGateway(home.path, undefined, {
    OPENCLAW_TELEGRAM_API_BASE: api.base,
    OPENCLAW_ANTHROPIC_BASE_URL: `${model.base}/v1`,
  });
  assert.match(gw.stdout(), /Gateway running/, gw.stderr());

  api.push(dm(777, "hello?"));
  const pairing = await api.waitForSend((m) => String(m.chat_id) === "777", 10_000);
  const code = pairing.text.match(/code: ([A-Z2-9]{8})/)?.[1];
  assert.ok(code, pairing.text);
  assert.equal(model.requests.length, 0, "an unknown sender never reaches the model");
  const approve = await runCli(["pairing", "approve", "telegram", code], { home: home.path });
  assert.equal(approve.code, 0, allOutput(approve));

  api.push(dm(777, "What do otters eat?"));
  const reply = await api.waitForSend(
    (m) => String(m.chat_id) === "777" && m.text.startsWith("Hi Alice"),
    15_000,
  );
  assert.equal(reply.text, "Hi Alice! Otters eat fish and shellfish.");
  const req = model.requests.find((r) => r.path.endsWith("/v1/messages"));
  assert.ok(req, "the model was asked");
  assert.ok(systemTextOf(req).includes(SOUL), "SOUL.md is in the system prompt");
  assert.ok(JSON.stringify(req.body.messages).includes("What do otters eat?"));
  assert.equal(req.headers["x-api-key"], "sk-ant-chain-0123456789");
  assert.ok(api.actions.some((a) => String(a.chat_id) === "777" && a.action === "typing"));

  // The transcript of that sender's session, on disk and private.
  const dir = `${state}/agents/main/sessions`;
  const files: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.name.endsWith(".jsonl")) files.push(e.name);
  const texts = await Promise.all(files.map((f) => Deno.readTextFile(`${dir}/${f}`)));
  const i = texts.findIndex((t) => t.includes("What do otters eat?"));
  assert.ok(i >= 0, `a transcript holds the message (${files.join(", ")})`);
  assert.ok(texts[i].includes("Otters eat fish and shellfish."));
  assert.equal((await Deno.stat(`${dir}/${files[i]}`)).mode! & 0o777, 0o600);
  assert.ok(!gw.stderr().includes("What do otters eat?"), "message text is not logged");
  assert.ok(!gw.stderr().includes("sk-ant-chain"), "the key is not logged");
  assert.equal(await gw.stop(), 0, gw.stderr());
});
