/**
 * Signal in the gateway's channel runner: with a fake `signal-cli` on PATH
 * (the gateway starts its daemon, pairs, answers in the same DM or group,
 * and stops the daemon with the channel), with an account signal-cli does
 * not know (the channel stops and says what to run), and against an
 * existing daemon's URL (its event stream dropped and reconnected).
 */
import assert from "node:assert/strict";
import { runChannels } from "./runtime-harness.ts";
import {
  fakeSignalCli,
  SIGNAL_ACCOUNT,
  SIGNAL_ACCOUNT_UUID,
  signalDaemonStandIn,
} from "./standins/signal.ts";

const ALICE = "+15552223333";
const GROUP = "Z3JvdXAtaWQtMTIzNDU2Nzg5MA==";

function envelope(text: string, opts: { group?: boolean; mentionMe?: boolean } = {}) {
  return {
    envelope: {
      source: ALICE,
      sourceNumber: ALICE,
      sourceUuid: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
      sourceName: "Alice",
      timestamp: 1764300000000,
      dataMessage: {
        timestamp: 1764300000000,
        message: opts.mentionMe ? `\uFFFC ${text}` : text,
        ...(opts.group ? { groupInfo: { groupId: GROUP, type: "DELIVER" } } : {}),
        ...(opts.mentionMe
          ? { mentions: [{ name: SIGNAL_ACCOUNT, uuid: SIGNAL_ACCOUNT_UUID, start: 0, length: 1 }] }
          : {}),
      },
    },
  };
}

Deno.test("signal: the gateway runs signal-cli's daemon; pairing, approval and answers in the same DM or group; stopped with the channel", async () => {
  await using cli = await fakeSignalCli();
  const run = await runChannels({
    config: { channels: { signal: { account: SIGNAL_ACCOUNT } } },
    env: { PATH: cli.dir },
  });
  try {
    const running = await run.waitForState("signal", "running", 15000);
    const { control, args } = await cli.started();
    assert.deepEqual(args.slice(0, 4), ["-a", SIGNAL_ACCOUNT, "daemon", "--http"]);
    assert.match(args[4], /^127\.0\.0\.1:\d+$/);
    assert.equal(running.detail, `${SIGNAL_ACCOUNT} via ${args[4]}`);

    await control.push(envelope("hello?"));
    const code = await run.pairingCode("signal", ALICE);
    const codeMsg = await control.waitForCall((c) => c.method === "send");
    assert.deepEqual(codeMsg.params.recipient, [ALICE]);
    assert.match(String(codeMsg.params.message), new RegExp(`pairing approve signal ${code}`));
    assert.equal(codeMsg.params.account, undefined, "its own daemon serves one account");
    assert.equal(run.agent.requests.length, 0);

    await run.approve("signal", code);
    run.agent.reply("Hi Alice, approved now.");
    await control.push(envelope("now?"));
    const reply = await control.waitForCall((c) => c.params.message === "Hi Alice, approved now.");
    assert.deepEqual(reply.params.recipient, [ALICE]);
    assert.deepEqual(run.agent.requests[0].origin, { surface: "signal", peerId: ALICE });
    assert.equal(run.agent.requests[0].message, "now?");
    assert.ok((await control.calls()).some((c) => c.method === "sendTyping"));

    await control.push(envelope("talking among ourselves", { group: true }));
    await run.waitForEvent(
      "signal",
      (e) => e.type === "ignored" && /without a mention/.test(e.reason),
    );
    run.agent.reply("Answer in the group.");
    await control.push(envelope("what time is it?", { group: true, mentionMe: true }));
    const inGroup = await control.waitForCall((c) => c.params.message === "Answer in the group.");
    assert.equal(inGroup.params.groupId, GROUP);
    assert.equal(inGroup.params.recipient, undefined);
    assert.equal(run.agent.requests.at(-1)?.message, "what time is it?");
    assert.equal(run.agent.requests.length, 2);

    await run.stop();
    await assert.rejects(fetch(`${control.base}/api/v1/check`), "the daemon is stopped");
  } finally {
    await run.stop();
  }
});

Deno.test("signal: an account signal-cli has not registered stops the channel and says what to run", async () => {
  await using cli = await fakeSignalCli({ unregistered: true });
  await using run = await runChannels({
    config: { channels: { signal: { account: SIGNAL_ACCOUNT } } },
    env: { PATH: cli.dir },
  });
  const stopped = await run.waitForState("signal", "stopped", 15000);
  assert.match(
    stopped.detail ?? "",
    /Signal rejected the account \+15550001111: User \+15550001111 is not registered\./,
  );
  assert.match(stopped.detail ?? "", /signal-cli link -n openclaw/);
  assert.match(stopped.detail ?? "", /signal-cli -a \+15550001111 register/);
  const errors = run.events.filter((e) => e.event.type === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
});

Deno.test("signal: an existing daemon's URL is used as is; a dropped event stream reconnects", async () => {
  await using daemon = signalDaemonStandIn();
  await using run = await runChannels({
    config: {
      channels: {
        signal: { account: SIGNAL_ACCOUNT, httpUrl: daemon.base, dmPolicy: "open" },
      },
    },
  });
  const running = await run.waitForState("signal", "running");
  assert.equal(running.detail, `${SIGNAL_ACCOUNT} via ${daemon.base}`);

  await daemon.drop();
  await run.waitForEvent("signal", (e) => e.type === "error" && /reconnecting/.test(e.message));
  run.agent.reply("still here");
  // A sender whose number Signal does not share is known by their uuid.
  const uuid = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
  await daemon.push({
    envelope: { sourceUuid: uuid.toUpperCase(), dataMessage: { message: "anyone?" } },
  });
  const reply = await daemon.waitForCall((c) => c.params.message === "still here");
  assert.deepEqual(reply.params.recipient, [uuid]);
  assert.equal(reply.params.account, SIGNAL_ACCOUNT, "a shared daemon is told the account");
  assert.deepEqual(run.agent.requests[0].origin, { surface: "signal", peerId: uuid });
});

Deno.test("signal: the gateway starts signal-cli's daemon again when it dies", async () => {
  await using cli = await fakeSignalCli();
  await using run = await runChannels({
    config: { channels: { signal: { account: SIGNAL_ACCOUNT, dmPolicy: "open" } } },
    env: { PATH: cli.dir },
  });
  await run.waitForState("signal", "running", 15000);
  const first = await cli.started();
  await first.control.crash();
  await run.waitForEvent("signal", (e) => e.type === "error" && /reconnecting/.test(e.message));
  let second = await cli.started();
  const deadline = Date.now() + 15000;
  while (second.pid === first.pid && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    second = await cli.started();
  }
  assert.notEqual(second.pid, first.pid, "a new daemon");
  run.agent.reply("back");
  await second.control.push(envelope("are you back?"));
  await second.control.waitForCall((c) => c.params.message === "back", 15000);
  assert.deepEqual(run.agent.requests.map((r) => r.message), ["are you back?"]);
});
