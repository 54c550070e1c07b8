/**
 * Telegram wired to the agent, in process, against the Bot API stand-in and
 * a fake agent: an allowed DM becomes a turn from that sender and the reply
 * is sent to that chat; "typing" shows at once and again on each tick of the
 * (injected) ticker while the model works; long replies are split under
 * 4,096 characters; a failed turn sends its short text and the channel keeps
 * answering; one log line per turn, without the text.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { dm, GOOD_TELEGRAM_TOKEN, runtimeHost, telegramStandIn, waitFor } from "./standins.ts";
import { FakeAgent } from "../agent/fake-agent.ts";
import { startAgentChannels, type Ticker } from "../../lib/channels/agent-turns.ts";
import { TELEGRAM_MAX_MESSAGE } from "../../lib/channels/telegram/reply.ts";
import { splitMessage } from "../../lib/channels/split-message.ts";

/** A ticker the test fires by hand: `tick()` runs every live callback once. */
function manualTicker() {
  const live = new Set<() => void>();
  const ticker: Ticker = (_ms, fn) => {
    live.add(fn);
    return () => live.delete(fn);
  };
  return { ticker, tick: () => [...live].forEach((f) => f()), live: () => live.size };
}

async function start(home: string, base: string, agent: FakeAgent, ticker: Ticker) {
  const { host, paths } = runtimeHost(home);
  const logs: string[] = [];
  const channels = await startAgentChannels({
    config: { channels: { telegram: { botToken: GOOD_TELEGRAM_TOKEN, dmPolicy: "open" } } },
    paths,
    host,
    apiBase: { telegram: base },
    agent: { get: () => Promise.resolve(agent) },
    log: (l) => void logs.push(l),
    ticker,
  });
  return { channels, logs };
}

Deno.test("an allowed DM is answered by the agent in that chat, typing while it works", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  let release!: () => void;
  const agent = new FakeAgent().reply({
    text: "Hello Alice!",
    gate: new Promise<void>((r) => (release = r)),
  });
  const clock = manualTicker();
  const { channels, logs } = await start(home.path, api.base, agent, clock.ticker);
  try {
    api.push(dm(4242, "hi bot, secret plans"));
    await waitFor(api.actions, (a) => String(a.chat_id) === "4242");
    assert.equal(agent.requests.length, 1);
    assert.deepEqual(agent.requests[0].origin, { surface: "telegram", peerId: "4242" });
    assert.equal(agent.requests[0].message, "hi bot, secret plans");
    // While the model works, each tick renews "typing".
    clock.tick();
    clock.tick();
    await waitFor(api.actions, () => api.actions.length >= 3);
    assert.ok(api.actions.every((a) => a.action === "typing" && String(a.chat_id) === "4242"));
    release();
    const reply = await api.waitForSend((m) => String(m.chat_id) === "4242");
    assert.equal(reply.text, "Hello Alice!");
    assert.equal(clock.live(), 0, "typing stops with the turn");
    await waitFor(logs, (l) => l.includes("answered"));
    const turnLines = logs.filter((l) => l.includes("4242"));
    assert.equal(turnLines.length, 1, logs.join("\n"));
    assert.match(turnLines[0], /telegram: 4242: answered in \d+ ms/);
    assert.ok(
      !logs.join("\n").includes("secret plans") && !logs.join("\n").includes("Hello Alice"),
    );
  } finally {
    await channels.stop();
  }
});

Deno.test("a failed turn sends its short text; the channel keeps answering; long replies split", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const long = ("A sentence that goes on. ".repeat(40) + "\n\n").repeat(12); // ~12,000 chars
  const agent = new FakeAgent().reply(
    { text: "The model is busy (rate limited); try again in a minute.", error: "rate-limit" },
    { text: long },
  );
  const { channels, logs } = await start(home.path, api.base, agent, manualTicker().ticker);
  try {
    api.push(dm(5151, "first"));
    const err = await api.waitForSend((m) => String(m.chat_id) === "5151");
    assert.equal(err.text, "The model is busy (rate limited); try again in a minute.");
    await waitFor(logs, (l) => l.includes("turn failed (rate-limit)"));

    api.push(dm(5151, "second"));
    await waitFor(api.sent, () => api.sent.length >= 4, 8000);
    const parts = api.sent.slice(1).map((m) => m.text);
    assert.ok(parts.length >= 3, `split into ${parts.length}`);
    assert.ok(parts.every((p) => p.length <= TELEGRAM_MAX_MESSAGE));
    // Split at paragraph ends: every part but the last ends a sentence.
    assert.ok(
      parts.slice(0, -1).every((p) => p.endsWith(".")),
      parts.map((p) => p.slice(-20)).join("|"),
    );
    assert.equal(parts.join("").replace(/\s/g, ""), long.replace(/\s/g, ""), "nothing lost");
  } finally {
    await channels.stop();
  }
});

Deno.test("splitMessage: boundaries in order of preference, hard cut only without any", () => {
  assert.deepEqual(splitMessage("short", 10), ["short"]);
  assert.deepEqual(splitMessage("aaaa bbbb\n\ncccc", 12), ["aaaa bbbb", "cccc"]);
  assert.deepEqual(splitMessage("aaaa. bbbb cccc", 12), ["aaaa. bbbb", "cccc"]);
  assert.deepEqual(splitMessage("x".repeat(25), 10), [
    "x".repeat(10),
    "x".repeat(10),
    "x".repeat(5),
  ]);
  // Never between the halves of a surrogate pair.
  const emoji = "😀".repeat(6); // 12 code units
  const parts = splitMessage(emoji, 5);
  assert.equal(parts.join(""), emoji);
  assert.ok(parts.every((p) => p.length <= 5 && !/[\ud800-\udbff]$/.test(p)));
});

Deno.test("a DM without text (a sticker) still goes to the agent, which says what it can read", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const agent = new FakeAgent().reply("I can only read text messages for now.");
  const { channels } = await start(home.path, api.base, agent, manualTicker().ticker);
  try {
    const sticker = dm(6161, "");
    delete (sticker.message as { text?: string }).text;
    api.push(sticker);
    const reply = await api.waitForSend((m) => String(m.chat_id) === "6161");
    assert.equal(reply.text, "I can only read text messages for now.");
    assert.equal(agent.requests[0].message, "");
  } finally {
    await channels.stop();
  }
});
