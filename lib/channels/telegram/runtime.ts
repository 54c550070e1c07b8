/**
 * The Telegram channel at run time: long-poll the Bot API for messages and
 * apply the DM policy. With pairing (the default) an unknown sender gets a
 * pairing code once; after `openclaw pairing approve telegram <code>` that
 * sender's messages are accepted and handed to `onMessage` (the gateway
 * routes them to the agent). Group chats are not handled here.
 *
 * Self-contained: the gateway starts it with startTelegramChannel(…) and
 * stops it with stop() or by aborting `signal`.
 */
import type { StatePaths } from "../../config/paths.ts";
import { pairingMessage, PairingStore } from "../pairing-store.ts";
import { TelegramApiError, TelegramBotApi, type TelegramMessage } from "./api.ts";
import { TELEGRAM_API_BASE } from "./meta.ts";
import type { DmPolicy } from "../schemas.ts";
import { writeFileAtomic } from "../../platform/files.ts";
import { printable } from "../../platform/terminal-text.ts";
import { ALLOW_ANYONE, SENDER_ID_RULES, unresolvedEntries } from "../sender-ids.ts";
import { cli } from "../../platform/invocation.ts";
import { telegramReplier } from "./reply.ts";
import type {
  ChannelEvent,
  ChannelReplier,
  ChannelRuntime,
  ChannelRuntimeStart,
  InboundMessage as ChannelInbound,
} from "../channel-runtime.ts";

const isTelegramId = SENDER_ID_RULES.telegram.isId;

/** A Telegram message the DM policy let in, with the update it came in. */
export interface InboundMessage extends ChannelInbound {
  channel: "telegram";
  raw: TelegramMessage;
}

export type TelegramEvent = ChannelEvent;

export interface TelegramChannelOptions extends Omit<ChannelRuntimeStart, "onMessage"> {
  /** Long-poll wait in seconds (Telegram allows up to 50). */
  pollTimeoutSec?: number;
  onMessage?: (message: InboundMessage, reply: ChannelReplier) => void | Promise<void>;
}

export interface TelegramChannel {
  stop(): Promise<void>;
  /** Settles when the loop ends (stopped, aborted, or the token was rejected). */
  done: Promise<void>;
}

interface TelegramSection {
  botToken?: string;
  dmPolicy?: DmPolicy;
  allowFrom?: (string | number)[];
  enabled?: boolean;
}

export function startTelegramChannel(opts: TelegramChannelOptions): TelegramChannel {
  const section = (opts.config.channels?.telegram ?? {}) as TelegramSection;
  if (!section.botToken) throw new Error("channels.telegram.botToken is not set");
  const apiBase = opts.apiBase ?? opts.host.env("OPENCLAW_TELEGRAM_API_BASE") ?? TELEGRAM_API_BASE;
  const api = new TelegramBotApi(apiBase, section.botToken);
  const store = new PairingStore(opts.host, opts.paths);
  const stopper = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stopper.signal]) : stopper.signal;
  // Events become log lines: what the API or a sender chose is made printable first.
  const emit = (e: TelegramEvent) =>
    opts.onEvent?.(
      e.type === "ignored"
        ? { ...e, reason: printable(e.reason) }
        : e.type === "error"
        ? { ...e, message: printable(e.message) }
        : e,
    );
  const policy = section.dmPolicy ?? "pairing";
  // Numeric sender ids only: a name or @username in the list never matches,
  // because anyone can give themselves any first name (even "@alice").
  const allowFrom = (section.allowFrom ?? []).map((e) => String(e).trim());
  const listed = new Set(allowFrom.filter((e) => e === ALLOW_ANYONE || isTelegramId(e)));
  const unmatched = unresolvedEntries("telegram", allowFrom);
  const notListed = unmatched.length === 0
    ? "not on the allowlist"
    : `not on the allowlist (entries ${
      printable(unmatched.join(", "))
    } are not numeric ids and never match; see ${cli("doctor")})`;

  async function handle(m: TelegramMessage): Promise<void> {
    if (!Number.isSafeInteger(m.chat?.id) || (m.from && !Number.isSafeInteger(m.from.id))) {
      // Telegram's ids are numbers; anything else is not a message we understand.
      return emit({ type: "ignored", reason: "an update without numeric sender and chat ids" });
    }
    if (m.chat.type !== "private" || !m.from || m.from.is_bot) {
      emit({
        type: "ignored",
        senderId: m.from ? String(m.from.id) : undefined,
        reason: `${m.chat.type} chat`,
      });
      return;
    }
    const senderId = String(m.from.id);
    const chatId = String(m.chat.id);
    const name = m.from.username ? `@${m.from.username}` : m.from.first_name;
    if (policy === "disabled") {
      return emit({ type: "ignored", senderId, reason: "DMs are disabled" });
    }
    const allowed = policy === "open" || listed.has(ALLOW_ANYONE) || listed.has(senderId) ||
      await store.isApproved("telegram", senderId);
    if (allowed) {
      const message: InboundMessage = {
        channel: "telegram",
        senderId,
        chatId,
        name,
        text: m.text ?? "",
        raw: m,
      };
      emit({ type: "accepted", message });
      await opts.onMessage?.(message, telegramReplier(api, chatId, signal));
      return;
    }
    if (policy === "allowlist") {
      return emit({ type: "ignored", senderId, reason: notListed });
    }
    const r = await store.request("telegram", { senderId, chatId, name });
    if (r.status === "created") {
      await api.sendMessage(chatId, pairingMessage("telegram", r.request.code), signal);
      emit({ type: "pairing-sent", senderId, code: r.request.code });
    } else if (r.status === "pending") {
      emit({ type: "pairing-waiting", senderId });
    } else {
      emit({ type: "ignored", senderId, reason: "too many pairing requests are waiting" });
    }
  }

  async function loop(): Promise<void> {
    let offset = await readOffset(opts.paths);
    let backoff = 1000;
    while (!signal.aborted) {
      try {
        const updates = await api.getUpdates(offset, opts.pollTimeoutSec ?? 30, signal);
        backoff = 1000;
        for (const u of updates) {
          offset = u.update_id + 1;
          if (!u.message) continue;
          try {
            await handle(u.message);
          } catch (err) {
            if (signal.aborted) return;
            emit({
              type: "error",
              message: `handling update ${u.update_id}: ${(err as Error).message}`,
            });
          }
        }
        if (updates.length > 0) await writeOffset(opts.paths, offset);
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof TelegramApiError && (err.status === 401 || err.status === 404)) {
          emit({
            type: "error",
            message:
              "Telegram rejected the bot token; the Telegram channel stopped. Fix channels.telegram.botToken.",
          });
          return;
        }
        emit({
          type: "error",
          message: `Telegram polling failed: ${(err as Error).message}; retrying in ${
            backoff / 1000
          }s`,
        });
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  const done = loop();
  return {
    done,
    stop: async () => {
      stopper.abort();
      await done;
    },
  };
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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/** The gateway side of Telegram (its descriptor's runtime): long polling while a token is set. */
export const telegramRuntime: ChannelRuntime = {
  wanted: (section) => section.enabled !== false && Boolean(section.botToken),
  start: (opts) => startTelegramChannel(opts),
};
