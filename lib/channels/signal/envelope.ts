/**
 * One event from signal-cli's stream → what the shared gate judges. An
 * event's data is {envelope: {source, sourceNumber, sourceUuid, sourceName,
 * dataMessage: {message, groupInfo: {groupId}, mentions: [...]}}} (plus
 * `account` from a daemon serving several). Only data messages with text
 * are candidates; receipts, typing and the account's own messages synced
 * from its other devices are skipped silently.
 *
 * The sender id is the E.164 number, or the account's uuid when Signal
 * does not share the number (what allowFrom and pairing match). A DM is
 * answered to the sender; a group to "group:<groupId>". In a group the bot
 * is mentioned when dataMessage.mentions names the account's number or
 * uuid; Signal puts U+FFFC in the text where a mention is, which is taken
 * out with it.
 */
import type { InboundCandidate } from "../inbound-gate.ts";
import { E164, UUID } from "../meta.ts";
import { GROUP_PREFIX } from "./daemon-api.ts";

export interface SignalSelf {
  number?: string;
  uuid?: string;
}

interface Mention {
  number?: unknown;
  uuid?: unknown;
  start?: unknown;
  length?: unknown;
}

export type Judged =
  | { candidate: InboundCandidate }
  | { ignored: string; senderId?: string }
  | { skip: true };

const GROUP_ID = /^[A-Za-z0-9+/=_-]{1,128}$/;
const MAX_TEXT = 64 * 1024;

export function judgeSignalEvent(data: string, self: SignalSelf): Judged {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return { ignored: "an event that is not JSON" };
  }
  const env = (parsed as { envelope?: Record<string, unknown> } | null)?.envelope;
  if (!env || typeof env !== "object") return { skip: true };
  const senderId = senderOf(env);
  if (self.number && senderId === self.number || self.uuid && senderId === self.uuid) {
    return { skip: true };
  }
  const dm = env.dataMessage as Record<string, unknown> | undefined;
  if (!dm || typeof dm !== "object") return { skip: true };
  if (!senderId) return { ignored: "a message without a sender number or uuid" };
  const text = dm.message;
  if (typeof text !== "string" || text.trim() === "") {
    return { ignored: "not a text message", senderId };
  }
  if (text.length > MAX_TEXT) return { ignored: "a message too long", senderId };
  const groupId = (dm.groupInfo as { groupId?: unknown } | undefined)?.groupId;
  if (groupId !== undefined && (typeof groupId !== "string" || !GROUP_ID.test(groupId))) {
    return { ignored: "a group message with a malformed group id", senderId };
  }
  const own = ownMentions(dm.mentions, self);
  return {
    candidate: {
      senderId,
      chatId: groupId ? `${GROUP_PREFIX}${groupId}` : senderId,
      chatType: groupId ? "group" : "direct",
      name: typeof env.sourceName === "string" ? env.sourceName.slice(0, 80) : undefined,
      text: withoutMentions(text, own),
      mentioned: own.length > 0,
      fromBot: false,
    },
  };
}

/** The number when Signal shares it, else the uuid (lowercase); undefined when neither is valid. */
function senderOf(env: Record<string, unknown>): string | undefined {
  for (const n of [env.sourceNumber, env.source]) {
    if (typeof n === "string" && E164.test(n)) return n;
  }
  for (const u of [env.sourceUuid, env.source]) {
    if (typeof u === "string" && UUID.test(u)) return u.toLowerCase();
  }
  return undefined;
}

function ownMentions(mentions: unknown, self: SignalSelf): Mention[] {
  if (!Array.isArray(mentions)) return [];
  return mentions.filter((m: Mention) =>
    m && typeof m === "object" && (
      self.number !== undefined && m.number === self.number ||
      self.uuid !== undefined && typeof m.uuid === "string" && m.uuid.toLowerCase() === self.uuid
    )
  );
}

/** Remove the bot's mentions (their start/length in the text); a text that was only that stays. */
function withoutMentions(text: string, own: Mention[]): string {
  const spans = own
    .map((m) => [Number(m.start), Number(m.length)])
    .filter(([s, l]) => Number.isInteger(s) && Number.isInteger(l) && s >= 0 && l > 0)
    .sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [s, l] of spans) out = out.slice(0, s) + out.slice(s + l);
  out = out.replace(/^[\s:,]+/, "").replace(/ {2,}/g, " ").trim();
  return out || text;
}
