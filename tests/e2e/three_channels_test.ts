/**
 * Three channels at once in one `openclaw gateway run`, each against its
 * platform's stand-in, with the real agent talking to the Anthropic
 * stand-in: Telegram (pairing, approved with `openclaw pairing approve`),
 * Discord (an allowlist of ids) and WhatsApp (open DMs, its worker process)
 * each get a model answer back in their own conversation, and `channels
 * status` shows all three running.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { writeAgentState, writeGatewayConfig } from "../helpers/agent-state.ts";
import { allOutput, runCli } from "./cli.ts";
import { spawnGateway, TOKEN } from "../gateway/harness.ts";
import { freePort } from "../helpers/ports.ts";
import { dm, GOOD_TELEGRAM_TOKEN, telegramStandIn } from "../channels/standins.ts";
import {
  discordDm,
  discordGatewayStandIn,
  GOOD_DISCORD_TOKEN,
} from "../channels/standins/discord.ts";
import { waDm, whatsappStandIn, writeLinkedCreds } from "../channels/standins/whatsapp.ts";
import { anthropicStandIn } from "../agent/standins.ts";

const ALICE_DISCORD = { id: "300000000000000003", username: "alice" };
const DM_CHANNEL = "400000000000000004";

Deno.test("one gateway runs Telegram, Discord and WhatsApp at once; each answer goes back where it came from", async () => {
  await using home = await tempDir();
  await using tg = telegramStandIn();
  await using dc = discordGatewayStandIn();
  await using wa = whatsappStandIn();
  await using model = anthropicStandIn();
  const state = `${home.path}/.openclaw`;
  const workspace = await writeAgentState(state, {
    soul: "You are Pebble.",
    anthropicKey: "sk-ant-three-0123456789",
  });
  await writeLinkedCreds(`${state}/credentials/whatsapp/default`);
  await writeGatewayConfig(state, {
    port: freePort(),
    token: TOKEN,
    workspace,
    channels: {
      telegram: { botToken: GOOD_TELEGRAM_TOKEN },
      discord: {
        token: GOOD_DISCORD_TOKEN,
        dmPolicy: "allowlist",
        allowFrom: [ALICE_DISCORD.id],
      },
      whatsapp: { accounts: { default: {} }, dmPolicy: "open", allowFrom: ["*"] },
    },
  });
  await using gw = await spawnGateway(home.path, undefined, {
    OPENCLAW_TELEGRAM_API_BASE: tg.base,
    OPENCLAW_DISCORD_API_BASE: dc.base,
    OPENCLAW_ANTHROPIC_BASE_URL: `${model.base}/v1`,
    ...wa.env,
  });
  assert.match(gw.stdout(), /Gateway running/, gw.stderr());

  // Telegram: pairing first, approved the way the code message says.
  tg.push(dm(777, "hello?"));
  const pairing = await tg.waitForSend((m) => String(m.chat_id) === "777", 15_000);
  const code = pairing.text.match(/code: ([A-Z2-9]{8})/)?.[1];
  assert.ok(code, pairing.text);
  const approve = await runCli(["pairing", "approve", "telegram", code], { home: home.path });
  assert.equal(approve.code, 0, allOutput(approve));

  model.reply({ text: "Answer for Telegram." });
  tg.push(dm(777, "question from telegram"));
  const tgReply = await tg.waitForSend((m) => m.text === "Answer for Telegram.", 15_000);
  assert.equal(String(tgReply.chat_id), "777");

  model.reply({ text: "Answer for Discord." });
  dc.push(discordDm(ALICE_DISCORD, DM_CHANNEL, "question from discord"));
  const dcReply = await dc.waitForPost((m) => m.content === "Answer for Discord.", 15_000);
  assert.equal(dcReply.channelId, DM_CHANNEL);

  model.reply({ text: "Answer for WhatsApp." });
  wa.push(waDm("15557654321", "question from whatsapp"));
  const waReply = await wa.waitForSend((s) => s.text === "Answer for WhatsApp.");
  assert.equal(waReply.jid, "15557654321@s.whatsapp.net");

  // Each question reached the model once, from its own channel.
  const asked = model.requests.map((r) => JSON.stringify(r.body)).join("\n");
  for (const q of ["telegram", "discord", "whatsapp"]) {
    assert.ok(asked.includes(`question from ${q}`), `${q} reached the model`);
  }

  const status = await runCli(["channels", "status"], { home: home.path });
  assert.equal(status.code, 0, allOutput(status));
  for (const id of ["telegram", "discord", "whatsapp"]) {
    assert.match(status.stdout, new RegExp(`${id}\\s+running .*last message`), status.stdout);
  }
  assert.equal(await gw.stop("SIGTERM"), 0);
  assert.match(gw.stderr(), /channels running: telegram, whatsapp, discord/);
  for (const secret of [GOOD_TELEGRAM_TOKEN, GOOD_DISCORD_TOKEN, "sk-ant-three-0123456789"]) {
    assert.ok(!gw.stderr().includes(secret) && !gw.stdout().includes(secret), "no secret logged");
  }
});
