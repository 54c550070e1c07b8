/**
 * What a Mattermost WebSocket event means for the gate: a `posted` event
 * turned into an InboundCandidate, or the reason it is not a message the
 * bot answers. Mattermost double-encodes: `data.post` and `data.mentions`
 * are JSON strings inside the event's JSON. Pure, so the rules are tested
 * without a socket; everything in the event is untrusted.
 */
import type { InboundCandidate } from "../inbound-gate.ts";

/** The bot as users/me names it. */
export interface MattermostBot {
  id: string;
  username: string;
}

/** Mattermost's ids: 26 lower-case letters and digits. */
const MM_ID = /^[a-z0-9]{26}$/;
/** A post holds at most 16 383 characters; more is not a real message. */
const MAX_TEXT = 16_383;

export type MattermostReading = { candidate: InboundCandidate } | { ignored: string };

/**
 * Channel type "D" is a DM; "O" (public), "P" (private) and "G" (group
 * message) are groups, where the bot is mentioned when `data.mentions`
 * lists its id (Mattermost resolved the @name) or the text holds
 * @username. System posts (joins, header changes: a non-empty `type`)
 * are not messages; posts by bots (props.from_bot, or this bot) are
 * marked so the gate never answers them.
 */
export function readMattermostPosted(data: unknown, bot: MattermostBot): MattermostReading {
  const d = (data ?? {}) as Record<string, unknown>;
  const post = parseJson(d.post) as Record<string, unknown> | undefined;
  if (!post || typeof post !== "object") return { ignored: "a posted event without a post" };
  const channelId = idOf(post.channel_id);
  if (!channelId) return { ignored: "a post without a channel id" };
  if (typeof post.type === "string" && post.type !== "") {
    return { ignored: "a system post (join, leave, header change …)" };
  }
  const userId = idOf(post.user_id);
  const text = typeof post.message === "string" ? post.message.slice(0, MAX_TEXT) : "";
  const props = (post.props ?? {}) as Record<string, unknown>;
  const mentions = parseJson(d.mentions);
  // The bot's username is checked by the caller (letters, digits, . _ -), so it is safe in a pattern.
  const atName = new RegExp(`(^|[^\\w.-])@${bot.username.replace(/\./g, "\\.")}(?![\\w-])`, "i");
  const direct = d.channel_type === "D";
  const rootId = idOf(post.root_id);
  return {
    candidate: {
      senderId: userId,
      // A reply in a thread stays in that thread: the root post rides along in the chat id.
      chatId: rootId ? `${channelId}:${rootId}` : channelId,
      chatType: direct ? "direct" : "group",
      name: typeof d.sender_name === "string" ? d.sender_name.slice(0, 64) : undefined,
      text: text.replace(new RegExp(atName.source, "gi"), "$1").replace(/[ \t]+/g, " ").trim(),
      mentioned: (Array.isArray(mentions) && mentions.includes(bot.id)) || atName.test(text),
      fromBot: userId === bot.id || props.from_bot === "true" || props.from_bot === true,
    },
  };
}

/** "channel" or "channel:root" (see chatId above) → where a post goes. */
export function splitChatId(chatId: string): { channelId: string; rootId?: string } {
  const [channelId, rootId] = chatId.split(":");
  return rootId ? { channelId, rootId } : { channelId };
}

function idOf(v: unknown): string {
  return typeof v === "string" && MM_ID.test(v) ? v : "";
}

function parseJson(v: unknown): unknown {
  if (typeof v !== "string") return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}
