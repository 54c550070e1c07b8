/**
 * WhatsApp in the gateway's channel runner: the real worker process in run
 * mode (its own lock and permissions), with Baileys replaced by the
 * stand-in library that talks to a local WhatsApp stand-in. The checks
 * every channel's runtime test makes: pairing, approval, the answer in the
 * same chat, groups answered only when mentioned, a logged-out device
 * stopping only WhatsApp, and reconnecting after a dropped connection and
 * after the worker crashed.
 */
import assert from "node:assert/strict";
import { GOOD_TELEGRAM_TOKEN, telegramStandIn, waitFor } from "./standins.ts";
import {
  BOT_JID,
  BOT_PHONE,
  waDm,
  waGroup,
  whatsappStandIn,
  writeLinkedCreds,
} from "./standins/whatsapp.ts";
import { runChannels } from "./runtime-harness.ts";
import { tempDir } from "../helpers/host.ts";
import { isFile } from "../../lib/channels/probe.ts";

const ALICE = "15557654321";
const GROUP = "120363000000000001";
const config = { channels: { whatsapp: { accounts: { default: {} } } } };
const authDirOf = (home: string) => `${home}/.openclaw/credentials/whatsapp/default`;

Deno.test("whatsapp: unknown sender paired, approved, answered in the same chat; groups need a mention", async () => {
  await using home = await tempDir();
  await writeLinkedCreds(authDirOf(home.path));
  await using wa = whatsappStandIn();
  await using run = await runChannels({ config, env: wa.env, home: home.path });
  const running = await run.waitForState("whatsapp", "running");
  assert.equal(running.detail, `+${BOT_PHONE}`);
  assert.deepEqual(
    (wa.hellos[0].creds as { me: { id: string } }).me.id,
    BOT_JID,
    "the worker connected with the credentials the link stored",
  );

  wa.push(waDm(ALICE, "hello?"));
  const code = await run.pairingCode("whatsapp", `+${ALICE}`);
  const codeMsg = await wa.waitForSend((s) => s.jid === `${ALICE}@s.whatsapp.net`);
  assert.match(codeMsg.text, new RegExp(`pairing approve whatsapp ${code}`));
  assert.equal(run.agent.requests.length, 0, "nothing reaches the agent before approval");

  await run.approve("whatsapp", code);
  run.agent.reply("Hi Alice, approved now.");
  wa.push(waDm(ALICE, "now?"));
  const reply = await wa.waitForSend((s) => s.text === "Hi Alice, approved now.");
  assert.equal(reply.jid, `${ALICE}@s.whatsapp.net`);
  assert.deepEqual(run.agent.requests[0].origin, { surface: "whatsapp", peerId: `+${ALICE}` });
  assert.equal(run.agent.requests[0].message, "now?");
  assert.ok(
    wa.presence.some((p) => p.type === "composing" && p.jid === `${ALICE}@s.whatsapp.net`),
    "typing shown in the chat",
  );

  // The linked account's own messages are never answered.
  const own = waDm(ALICE, "sent from my phone");
  wa.push({ ...own, key: { ...own.key, fromMe: true } });
  await run.waitForEvent(
    "whatsapp",
    (e) => e.type === "ignored" && /a bot's message/.test(e.reason),
  );

  // In a group: ignored without a mention, answered in the group with one (mention taken out).
  wa.push(waGroup(GROUP, ALICE, "talking among ourselves"));
  await run.waitForEvent(
    "whatsapp",
    (e) => e.type === "ignored" && /without a mention/.test(e.reason),
  );
  run.agent.reply("Answer in the group.");
  wa.push(waGroup(GROUP, ALICE, "what time is it?", true));
  const inGroup = await wa.waitForSend((s) => s.text === "Answer in the group.");
  assert.equal(inGroup.jid, `${GROUP}@g.us`);
  assert.equal(run.agent.requests.at(-1)?.message, "what time is it?");
  assert.equal(run.agent.requests.length, 2);
  const status = run.board.snapshot().find((s) => s.channel === "whatsapp");
  assert.ok(status?.lastMessageAt, "the last message time is recorded");

  // Stopping the gateway's channels ends the worker: its session closes.
  await run.stop();
  await waitFor([true], () => wa.openSessions() === 0);
});

Deno.test("whatsapp: a logged-out device stops only WhatsApp, with the command that links it again", async () => {
  await using home = await tempDir();
  const authDir = authDirOf(home.path);
  await writeLinkedCreds(authDir);
  await using wa = whatsappStandIn();
  wa.logOut();
  await using tg = telegramStandIn();
  await using run = await runChannels({
    config: { channels: { ...config.channels, telegram: { botToken: GOOD_TELEGRAM_TOKEN } } },
    apiBase: { telegram: tg.base },
    env: wa.env,
    home: home.path,
  });
  const stopped = await run.waitForState("whatsapp", "stopped");
  assert.match(stopped.detail ?? "", /WhatsApp rejected this linked device \(logged out, 401\)/);
  assert.match(
    stopped.detail ?? "",
    /WhatsApp logged this device out; link it again with `openclaw channels login --channel whatsapp --account default`/,
  );
  const errors = run.events.filter((e) => e.channel === "whatsapp" && e.event.type === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(wa.hellos.length, 1, "no retry with revoked keys");
  // The revoked keys are kept aside, so that command shows a new QR code instead of failing.
  assert.ok(!await isFile(`${authDir}/creds.json`));
  assert.ok(await isFile(`${authDir}.logged-out/creds.json`));
  await run.waitForState("telegram", "running");
  const tgErrors = run.events.filter((e) => e.channel === "telegram" && e.event.type === "error");
  assert.deepEqual(tgErrors, []);
});

Deno.test("whatsapp: another session taking over the link stops the channel instead of fighting it", async () => {
  await using home = await tempDir();
  await writeLinkedCreds(authDirOf(home.path));
  await using wa = whatsappStandIn();
  await using run = await runChannels({ config, env: wa.env, home: home.path });
  await run.waitForState("whatsapp", "running");
  wa.replaced();
  const stopped = await run.waitForState("whatsapp", "stopped");
  assert.match(stopped.detail ?? "", /another session took over this linked device/);
  assert.match(stopped.detail ?? "", /Stop the other one, then restart this gateway/);
  assert.equal(wa.hellos.length, 1, "no reconnect that would take the link back");
  const errors = run.events.filter((e) => e.channel === "whatsapp" && e.event.type === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
});

Deno.test("whatsapp: not linked yet stops with the link command, without starting the worker", async () => {
  await using home = await tempDir();
  await using wa = whatsappStandIn();
  await using run = await runChannels({ config, env: wa.env, home: home.path });
  const stopped = await run.waitForState("whatsapp", "stopped");
  assert.match(stopped.detail ?? "", /WhatsApp is not linked \(no credentials in ~\/\.openclaw/);
  assert.match(
    stopped.detail ?? "",
    /`openclaw channels login --channel whatsapp --account default`/,
  );
  assert.equal(run.events.filter((e) => e.event.type === "error").length, 1);
  assert.equal(wa.hellos.length, 0, "no worker started");
});

Deno.test("whatsapp: reconnects after a dropped connection and after the worker crashed", async () => {
  await using home = await tempDir();
  await writeLinkedCreds(authDirOf(home.path));
  await using wa = whatsappStandIn();
  await using run = await runChannels({
    config: { channels: { whatsapp: { ...config.channels.whatsapp, dmPolicy: "open" } } },
    env: wa.env,
    home: home.path,
  });
  await run.waitForState("whatsapp", "running");
  wa.drop();
  await run.waitForEvent(
    "whatsapp",
    (e) => e.type === "error" && /Connection Closed.*reconnecting in/.test(e.message),
  );
  await wa.waitForSessions(2);
  await run.waitForState("whatsapp", "running");

  wa.crash();
  const crashed = await run.waitForEvent(
    "whatsapp",
    (e) => e.type === "error" && /worker stopped/.test(e.message),
  );
  assert.match(
    (crashed as { message: string }).message,
    /the WhatsApp worker stopped: stand-in: the library crashed on purpose; reconnecting in \d+ s/,
  );
  await wa.waitForSessions(3);
  // Connected again: messages flow (the open policy answers without pairing).
  await run.waitForState("whatsapp", "running");
  run.agent.reply("Back again.");
  wa.push(waDm(ALICE, "still there?"));
  const back = await wa.waitForSend((s) => s.text === "Back again.");
  assert.equal(back.jid, `${ALICE}@s.whatsapp.net`);
});
