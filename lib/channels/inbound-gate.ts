/**
 * Who gets through to the agent, the same for every channel. A channel's
 * transport turns what its platform sends into an InboundCandidate and
 * calls handle(); the gate decides:
 *
 * - direct messages follow the channel's dmPolicy: "pairing" (the default)
 *   answers an unknown sender with a one-time code (at most three waiting,
 *   an hour each; pairing-store.ts) and lets them in once
 *   `openclaw pairing approve <channel> <code>` ran; "allowlist" lets in
 *   the ids in allowFrom only; "open" lets in everyone; "disabled" no one;
 * - in groups and channels the bot answers only when mentioned (unless
 *   requireMention is false), and only senders the DM policy lets in:
 *   pairing codes are never posted in a group;
 * - allowFrom matches platform ids only (sender-ids.ts), never names.
 *
 * A message let in goes to onMessage with a replier for the conversation
 * it came in, split to the platform's length.
 */
import type {
  ChannelEvent,
  ChannelReplier,
  ChannelRuntimeStart,
  ChatType,
  InboundMessage,
} from "./channel-runtime.ts";
import type { ChannelId } from "./registry.ts";
import type { DmPolicy } from "./schemas.ts";
import { pairingMessage, PairingStore } from "./pairing-store.ts";
import { ALLOW_ANYONE, SENDER_ID_RULES, unresolvedEntries } from "./sender-ids.ts";
import { splitMessage } from "./split-message.ts";
import { printable } from "../platform/terminal-text.ts";
import { cli } from "../platform/invocation.ts";
import { NO_STATUS } from "./status-board.ts";

/** What a transport understood of one incoming message. Everything in it is untrusted. */
export interface InboundCandidate {
  /** The sender's platform id (what allowFrom and pairing match). */
  senderId: string;
  /** Where an answer goes: the DM or the group / channel / room. */
  chatId: string;
  chatType: ChatType;
  /** The sender's display name, for logs only. */
  name?: string;
  /** The text, with the bot's own mention taken out. */
  text: string;
  /** In a group: whether the message mentions the bot. */
  mentioned?: boolean;
  /** Sent by a bot (this one included): never answered. */
  fromBot?: boolean;
  /** The platform's own message, for a channel that needs it again (threads, replies). */
  raw?: unknown;
}

/** How a transport sends into a conversation. */
export interface ChannelSender {
  /** The platform's limit on one message's text, in UTF-16 code units. */
  maxLength: number;
  send(chatId: string, text: string, signal: AbortSignal): Promise<void>;
  /** Show "typing" where the platform has it. */
  typing?(chatId: string, signal: AbortSignal): Promise<void>;
}

/** The keys every channel section shares (schemas.ts checks them). */
interface GateSection {
  dmPolicy?: DmPolicy;
  allowFrom?: (string | number)[];
  requireMention?: boolean;
}

export interface InboundGate {
  handle(c: InboundCandidate): Promise<void>;
  /** Report an event (texts made printable: they may hold what a remote party chose). */
  emit(e: ChannelEvent): void;
  /** The replier for one conversation (also for answers the channel sends by itself). */
  replier(chatId: string): ChannelReplier;
}

export function inboundGate(
  channel: ChannelId,
  start: ChannelRuntimeStart,
  sender: ChannelSender,
  signal: AbortSignal,
): InboundGate {
  const section = (start.config.channels?.[channel] ?? {}) as GateSection;
  const store = new PairingStore(start.host, start.paths);
  const status = start.status ?? NO_STATUS;
  const policy = section.dmPolicy ?? "pairing";
  const requireMention = section.requireMention !== false;
  const rule = SENDER_ID_RULES[channel];
  const allowFrom = (section.allowFrom ?? []).map((e) => String(e).trim());
  const canonical = (id: string) => rule.canonical?.(id) ?? id;
  const listed = new Set(
    allowFrom.filter((e) => e === ALLOW_ANYONE || rule.isId(e)).map(canonical),
  );
  const unmatched = unresolvedEntries(channel, allowFrom);
  const notListed = unmatched.length === 0
    ? "not on the allowlist"
    : `not on the allowlist (entries ${
      printable(unmatched.join(", "))
    } are not ids and never match; see ${cli("doctor")})`;

  const emit = (e: ChannelEvent) =>
    start.onEvent?.(
      e.type === "ignored"
        ? { ...e, reason: printable(e.reason), senderId: e.senderId && printable(e.senderId) }
        : e.type === "error"
        ? { ...e, message: printable(e.message) }
        : e,
    );

  const replier = (chatId: string): ChannelReplier => ({
    typing: async () => void await sender.typing?.(chatId, signal),
    send: async (text) => {
      for (const part of splitMessage(text, sender.maxLength)) {
        await sender.send(chatId, part, signal);
      }
    },
  });

  async function admitted(senderId: string): Promise<boolean> {
    return policy === "open" || listed.has(ALLOW_ANYONE) || listed.has(canonical(senderId)) ||
      await store.isApproved(channel, senderId);
  }

  async function handle(c: InboundCandidate): Promise<void> {
    status.messageReceived();
    const senderId = c.senderId;
    if (c.fromBot) return emit({ type: "ignored", senderId, reason: "a bot's message" });
    if (!senderId || !c.chatId) {
      return emit({ type: "ignored", reason: "a message without sender or conversation id" });
    }
    if (c.chatType === "group") {
      if (requireMention && !c.mentioned) {
        return emit({ type: "ignored", senderId, reason: "group message without a mention" });
      }
      if (!await admitted(senderId)) {
        return emit({
          type: "ignored",
          senderId,
          reason: "group message from a sender not approved (pairing happens in a DM)",
        });
      }
      return accept(c);
    }
    if (policy === "disabled") {
      return emit({ type: "ignored", senderId, reason: "DMs are disabled" });
    }
    if (await admitted(senderId)) return accept(c);
    if (policy === "allowlist") return emit({ type: "ignored", senderId, reason: notListed });
    const r = await store.request(channel, { senderId, chatId: c.chatId, name: c.name });
    if (r.status === "created") {
      await replier(c.chatId).send(pairingMessage(channel, r.request.code));
      emit({ type: "pairing-sent", senderId, code: r.request.code });
    } else if (r.status === "pending") {
      emit({ type: "pairing-waiting", senderId });
    } else {
      emit({ type: "ignored", senderId, reason: "too many pairing requests are waiting" });
    }
  }

  async function accept(c: InboundCandidate): Promise<void> {
    const message: InboundMessage & { raw?: unknown } = {
      channel,
      senderId: c.senderId,
      chatId: c.chatId,
      chatType: c.chatType,
      name: c.name,
      text: c.text,
      ...(c.raw === undefined ? {} : { raw: c.raw }),
    };
    emit({ type: "accepted", message });
    await start.onMessage?.(message, replier(c.chatId));
  }

  return { handle, emit, replier };
}
