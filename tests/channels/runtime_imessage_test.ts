/**
 * iMessage in the gateway's channel runner, against a fake `imsg` on PATH
 * that speaks `imsg rpc` (tests/channels/standins/imessage.ts): pairing,
 * approval, the answer in the same chat, the group rule (the bot's name in
 * the text), imsg restarted after it exits, a refused Messages database
 * (Full Disk Access) stopping only this channel, and a host that is not a
 * Mac starting nothing.
 */
import assert from "node:assert/strict";
import { imessageStandIn } from "./standins/imessage.ts";
import { runChannels } from "./runtime-harness.ts";
import { NEEDS_A_MAC } from "../../lib/channels/imessage/runtime.ts";

const ALICE = "+15551234567";
let rowId = 100;

function message(o: { chat: number; text: string; group?: boolean; fromMe?: boolean }) {
  return {
    id: ++rowId,
    chat_id: o.chat,
    guid: `guid-${rowId}`,
    sender: ALICE,
    is_from_me: o.fromMe ?? false,
    text: o.text,
    created_at: "2026-12-02T09:00:00Z",
    chat_identifier: o.group ? "chat493827561" : ALICE,
    chat_guid: o.group ? "iMessage;+;chat493827561" : `iMessage;-;${ALICE}`,
    is_group: o.group ?? false,
    attachments: [],
  };
}

Deno.test("imessage: unknown sender paired, approved, answered in the same chat; groups need the bot's name", async () => {
  await using imsg = await imessageStandIn();
  await using run = await runChannels({
    config: { channels: { imessage: { dbPath: "/Users/me/Library/Messages/chat.db" } } },
    platform: "darwin",
    env: { PATH: imsg.dir },
  });
  const running = await run.waitForState("imessage", "running");
  assert.match(running.detail ?? "", /imsg rpc/);
  assert.deepEqual(imsg.spawns[0], ["rpc", "--db", "/Users/me/Library/Messages/chat.db"]);

  await imsg.push(message({ chat: 7, text: "hello?" }));
  const code = await run.pairingCode("imessage", ALICE);
  const codeMsg = await imsg.waitForSend((m) => m.text.includes(code));
  assert.equal(codeMsg.chat_id, 7);
  assert.match(codeMsg.text, new RegExp(`pairing approve imessage ${code}`));
  assert.equal(run.agent.requests.length, 0, "nothing reaches the agent before approval");

  await run.approve("imessage", code);
  run.agent.reply("Hi Alice, approved now.");
  await imsg.push(message({ chat: 7, text: "now?" }));
  const reply = await imsg.waitForSend((m) => m.text === "Hi Alice, approved now.");
  assert.equal(reply.chat_id, 7);
  assert.deepEqual(run.agent.requests[0].origin, { surface: "imessage", peerId: ALICE });
  assert.equal(run.agent.requests[0].message, "now?");

  // Our own messages (the replies included) are never answered.
  await imsg.push(message({ chat: 7, text: "Hi Alice, approved now.", fromMe: true }));
  await run.waitForEvent("imessage", (e) => e.type === "ignored" && /bot's/.test(e.reason));

  await imsg.push(message({ chat: 9, text: "talking among ourselves", group: true }));
  await run.waitForEvent(
    "imessage",
    (e) => e.type === "ignored" && /without a mention/.test(e.reason),
  );
  run.agent.reply("Answer in the group.");
  await imsg.push(message({ chat: 9, text: "@openclaw what time is it?", group: true }));
  const inGroup = await imsg.waitForSend((m) => m.text === "Answer in the group.");
  assert.equal(inGroup.chat_id, 9);
  assert.equal(run.agent.requests.at(-1)?.message, "what time is it?");
  assert.equal(run.agent.requests.length, 2);
  assert.equal(imsg.spawns.length, 1);
});

Deno.test("imessage: imsg that exits is started again and asked for what came after the last message", async () => {
  await using imsg = await imessageStandIn();
  await using run = await runChannels({
    config: { channels: { imessage: { allowFrom: [ALICE] } } },
    platform: "darwin",
    env: { PATH: imsg.dir },
  });
  await run.waitForState("imessage", "running");
  run.agent.reply("first");
  const first = message({ chat: 7, text: "one" });
  await imsg.push(first);
  await imsg.waitForSend((m) => m.text === "first");
  assert.deepEqual(imsg.subscribes[0], {}, "the first watch starts from now");

  await imsg.exit(1);
  await run.waitForEvent(
    "imessage",
    (e) => e.type === "error" && /imsg exited \(code 1\).*reconnecting in/.test(e.message),
  );
  await imsg.waitForSubscribes(2);
  assert.deepEqual(imsg.subscribes[1], { since_rowid: first.id });
  await run.waitForState("imessage", "running");
  // A row imsg repeats after the restart is not answered twice.
  await imsg.push(first);
  run.agent.reply("second");
  await imsg.push(message({ chat: 7, text: "two" }));
  await imsg.waitForSend((m) => m.text === "second");
  assert.equal(run.agent.requests.length, 2);
  assert.deepEqual(run.agent.requests.map((r) => r.message), ["one", "two"]);
  assert.equal(imsg.spawns.length, 2);
});

for (const deny of ["answer", "exit"] as const) {
  Deno.test(`imessage: no Full Disk Access (imsg says so in its ${deny}) stops the channel with the fix, once`, async () => {
    await using imsg = await imessageStandIn({ deny });
    await using run = await runChannels({
      config: { channels: { imessage: {} } },
      platform: "darwin",
      env: { PATH: imsg.dir },
    });
    const stopped = await run.waitForState("imessage", "stopped");
    assert.match(stopped.detail ?? "", /did not let imsg read the Messages database/);
    assert.match(stopped.detail ?? "", /Privacy & Security → Full Disk Access/);
    const errors = run.events.filter((e) => e.event.type === "error");
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(imsg.spawns.length, 1, "not restarted");
  });
}

Deno.test("imessage: on a host that is not a Mac nothing starts and the status says why", async () => {
  await using imsg = await imessageStandIn();
  await using run = await runChannels({
    config: { channels: { imessage: { cliPath: `${imsg.dir}/imsg` } } },
    platform: "linux",
    env: { PATH: imsg.dir },
  });
  const stopped = await run.waitForState("imessage", "stopped");
  assert.equal(stopped.detail, NEEDS_A_MAC);
  assert.match(stopped.detail ?? "", /use BlueBubbles on a Mac/);
  const events = run.events.filter((e) => e.channel === "imessage");
  assert.equal(events.length, 1, JSON.stringify(events));
  assert.equal(imsg.spawns.length, 0);
});

Deno.test("imessage: without imsg on PATH the channel says how to install it", async () => {
  await using run = await runChannels({
    config: { channels: { imessage: {} } },
    platform: "darwin",
    env: { PATH: "/nonexistent" },
  });
  const stopped = await run.waitForState("imessage", "stopped");
  assert.match(stopped.detail ?? "", /imsg is not on PATH/);
  assert.match(stopped.detail ?? "", /brew install steipete\/tap\/imsg/);
  assert.match(stopped.detail ?? "", /channels\.imessage\.cliPath/);
});

Deno.test("imessage: a cliPath that is not there stops the channel instead of retrying", async () => {
  await using run = await runChannels({
    config: { channels: { imessage: { cliPath: "/nonexistent/imsg" } } },
    platform: "darwin",
    env: { PATH: "/nonexistent" },
  });
  const stopped = await run.waitForState("imessage", "stopped");
  assert.match(stopped.detail ?? "", /\/nonexistent\/imsg is not an executable file/);
  assert.equal(run.events.filter((e) => e.event.type === "error").length, 1);
});
