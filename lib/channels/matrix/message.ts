/**
 * One Matrix timeline event → what the shared gate judges. Only plain text
 * messages (m.room.message with msgtype m.text) are candidates; the bot's
 * own events are skipped silently (they are its echoes), and everything
 * else a person sent is "ignored" with a reason. An encrypted event
 * (m.room.encrypted) cannot be read: the bot does not do end-to-end
 * encryption, and says so.
 *
 * In a group the bot is mentioned when the event's m.mentions lists its
 * user id (what current clients send for a pill), or the body names its
 * user id or display name (older clients); the mention is taken out of the
 * text the agent gets.
 */
import type { InboundCandidate } from "../inbound-gate.ts";
import type { MatrixEvent } from "./client.ts";
import type { RoomBook } from "./rooms.ts";

export const ENCRYPTION_UNSUPPORTED = "end-to-end encryption is not supported";

/** Said once in an encrypted DM, in plain text: otherwise the person only ever sees silence. */
export const ENCRYPTED_DM_NOTICE =
  "I cannot read encrypted messages (end-to-end encryption is not supported). " +
  "Please start a new chat with me with encryption turned off.";

/** A text longer than this is not a chat message the bot answers. */
const MAX_BODY = 64 * 1024;

export interface Me {
  userId: string;
  displayName?: string;
}

export type Judged =
  | { candidate: InboundCandidate }
  | { ignored: string; senderId?: string; encrypted?: true }
  | { skip: true };

export function judgeEvent(roomId: string, e: MatrixEvent, me: Me, book: RoomBook): Judged {
  if (e.sender === me.userId) return { skip: true };
  const senderId = typeof e.sender === "string" ? e.sender : undefined;
  if (e.type === "m.room.encrypted") {
    book.markEncrypted(roomId);
    return {
      ignored: `an encrypted message: ${ENCRYPTION_UNSUPPORTED}`,
      senderId,
      encrypted: true,
    };
  }
  if (e.type !== "m.room.message" || typeof e.state_key === "string") return { skip: true };
  const content = e.content ?? {};
  if (content.msgtype !== "m.text" || typeof content.body !== "string") {
    return { ignored: "not a text message", senderId };
  }
  const relation = content["m.relates_to"] as { rel_type?: unknown } | undefined;
  if (relation?.rel_type === "m.replace") return { ignored: "an edit", senderId };
  if (content.body.length > MAX_BODY) return { ignored: "a message too long", senderId };
  const body = content.body;
  return {
    candidate: {
      senderId: senderId ?? "",
      chatId: roomId,
      chatType: book.isDirect(roomId) ? "direct" : "group",
      name: senderId ? book.displayName(roomId, senderId) : undefined,
      text: stripMention(body, me),
      mentioned: mentions(content, body, me),
      fromBot: false,
    },
  };
}

function mentions(content: Record<string, unknown>, body: string, me: Me): boolean {
  const listed = (content["m.mentions"] as { user_ids?: unknown } | undefined)?.user_ids;
  if (Array.isArray(listed) && listed.includes(me.userId)) return true;
  const lower = body.toLowerCase();
  if (lower.includes(me.userId.toLowerCase())) return true;
  return me.displayName !== undefined && nameRe(me.displayName).test(body);
}

/** The display name as a word of its own ("Claw", not "Clawson"). */
function nameRe(name: string, flags = "i", after = ""): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])${after}`, `u${flags}`);
}

/** "Claw: what time is it?" → "what time is it?"; a text that is only the mention stays. */
export function stripMention(body: string, me: Me): string {
  const id = me.userId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  let text = body.replace(new RegExp(`${id}:?`, "gi"), " ");
  if (me.displayName) text = text.replace(nameRe(me.displayName, "gi", "[:,]?"), "$1");
  text = text.replace(/^[\s:,]+/, "").replace(/ {2,}/g, " ").trim();
  return text || body;
}
