/**
 * Three channels in one gateway at once (Telegram, Matrix, Signal against
 * their stand-ins): each answers in its own conversation through the one
 * agent, and a refused credential on one (Matrix) leaves the others running.
 */
import assert from "node:assert/strict";
import { runChannels } from "./runtime-harness.ts";
import { dm, GOOD_TELEGRAM_TOKEN, telegramStandIn } from "./standins.ts";
import { matrixHomeserver } from "./standins/matrix.ts";
import { SIGNAL_ACCOUNT, signalDaemonStandIn } from "./standins/signal.ts";

Deno.test("three channels in one gateway: each answers in its own conversation; one refused token stops only its channel", async () => {
  await using tg = telegramStandIn();
  await using hs = matrixHomeserver();
  await using sig = signalDaemonStandIn();
  hs.room("!dm:example.org", ["@alice:example.org"]);
  await using run = await runChannels({
    config: {
      channels: {
        telegram: { botToken: GOOD_TELEGRAM_TOKEN, dmPolicy: "open" },
        matrix: { homeserver: hs.base, accessToken: "syt_revoked_000000", dmPolicy: "open" },
        signal: { account: SIGNAL_ACCOUNT, httpUrl: sig.base, dmPolicy: "open" },
      },
    },
    apiBase: { telegram: tg.base },
    gateway: true,
  });
  await run.waitForState("telegram", "running");
  await run.waitForState("signal", "running");
  const matrix = await run.waitForState("matrix", "stopped");
  assert.match(matrix.detail ?? "", /channels\.matrix\.accessToken/);
  assert.deepEqual(run.started.toSorted(), ["matrix", "signal", "telegram"]);

  run.agent.reply("hello Telegram");
  tg.push(dm(4242, "hi from telegram"));
  const onTelegram = await tg.waitForSend((m) => m.text === "hello Telegram");
  assert.equal(String(onTelegram.chat_id), "4242");

  run.agent.reply("hello Signal");
  await sig.push({
    envelope: { sourceNumber: "+15552223333", dataMessage: { message: "hi from signal" } },
  });
  const onSignal = await sig.waitForCall((c) => c.params.message === "hello Signal");
  assert.deepEqual(onSignal.params.recipient, ["+15552223333"]);

  assert.deepEqual(
    run.agent.requests.map((r) => r.origin),
    [{ surface: "telegram", peerId: "4242" }, { surface: "signal", peerId: "+15552223333" }],
  );
  // The gateway's board (what channels.status answers) still says why Matrix stopped.
  const states = Object.fromEntries(run.board.snapshot().map((s) => [s.channel, s.state]));
  assert.deepEqual(states, { telegram: "running", matrix: "stopped", signal: "running" });
  assert.ok(run.gateway, "a real gateway ran the three");
});
