/**
 * The Telegram channel at run time: long-poll the Bot API for messages and
 * hand each to the shared gate (../inbound-gate.ts), which applies the DM
 * policy (pairing by default), the group mention rule and the allowlist.
 * A message let in goes to `onMessage` (the gateway routes it to the
 * agent) with a replier for its chat.
 *
 * Self-contained: the gateway starts it with startTelegramChannel(…) and
 * stops it with stop() or by aborting `signal`.
 */
import type { StatePaths } from "../../config/paths.ts";
import { TelegramApiError, TelegramBotApi, type TelegramMessage } from "./api.ts";
import { TELEGRAM_API_BASE } from "./meta.ts";
import { writeFileAtomic } from "../../platform/files.ts";
import { TELEGRAM_MAX_MESSAGE } from "./reply.ts";
import type {
  ChannelEvent,
  ChannelReplier,
  ChannelRuntime,
  ChannelRuntimeStart,
  InboundMessage as ChannelInbound,
} from "../channel-runtime.ts";
import { type InboundCandidate, inboundGate } from "../inbound-gate.ts";
import { CredentialRejected, type KeepConnectedOptions } from "../reconnect.ts";
import { channelStopper } from "../channel-loop.ts";
import { NO_STATUS } from "../status-board.ts";

/** A Telegram message the gate let in, with the update it came in. */
export interface InboundMessage extends ChannelInbound {
  channel: "telegram";
  raw: TelegramMessage;
}

export type TelegramEvent = ChannelEvent;

export interface TelegramChannelOptions extends Omit<ChannelRuntimeStart, "onMessage"> {
  /** Long-poll wait in seconds (Telegram allows up to 50). */
  pollTimeoutSec?: number;
  onMessage?: (message: InboundMessage, reply: ChannelReplier) => void | Promise<void>;
  /** Waits between reconnects (tests make them short). */
  backoff?: KeepConnectedOptions["backoff"];
}

export interface TelegramChannel {
  stop(): Promise<void>;
  /** Settles when the loop ends (stopped, aborted, or the token was rejected). */
  done: Promise<void>;
}

export function startTelegramChannel(opts: TelegramChannelOptions): TelegramChannel {
  const section = (opts.config.channels?.telegram ?? {}) as { botToken?: string };
  if (!section.botToken) throw new Error("channels.telegram.botToken is not set");
  const apiBase = opts.apiBase ?? opts.host.env("OPENCLAW_TELEGRAM_API_BASE") ?? TELEGRAM_API_BASE;
  const api = new TelegramBotApi(apiBase, section.botToken);
  const loop = channelStopper(opts.signal);
  const signal = loop.signal;
  const gate = inboundGate("telegram", opts as ChannelRuntimeStart, {
    maxLength: TELEGRAM_MAX_MESSAGE,
    send: async (chatId, text, s) => void await api.sendMessage(chatId, text, s),
    typing: async (chatId, s) => void await api.sendChatAction(chatId, "typing", s),
  }, signal);

  /** One connection: who the bot is, then polls until something fails. */
  async function session(s: AbortSignal, connected: (detail?: string) => void): Promise<void> {
    const me = await rejectedIsFatal(() => api.getMe(s));
    connected(me.username ? `@${me.username}` : undefined);
    let offset = await readOffset(opts.paths);
    while (!s.aborted) {
      const updates = await rejectedIsFatal(() =>
        api.getUpdates(offset, opts.pollTimeoutSec ?? 30, s)
      );
      for (const u of updates) {
        offset = u.update_id + 1;
        if (!u.message) continue;
        try {
          await handle(u.message, me.id, me.username);
        } catch (err) {
          if (s.aborted) return;
          gate.emit({
            type: "error",
            message: `handling update ${u.update_id}: ${(err as Error).message}`,
          });
        }
      }
      if (updates.length > 0) await writeOffset(opts.paths, offset);
    }
  }

  function handle(m: TelegramMessage, botId: number, botName?: string): Promise<void> {
    if (!Number.isSafeInteger(m.chat?.id) || (m.from && !Number.isSafeInteger(m.from.id))) {
      // Telegram's ids are numbers; anything else is not a message we understand.
      gate.emit({ type: "ignored", reason: "an update without numeric sender and chat ids" });
      return Promise.resolve();
    }
    if (!m.from || m.chat.type === "channel") {
      gate.emit({ type: "ignored", reason: `${m.chat.type} post` });
      return Promise.resolve();
    }
    const candidate: InboundCandidate & { raw: TelegramMessage } = {
      senderId: String(m.from.id),
      chatId: String(m.chat.id),
      chatType: m.chat.type === "private" ? "direct" : "group",
      name: m.from.username ? `@${m.from.username}` : m.from.first_name,
      text: stripMention(m.text ?? "", botName),
      mentioned: mentions(m, botId, botName),
      fromBot: m.from.is_bot === true,
      raw: m,
    };
    return gate.handle(candidate);
  }

  return loop.run({
    label: "Telegram",
    status: opts.status ?? NO_STATUS,
    emit: gate.emit,
    session,
    fix: "Fix channels.telegram.botToken (the bot token from @BotFather).",
    backoff: opts.backoff,
  }, () => Promise.resolve());
}

/** 401/404 mean the token is wrong or revoked: the loop must stop, not retry. */
async function rejectedIsFatal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof TelegramApiError && (err.status === 401 || err.status === 404)) {
      throw new CredentialRejected(`the bot token (${err.status})`);
    }
    throw err;
  }
}

/** In a group, "@botname" in the text or a reply to one of the bot's messages. */
function mentions(m: TelegramMessage, botId: number, botName?: string): boolean {
  if (m.reply_to_message?.from?.id === botId) return true;
  if (!botName || !m.text) return false;
  const wanted = `@${botName}`.toLowerCase();
  return (m.entities ?? []).some((e) =>
    e.type === "mention" &&
    m.text!.slice(e.offset, e.offset + e.length).toLowerCase() === wanted
  );
}

function stripMention(text: string, botName?: string): string {
  if (!botName) return text;
  return text.replace(new RegExp(`@${botName}\\b`, "gi"), "").trim() || text;
}

/**
 * The next update to ask for, kept across restarts: Telegram re-sends every
 * update not yet confirmed, so without it a restart would hand the agent
 * the last messages twice.
 */
export function offsetPath(paths: StatePaths): string {
  return `${paths.stateDir}/channels/telegram-offset.json`;
}

async function readOffset(paths: StatePaths): Promise<number | undefined> {
  try {
    const v = JSON.parse(await Deno.readTextFile(offsetPath(paths))).offset;
    return Number.isInteger(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

async function writeOffset(paths: StatePaths, offset: number | undefined): Promise<void> {
  if (offset === undefined) return;
  await writeFileAtomic(offsetPath(paths), JSON.stringify({ offset }) + "\n", { mode: 0o600 });
}

/** The gateway side of Telegram (its descriptor's runtime): long polling while a token is set. */
export const telegramRuntime: ChannelRuntime = {
  wanted: (section) => section.enabled !== false && Boolean(section.botToken),
  start: (opts) => startTelegramChannel(opts),
};
