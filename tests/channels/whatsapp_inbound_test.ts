/**
 * What the WhatsApp runtime makes of the worker's forwarded messages:
 * senders by E.164 phone number, DMs answered at the phone jid (also when
 * WhatsApp names the chat by a hidden @lid id), group mentions by the
 * bot's jid or hidden id, and nothing from broadcasts or malformed fields.
 */
import assert from "node:assert/strict";
import { phoneOf, toCandidate } from "../../lib/channels/whatsapp/inbound.ts";
import type { InboundCandidate } from "../../lib/channels/inbound-gate.ts";
import { SENDER_ID_RULES } from "../../lib/channels/sender-ids.ts";

const bot = { me: "15550001111:7@s.whatsapp.net", lid: "98765432109876:7@lid" };

Deno.test("whatsapp inbound: a DM's sender is the E.164 number the allowlist rule accepts", () => {
  const c = toCandidate(
    { remoteJid: "15557654321@s.whatsapp.net", text: "hi", pushName: "A" },
    bot,
  );
  assert.ok(!("ignored" in c));
  assert.equal(c.senderId, "+15557654321");
  assert.ok(SENDER_ID_RULES.whatsapp.isId(c.senderId));
  assert.equal(c.chatId, "15557654321@s.whatsapp.net");
  assert.equal(c.chatType, "direct");
  assert.equal(c.fromBot, false);
  // A chat named by a hidden id: the phone comes as remoteJidAlt, and the answer goes there.
  const lid = toCandidate({
    remoteJid: "2222333344445@lid",
    remoteJidAlt: "15557654321:3@s.whatsapp.net",
    text: "hi",
  }, bot);
  assert.ok(!("ignored" in lid));
  assert.equal(lid.senderId, "+15557654321");
  assert.equal(lid.chatId, "15557654321@s.whatsapp.net");
  assert.match(
    (toCandidate({ remoteJid: "2222333344445@lid", text: "hi" }, bot) as { ignored: string })
      .ignored,
    /without the sender's phone number/,
  );
});

Deno.test("whatsapp inbound: group mentions by jid or hidden id, stripped from the text", () => {
  const group = (mentionedJid: unknown, text: string) =>
    toCandidate({
      remoteJid: "1203630001@g.us",
      participant: "15557654321@s.whatsapp.net",
      text,
      mentionedJid,
    }, bot);
  const byPhone = group(["15550001111@s.whatsapp.net"], "@15550001111 what time is it?");
  assert.ok(!("ignored" in byPhone));
  assert.equal(byPhone.mentioned, true);
  assert.equal(byPhone.text, "what time is it?");
  assert.equal(byPhone.chatId, "1203630001@g.us");
  assert.equal(byPhone.senderId, "+15557654321");
  const byLid = group(["98765432109876@lid"], "hey @98765432109876 there");
  assert.ok(!("ignored" in byLid) && byLid.mentioned && byLid.text === "hey there");
  const other = group(["15559990000@s.whatsapp.net"], "@15559990000 hi");
  assert.ok(!("ignored" in other) && other.mentioned === false);
  assert.equal((group("not a list", "hi") as InboundCandidate).mentioned, false);
  // The same number under a hidden-id server is another person: no match across kinds.
  assert.equal((group(["15550001111@lid"], "hi") as InboundCandidate).mentioned, false);
});

Deno.test("whatsapp inbound: broadcasts, malformed fields and non-numbers are not senders", () => {
  assert.ok("ignored" in toCandidate({ remoteJid: "status@broadcast", text: "x" }, bot));
  assert.ok("ignored" in toCandidate({ remoteJid: 42, text: "x" }, bot));
  assert.ok("ignored" in toCandidate({ remoteJid: "1@s.whatsapp.net" }, bot));
  assert.ok("ignored" in toCandidate(null, bot));
  assert.equal(phoneOf("0123@s.whatsapp.net"), undefined);
  assert.equal(phoneOf("15557654321@g.us"), undefined);
  assert.equal(phoneOf("15557654321:2@s.whatsapp.net"), "+15557654321");
  const fromMe = toCandidate(
    { remoteJid: "15557654321@s.whatsapp.net", text: "x", fromMe: true },
    bot,
  );
  assert.ok(!("ignored" in fromMe) && fromMe.fromBot === true);
});
