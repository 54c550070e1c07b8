/**
 * Matrix in the gateway's channel runner, against the homeserver stand-in:
 * history is not answered on the first start, invites are joined, an
 * unknown sender is paired in their DM and answered there once approved,
 * groups need a mention, encrypted rooms are reported, a refused token
 * stops only this channel, and a dropped /sync reconnects and resumes
 * from the token kept on disk.
 */
import assert from "node:assert/strict";
import { runChannels } from "./runtime-harness.ts";
import {
  GOOD_MATRIX_TOKEN,
  MATRIX_BOT,
  MATRIX_BOT_NAME,
  matrixHomeserver,
} from "./standins/matrix.ts";
import { stripMention } from "../../lib/channels/matrix/message.ts";
import { sincePath } from "../../lib/channels/matrix/since.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { testHost } from "../helpers/host.ts";

const ALICE = "@alice:example.org";
const BOB = "@bob:example.org";

function config(token = GOOD_MATRIX_TOKEN) {
  return { channels: { matrix: { homeserver: "https://matrix.invalid", accessToken: token } } };
}

Deno.test("matrix: first start skips history; a DM invite is joined, paired, approved and answered in that room; groups need a mention", async () => {
  await using hs = matrixHomeserver();
  hs.room("!group:example.org", [ALICE, BOB]);
  hs.message("!group:example.org", ALICE, `${MATRIX_BOT_NAME}: an old question`, {
    mentions: [MATRIX_BOT],
  });
  await using run = await runChannels({ config: config(), apiBase: { matrix: hs.base } });
  const running = await run.waitForState("matrix", "running");
  assert.equal(running.detail, MATRIX_BOT);
  assert.equal(hs.syncs[0].since, undefined);

  // Alice starts a DM: she creates the room, invites the bot, writes at once.
  hs.invite("!dm:example.org", ALICE, { isDirect: true });
  hs.message("!dm:example.org", ALICE, "hello?");
  const code = await run.pairingCode("matrix", ALICE);
  assert.deepEqual(hs.joins, ["!dm:example.org"]);
  const codeMsg = await hs.waitForSend((m) => m.body.includes(code));
  assert.equal(codeMsg.roomId, "!dm:example.org");
  assert.match(codeMsg.body, new RegExp(`pairing approve matrix ${code}`));
  assert.equal(run.agent.requests.length, 0, "nothing reaches the agent before approval");

  await run.approve("matrix", code);
  run.agent.reply("Hi Alice, approved now.");
  hs.message("!dm:example.org", ALICE, "now?");
  const reply = await hs.waitForSend((m) => m.body === "Hi Alice, approved now.");
  assert.equal(reply.roomId, "!dm:example.org");
  assert.equal(reply.msgtype, "m.text");
  assert.deepEqual(run.agent.requests[0].origin, { surface: "matrix", peerId: ALICE });
  assert.equal(run.agent.requests[0].message, "now?");
  assert.ok(hs.typing.some((t) => t.roomId === "!dm:example.org" && t.userId === MATRIX_BOT));
  assert.equal(new Set(hs.sent.map((s) => s.txnId)).size, hs.sent.length, "unique txn ids");

  hs.message("!group:example.org", ALICE, "talking among ourselves");
  await run.waitForEvent(
    "matrix",
    (e) => e.type === "ignored" && /without a mention/.test(e.reason),
  );
  run.agent.reply("Answer in the group.");
  hs.message("!group:example.org", ALICE, `${MATRIX_BOT_NAME}: what time is it?`, {
    mentions: [MATRIX_BOT],
  });
  const inGroup = await hs.waitForSend((m) => m.body === "Answer in the group.");
  assert.equal(inGroup.roomId, "!group:example.org");
  assert.equal(run.agent.requests.at(-1)?.message, "what time is it?");
  assert.equal(run.agent.requests.length, 2, "the old history was never answered");
  assert.ok(
    run.events.every((e) => e.event.type !== "error"),
    JSON.stringify(run.events.filter((e) => e.event.type === "error")),
  );
});

Deno.test("matrix: an encrypted room is ignored with its reason, and channels status says so", async () => {
  await using hs = matrixHomeserver();
  hs.room("!secret:example.org", [ALICE], { encrypted: true });
  hs.room("!plain:example.org", [BOB]);
  await using run = await runChannels({
    config: { channels: { matrix: { ...config().channels.matrix, dmPolicy: "open" } } },
    apiBase: { matrix: hs.base },
  });
  const running = await run.waitForState("matrix", "running");
  assert.equal(
    running.detail,
    `${MATRIX_BOT}; 1 encrypted room ignored: end-to-end encryption is not supported`,
  );
  hs.event("!secret:example.org", {
    type: "m.room.encrypted",
    sender: ALICE,
    content: { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "AwgA…" },
  });
  const ignored = await run.waitForEvent("matrix", (e) => e.type === "ignored");
  assert.deepEqual(ignored, {
    type: "ignored",
    senderId: ALICE,
    reason: "an encrypted message: end-to-end encryption is not supported",
  });
  // The person in that DM learns why, once; nothing reaches the agent.
  const notice = await hs.waitForSend((m) => m.roomId === "!secret:example.org");
  assert.match(notice.body, /cannot read encrypted messages/);
  hs.event("!secret:example.org", {
    type: "m.room.encrypted",
    sender: ALICE,
    content: { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "AwgB…" },
  });
  // Events are handled in order: once a later plain message is answered, the second was handled.
  run.agent.reply("plain answer");
  hs.message("!plain:example.org", BOB, "plain");
  await hs.waitForSend((m) => m.body === "plain answer");
  assert.deepEqual(run.agent.requests.map((r) => r.message), ["plain"]);
  assert.equal(hs.sent.filter((m) => m.roomId === "!secret:example.org").length, 1, "said once");
});

Deno.test("matrix: a refused access token stops the channel with one line naming the key", async () => {
  await using hs = matrixHomeserver();
  await using run = await runChannels({
    config: config("syt_revoked_token_0000000000"),
    apiBase: { matrix: hs.base },
  });
  const stopped = await run.waitForState("matrix", "stopped");
  assert.match(stopped.detail ?? "", /Matrix rejected the access token \(401 M_UNKNOWN_TOKEN\)/);
  assert.match(stopped.detail ?? "", /channels\.matrix\.accessToken/);
  const errors = run.events.filter((e) => e.event.type === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.ok(!hs.calls.includes("sync"), "no sync with a refused token");
});

Deno.test("matrix: a dropped sync reconnects; a room joined later skips what came before the invite; a restart resumes from the kept token", async () => {
  await using hs = matrixHomeserver();
  hs.room("!dm:example.org", [ALICE]);
  const home = await Deno.makeTempDir({ prefix: "openclaw-matrix-" });
  const open = { channels: { matrix: { ...config().channels.matrix, dmPolicy: "open" } } };
  try {
    {
      await using run = await runChannels({ config: open, apiBase: { matrix: hs.base }, home });
      await run.waitForState("matrix", "running");
      hs.drop();
      await run.waitForEvent("matrix", (e) => e.type === "error" && /reconnecting/.test(e.message));
      run.agent.reply("after the drop");
      hs.message("!dm:example.org", ALICE, "still there?");
      await hs.waitForSend((m) => m.body === "after the drop");
      assert.equal(run.agent.requests.length, 1);
      // A room joined later: what was said there before the invite is its history.
      hs.invite("!bob:example.org", BOB, { isDirect: true, before: ["said before the invite"] });
      hs.message("!bob:example.org", BOB, "said after it");
      run.agent.reply("hi Bob");
      await hs.waitForSend((m) => m.body === "hi Bob" && m.roomId === "!bob:example.org");
      assert.deepEqual(run.agent.requests.map((r) => r.message), ["still there?", "said after it"]);
      assert.ok(hs.calls.filter((c) => c === "whoami").length >= 2, "a new session after the drop");
    }
    const kept = JSON.parse(await Deno.readTextFile(sincePath(resolvePaths(testHost({ home })))));
    assert.equal(kept.userId, MATRIX_BOT);
    const restartAt = hs.syncs.length;
    // Written while the gateway was down: answered after the restart, the earlier one not again.
    hs.message("!dm:example.org", ALICE, "while you were away");
    await using run = await runChannels({ config: open, apiBase: { matrix: hs.base }, home });
    run.agent.reply("back again");
    await hs.waitForSend((m) => m.body === "back again");
    assert.deepEqual(run.agent.requests.map((r) => r.message), ["while you were away"]);
    assert.deepEqual(hs.syncs[restartAt], { since: kept.since, fullState: true });
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("matrix: a rate-limited send waits as asked and is sent once, with the same transaction id", async () => {
  await using hs = matrixHomeserver();
  hs.room("!dm:example.org", [ALICE]);
  await using run = await runChannels({
    config: { channels: { matrix: { ...config().channels.matrix, dmPolicy: "open" } } },
    apiBase: { matrix: hs.base },
  });
  await run.waitForState("matrix", "running");
  hs.rateLimitNextSend(30);
  run.agent.reply("patience");
  hs.message("!dm:example.org", ALICE, "hi");
  const sent = await hs.waitForSend((m) => m.body === "patience");
  assert.deepEqual(hs.limited, [sent.txnId]);
  assert.equal(hs.sent.length, 1);
});

Deno.test("matrix: the bot's name or id is taken out of the text", () => {
  const me = { userId: MATRIX_BOT, displayName: MATRIX_BOT_NAME };
  assert.equal(stripMention("Claw: what time is it?", me), "what time is it?");
  assert.equal(stripMention(`${MATRIX_BOT}: ping`, me), "ping");
  assert.equal(stripMention("hey claw, how are you", me), "hey how are you");
  assert.equal(stripMention("Clawson is not me", me), "Clawson is not me");
  assert.equal(stripMention("Claw", me), "Claw");
});

Deno.test("matrix: a kept sync position the homeserver no longer knows starts from now", async () => {
  await using hs = matrixHomeserver();
  hs.room("!dm:example.org", [ALICE]);
  hs.message("!dm:example.org", ALICE, "old news");
  const home = await Deno.makeTempDir({ prefix: "openclaw-matrix-" });
  const file = sincePath(resolvePaths(testHost({ home })));
  await Deno.mkdir(file.replace(/\/[^/]+$/, ""), { recursive: true });
  await Deno.writeTextFile(file, JSON.stringify({ userId: MATRIX_BOT, since: "s999" }));
  try {
    await using run = await runChannels({
      config: { channels: { matrix: { ...config().channels.matrix, dmPolicy: "open" } } },
      apiBase: { matrix: hs.base },
      home,
    });
    await run.waitForState("matrix", "running");
    await run.waitForEvent(
      "matrix",
      (e) => e.type === "error" && /refused the kept sync position/.test(e.message),
    );
    run.agent.reply("fresh");
    hs.message("!dm:example.org", ALICE, "new news");
    await hs.waitForSend((m) => m.body === "fresh");
    assert.deepEqual(run.agent.requests.map((r) => r.message), ["new news"]);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
