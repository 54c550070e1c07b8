/**
 * What a Slack event means for the gate: the Events API `message` and
 * `app_mention` events (as Socket Mode delivers them) turned into an
 * InboundCandidate, or the reason it is not a message the bot answers.
 * Pure, so the rules are tested without a socket.
 */
import type { InboundCandidate } from "../inbound-gate.ts";

/** The part of a Slack event this channel reads; everything in it is untrusted. */
export interface SlackEvent {
  type?: unknown;
  subtype?: unknown;
  channel?: unknown;
  channel_type?: unknown;
  user?: unknown;
  bot_id?: unknown;
  text?: unknown;
  ts?: unknown;
  thread_ts?: unknown;
}

/** Slack's own limit on a message's text is 40 000 characters; more is not a real message. */
const MAX_TEXT = 40_000;
/** Channel, user and bot ids: upper-case letters and digits (C…, D…, G…, U…, W…, B…). */
const SLACK_ID = /^[A-Z0-9]{2,32}$/;
/** Message timestamps, which also name threads: seconds.micros. */
const SLACK_TS = /^\d{1,12}\.\d{1,9}$/;

/**
 * Subtypes that are still someone's new message: a bot's post (never
 * answered, see fromBot), a message with a file (its text is read), and a
 * thread reply also sent to the channel.
 */
const NEW_MESSAGE_SUBTYPES = new Set(["bot_message", "file_share", "thread_broadcast"]);

export type SlackReading =
  | { candidate: InboundCandidate; key: string }
  | { ignored: string; key?: string };

/**
 * A `message` in a DM (channel_type "im") is direct; anything else
 * (channels, private channels, group DMs, `app_mention`) is a group, and
 * mentions the bot when it is an app_mention or holds `<@BOTID>`. Edits,
 * joins and most other subtypes are not new messages; bots' posts (this
 * one's included) are marked so the gate never answers them.
 */
export function readSlackEvent(e: SlackEvent, botUserId: string): SlackReading {
  if (e.type !== "message" && e.type !== "app_mention") {
    return { ignored: "an event that is not a message" };
  }
  const channel = typeof e.channel === "string" && SLACK_ID.test(e.channel) ? e.channel : "";
  const ts = typeof e.ts === "string" && SLACK_TS.test(e.ts) ? e.ts : "";
  const thread = typeof e.thread_ts === "string" && SLACK_TS.test(e.thread_ts) ? e.thread_ts : "";
  // Slack sends a channel message twice when the app subscribes to both `message.*` and
  // `app_mention`: the same channel and ts identify it, so the second copy is dropped.
  const key = channel && ts ? `${channel}/${ts}` : undefined;
  const fromBot = e.subtype === "bot_message" || (typeof e.bot_id === "string" && e.bot_id !== "");
  if (e.subtype !== undefined && !NEW_MESSAGE_SUBTYPES.has(String(e.subtype))) {
    return { ignored: "a message edit, deletion or channel notice", key };
  }
  if (!key) return { ignored: "a message without channel or timestamp" };
  const user = typeof e.user === "string" && SLACK_ID.test(e.user) ? e.user : "";
  const raw = typeof e.text === "string" ? e.text.slice(0, MAX_TEXT) : "";
  // botUserId is checked against SLACK_ID by the caller, so it is safe inside a pattern.
  const mention = `<@${botUserId}(\\|[^>]*)?>`;
  const direct = e.type === "message" && e.channel_type === "im";
  return {
    key,
    candidate: {
      senderId: user,
      // A message in a thread is answered in that thread: its ts rides along in the chat id.
      chatId: thread ? `${channel}:${thread}` : channel,
      chatType: direct ? "direct" : "group",
      text: raw.replace(new RegExp(mention, "g"), "").replace(/[ \t]+/g, " ").trim(),
      mentioned: e.type === "app_mention" || new RegExp(mention).test(raw),
      fromBot: fromBot || user === botUserId,
    },
  };
}

/** The keys of the messages seen last, to drop Slack's second copy of one (bounded). */
export class RecentKeys {
  private readonly keys = new Set<string>();
  constructor(private readonly limit = 500) {}

  /** True the first time a key is seen. */
  first(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.limit) this.keys.delete(this.keys.values().next().value!);
    return true;
  }
}

/** "channel" or "channel:thread_ts" (see chatId above) → where chat.postMessage posts. */
export function slackTarget(chatId: string): { channel: string; thread_ts?: string } {
  const [channel, thread] = chatId.split(":");
  return thread ? { channel, thread_ts: thread } : { channel };
}
