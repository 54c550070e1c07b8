/**
 * The Discord channel at run time: receive over the Gateway WebSocket
 * (gateway.ts), answer over REST (rest.ts), and hand every MESSAGE_CREATE
 * to the shared gate (../inbound-gate.ts), which applies the DM policy,
 * pairing, the group mention rule and the allowlist.
 *
 * Each connection starts with GET /gateway/bot (a 401 there means the
 * token is wrong: the channel stops); a dropped connection is made again
 * by keepConnected with backoff and RESUMEs the session, so the messages
 * sent meanwhile still arrive.
 *
 * Written against the documented protocol rather than @discordjs/ws and
 * @discordjs/rest: those work under Deno but bring 15 npm packages (about
 * 10 MB), and their shard loop reconnects by itself every 500 ms without
 * backoff, which the shared reconnect policy could not govern. See
 * docs/channels/discord.md.
 */
import type { ChannelRuntime, ChannelRuntimeStart, RunningChannel } from "../channel-runtime.ts";
import { type InboundCandidate, inboundGate } from "../inbound-gate.ts";
import {
  abortableSleep,
  CredentialRejected,
  keepConnected,
  type KeepConnectedOptions,
} from "../reconnect.ts";
import { NO_STATUS } from "../status-board.ts";
import { discordMeta } from "./meta.ts";
import { DiscordApiError, DiscordRest } from "./rest.ts";
import { GatewayRefused, type ResumeState, runGatewayConnection } from "./gateway.ts";

/** Discord's limit on one message's content. */
export const DISCORD_MAX_MESSAGE = 2000;

const TOKEN_FIX =
  "Fix channels.discord.token (Developer Portal → your application → Bot → Reset Token).";
const INTENT_FIX = "Turn on Message Content Intent in the Developer Portal " +
  "(your application → Bot → Privileged Gateway Intents), then restart the gateway.";

/** What the channel reads of a MESSAGE_CREATE. Everything in it is untrusted. */
interface DiscordMessage {
  channel_id?: unknown;
  guild_id?: unknown;
  content?: unknown;
  author?: { id?: unknown; username?: unknown; bot?: unknown };
  mentions?: { id?: unknown }[];
}

export function startDiscordChannel(opts: ChannelRuntimeStart): RunningChannel {
  const section = (opts.config.channels?.discord ?? {}) as { token?: string };
  if (!section.token) throw new Error("channels.discord.token is not set");
  const token = section.token;
  const apiBase = opts.apiBase ?? opts.host.env(discordMeta.apiBase!.env) ??
    discordMeta.apiBase!.url;
  const rest = new DiscordRest(apiBase.replace(/\/+$/, ""), token, () => opts.host.now().getTime());
  const stopper = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stopper.signal]) : stopper.signal;
  const status = opts.status ?? NO_STATUS;
  const gate = inboundGate("discord", opts, {
    maxLength: DISCORD_MAX_MESSAGE,
    send: (chatId, text, s) => rest.createMessage(chatId, text, s),
    typing: (chatId, s) => rest.typing(chatId, s),
  }, signal);
  const resume: ResumeState = {};
  let bot: { id: string; username?: string } | undefined;

  /** One connection: where the gateway is, then the WebSocket until it closes. */
  async function session(s: AbortSignal, connected: (detail?: string) => void): Promise<void> {
    const gateway = await refusedIsFatal(() => rest.gatewayBot(s));
    const limit = gateway.sessionStartLimit;
    if (!resume.sessionId && limit && limit.remaining <= 0) {
      // Identifying now would be refused: Discord allows ~1000 a day and says when they refill.
      status.connecting(`Discord's daily session starts are used up; waiting for the refill`);
      await abortableSleep(limit.resetAfterMs, s);
    }
    await refusedIsFatal(() =>
      runGatewayConnection({
        url: gateway.url,
        token,
        resume,
        signal: s,
        onReady: (r) => {
          if (r.user) bot = r.user;
          connected(bot?.username);
        },
        onDispatch: async (type, d) => {
          if (type !== "MESSAGE_CREATE") return;
          try {
            await handle(d as DiscordMessage);
          } catch (err) {
            if (!s.aborted) {
              gate.emit({
                type: "error",
                message: `handling a message: ${(err as Error).message}`,
              });
            }
          }
        },
      })
    );
  }

  function handle(m: DiscordMessage): Promise<void> {
    const author = m?.author;
    if (typeof author?.id !== "string" || typeof m.channel_id !== "string") {
      gate.emit({ type: "ignored", reason: "a message without author and channel ids" });
      return Promise.resolve();
    }
    const botId = bot?.id;
    const text = typeof m.content === "string" ? m.content : "";
    if (!text.trim()) {
      // Attachments, stickers and join notices carry no text for the agent.
      gate.emit({ type: "ignored", senderId: author.id, reason: "a message without text" });
      return Promise.resolve();
    }
    const candidate: InboundCandidate = {
      senderId: author.id,
      chatId: m.channel_id,
      // A message without guild_id came in a DM (Discord's documented rule).
      chatType: m.guild_id === undefined || m.guild_id === null ? "direct" : "group",
      name: typeof author.username === "string" ? author.username : undefined,
      text: botId ? stripMention(text, botId) : text,
      mentioned: Boolean(
        botId && Array.isArray(m.mentions) && m.mentions.some((u) => u?.id === botId),
      ),
      // The bot's own posts come back through the gateway too.
      fromBot: author.bot === true || author.id === botId,
      raw: m,
    };
    return gate.handle(candidate);
  }

  /** The credential (or the intents) refused: the loop stops instead of retrying. */
  async function refusedIsFatal<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof DiscordApiError && err.status === 401) {
        throw new CredentialRejected("the bot token (401)");
      }
      if (err instanceof GatewayRefused) {
        if (err.code === 4014) {
          connection.fix = INTENT_FIX;
          throw new CredentialRejected(
            "the Message Content intent (gateway close 4014: disallowed intents)",
          );
        }
        if (err.code === 4004) throw new CredentialRejected("the bot token (gateway close 4004)");
        connection.fix = "Reconnecting cannot change that; see docs/channels/discord.md.";
        throw new CredentialRejected(`the connection (gateway close ${err.code}: ${err.message})`);
      }
      throw err;
    }
  }

  // keepConnected reads `fix` when it stops: it says what to change for the refusal seen.
  const connection: KeepConnectedOptions = {
    label: "Discord",
    signal,
    status,
    emit: gate.emit,
    session,
    fix: TOKEN_FIX,
  };
  const done = keepConnected(connection);
  return {
    stop: async () => {
      stopper.abort();
      await done;
    },
  };
}

/** The bot's own mention (<@id>, or <@!id> from older clients) taken out of the text. */
function stripMention(text: string, botId: string): string {
  const stripped = text.replaceAll(`<@${botId}>`, "").replaceAll(`<@!${botId}>`, "").trim();
  return stripped || text;
}

/** The gateway side of Discord (its descriptor's runtime): the Gateway while a token is set. */
export const discordRuntime: ChannelRuntime = {
  wanted: (section) => section.enabled !== false && Boolean(section.token),
  start: (opts) => startDiscordChannel(opts),
};
