/**
 * A WhatsApp message, as the worker forwards it, turned into a candidate
 * for the shared gate. WhatsApp names people and chats by jid:
 * "<number>@s.whatsapp.net" for a phone (a linked device adds ":<device>"),
 * "<id>@g.us" for a group, "<id>@lid" for WhatsApp's hidden ids (then the
 * phone jid may come as the "Alt" field). Senders are matched by phone
 * number in E.164 form (+15551234567), as allowFrom and pairing expect.
 * Everything here came from the network: each field is checked.
 */
import type { InboundCandidate } from "../inbound-gate.ts";
import { E164 } from "../meta.ts";

const PHONE_SERVER = "s.whatsapp.net";
const GROUP_SERVER = "g.us";
const LID_SERVER = "lid";

/** Who the linked account is: its phone jid, and its hidden id where WhatsApp gave one. */
export interface BotIdentity {
  me?: string;
  lid?: string;
}

const str = (v: unknown, max = 256): string | undefined =>
  typeof v === "string" && v.length <= max ? v : undefined;

/** "15551234567:12@s.whatsapp.net" → { user: "15551234567", server: "s.whatsapp.net" }. */
export function parseJid(jid: string | undefined): { user: string; server: string } | undefined {
  if (!jid) return undefined;
  const at = jid.lastIndexOf("@");
  if (at <= 0) return undefined;
  return { user: jid.slice(0, at).split(":")[0], server: jid.slice(at + 1) };
}

/** The E.164 number of a phone jid, or undefined for any other jid. */
export function phoneOf(jid: string | undefined): string | undefined {
  const j = parseJid(jid);
  if (j?.server !== PHONE_SERVER) return undefined;
  const phone = `+${j.user}`;
  return E164.test(phone) ? phone : undefined;
}

/** Whether two jids name the same user (devices and server aside: a phone or a hidden id). */
function sameUser(a: string | undefined, b: string | undefined): boolean {
  const x = parseJid(a);
  const y = parseJid(b);
  return Boolean(x && y && x.user === y.user && serverKind(x.server) === serverKind(y.server));
}

const serverKind = (s: string) => s === LID_SERVER ? LID_SERVER : PHONE_SERVER;

/** The text without "@<number>" mentions of the bot (WhatsApp writes mentions as the number). */
function stripBotMention(text: string, bot: BotIdentity): string {
  let out = text;
  for (const jid of [bot.me, bot.lid]) {
    const user = parseJid(jid)?.user;
    if (user && /^\d+$/.test(user)) out = out.replace(new RegExp(`@${user}\\b`, "g"), "");
  }
  return out.replace(/\s{2,}/g, " ").trim() || text;
}

/**
 * The gate's candidate for one forwarded message, or why it is not one
 * (a broadcast, a channel post, a sender without a phone number).
 */
export function toCandidate(
  raw: unknown,
  bot: BotIdentity,
): InboundCandidate | { ignored: string } {
  const m = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const remoteJid = str(m.remoteJid);
  const text = str(m.text, 65_536);
  if (!remoteJid || text === undefined) return { ignored: "a message without chat or text" };
  const name = str(m.pushName, 100);
  const fromBot = m.fromMe === true;
  const server = parseJid(remoteJid)?.server;
  if (server === PHONE_SERVER || server === LID_SERVER) {
    // A DM: answered at the phone jid (a hidden id's phone comes as remoteJidAlt).
    const senderId = phoneOf(remoteJid) ?? phoneOf(str(m.remoteJidAlt));
    if (!senderId && !fromBot) {
      return { ignored: "a direct message without the sender's phone number (a hidden id)" };
    }
    const chatId = senderId ? `${senderId.slice(1)}@${PHONE_SERVER}` : remoteJid;
    return { senderId: senderId ?? "", chatId, chatType: "direct", name, text, fromBot };
  }
  if (server === GROUP_SERVER) {
    const senderId = phoneOf(str(m.participant)) ?? phoneOf(str(m.participantAlt));
    const mentionedJid = Array.isArray(m.mentionedJid) ? m.mentionedJid.slice(0, 64) : [];
    const mentioned = mentionedJid.some((j) =>
      typeof j === "string" && (sameUser(j, bot.me) || sameUser(j, bot.lid))
    );
    return {
      senderId: senderId ?? "",
      chatId: remoteJid,
      chatType: "group",
      name,
      text: mentioned ? stripBotMention(text, bot) : text,
      mentioned,
      fromBot,
    };
  }
  return { ignored: "a status, broadcast or channel post" };
}
