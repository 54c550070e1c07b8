/**
 * The whole Telegram pairing loop against a Bot API stand-in: an unknown
 * DM gets a pairing code, `openclaw pairing approve` (the real CLI, in a
 * subprocess with the same temp HOME) approves it, and the sender's next
 * message is accepted.
 */
import assert from "node:assert/strict";
import { startTelegramChannel } from "../../lib/channels/telegram/runtime.ts";
import type { InboundMessage } from "../../lib/channels/channel-runtime.ts";
import { modeOf, tempDir } from "../helpers/host.ts";
import { runCli } from "../e2e/cli.ts";
import {
  dm,
  GOOD_TELEGRAM_TOKEN,
  runtimeHost,
  telegramChannelOn,
  telegramStandIn,
  waitFor,
} from "./standins.ts";

Deno.test("telegram pairing: unknown DM → code → approve via the CLI → accepted", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const config = { channels: { telegram: { botToken: GOOD_TELEGRAM_TOKEN } } };
  await Deno.mkdir(`${home.path}/.openclaw`, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(`${home.path}/.openclaw/openclaw.json`, JSON.stringify(config));
  const { channel, accepted, events } = telegramChannelOn(home.path, api, config);
  try {
    api.push(dm(4242, "hello?"));
    const reply = await api.waitForSend((m) => String(m.chat_id) === "4242");
    const code = reply.text.match(/code: ([A-Z2-9]{8})/)?.[1];
    assert.ok(code, `a pairing code in: ${reply.text}`);
    assert.equal(accepted.length, 0, "nothing reaches the agent before approval");
    assert.equal(await modeOf(`${home.path}/.openclaw/credentials/telegram-pairing.json`), 0o600);

    // A second message while waiting does not get another code.
    api.push(dm(4242, "still there?"));
    await waitFor(events, (e) => e.type === "pairing-waiting");
    assert.equal(api.sent.length, 1);

    const list = await runCli(["pairing", "list", "telegram"], { home: home.path });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${code}\\s+from @alice \\(4242\\)`));

    const approve = await runCli(
      ["pairing", "approve", "telegram", code.toLowerCase(), "--notify"],
      {
        home: home.path,
        env: { OPENCLAW_TELEGRAM_API_BASE: api.base },
      },
    );
    assert.equal(approve.code, 0, approve.stderr);
    assert.match(approve.stdout, /Approved @alice \(4242\) on telegram/);
    assert.equal(await modeOf(`${home.path}/.openclaw/credentials/telegram-allowFrom.json`), 0o600);

    api.push(dm(4242, "now it works"));
    const got = await waitFor(accepted, (m) => m.text === "now it works");
    assert.equal(got.senderId, "4242");
    assert.equal(api.sent.length, 2, "no new code after approval");
    assert.match(api.sent[1].text, /approved/, "--notify told the sender");

    // The same code cannot be approved twice.
    const again = await runCli(["pairing", "approve", "telegram", code], { home: home.path });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /No telegram pairing request has the code/);
  } finally {
    await channel.stop();
  }
});

Deno.test("telegram runtime: allowlist ignores strangers, a rejected token stops the loop", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const { channel: ch, accepted, events, host, paths } = telegramChannelOn(home.path, api, {
    channels: {
      telegram: { botToken: GOOD_TELEGRAM_TOKEN, dmPolicy: "allowlist", allowFrom: ["7"] },
    },
  });
  api.push(dm(8, "stranger"));
  api.push(dm(7, "friend"));
  await waitFor(accepted, (m) => m.senderId === "7");
  await waitFor(events, (e) => e.type === "ignored" && e.senderId === "8");
  assert.equal(api.sent.length, 0, "an allowlist sends no pairing codes");
  await ch.stop();

  const bad = startTelegramChannel({
    config: { channels: { telegram: { botToken: "1:wrong" } } },
    paths,
    host,
    apiBase: api.base,
    pollTimeoutSec: 1,
    onEvent: (e) => void events.push(e),
  });
  await bad.done;
  assert.ok(events.some((e) => e.type === "error" && /rejected the bot token/.test(e.message)));
});

Deno.test("telegram runtime: the update offset survives a restart (no message handled twice)", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const { host, paths } = runtimeHost(home.path);
  const config = { channels: { telegram: { botToken: GOOD_TELEGRAM_TOKEN, dmPolicy: "open" } } };
  const { startChannelRuntimes } = await import("../../lib/channels/runtime.ts");
  const accepted: InboundMessage[] = [];
  const none = await startChannelRuntimes({
    config: { channels: { telegram: { enabled: false } } },
    paths,
    host,
  });
  assert.deepEqual(none.started, []);
  await none.stop();

  const run = async () => {
    const r = await startChannelRuntimes({
      config,
      paths,
      host,
      apiBase: { telegram: api.base },
      onMessage: (m) => void accepted.push(m),
    });
    assert.deepEqual(r.started, ["telegram"]);
    return r;
  };
  const a = await run();
  api.push(dm(9, "once"));
  await waitFor(accepted, (m) => m.text === "once");
  await a.stop();
  const polls = api.calls.filter((c) => c === "getUpdates").length;
  const b = await run();
  const asked = () => api.calls.filter((c) => c === "getUpdates").length;
  await waitFor([true], () => asked() >= polls + 1);
  api.endPoll(); // its first poll ends with what the saved offset leaves: nothing
  await waitFor([true], () => asked() >= polls + 2);
  await b.stop();
  assert.equal(accepted.length, 1, "the restarted loop did not hand the message over again");
});
