/**
 * The Mattermost channel at run time, on the server's own v4 API (small
 * and documented, so no client library): GET /api/v4/users/me says who the
 * bot is, the WebSocket /api/v4/websocket (authenticated with an
 * `authentication_challenge` carrying the bot token) pushes `posted`
 * events, which become candidates for the shared gate (./events.ts,
 * ../inbound-gate.ts), and answers go out with POST /api/v4/posts into the
 * same channel or thread. "Typing" is the socket's `user_typing` action.
 *
 * Mattermost ships as a plugin in the reference; here it runs in the
 * gateway whenever channels.mattermost holds a token and a server URL
 * (unless the plugin entry is disabled).
 */
import type { ChannelRuntime, ChannelRuntimeStart, RunningChannel } from "../channel-runtime.ts";
import { inboundGate } from "../inbound-gate.ts";
import { CredentialRejected, type KeepConnectedOptions } from "../reconnect.ts";
import { channelStopper } from "../channel-loop.ts";
import { NO_STATUS } from "../status-board.ts";
import { MattermostApi, MattermostApiError } from "./api.ts";
import { type MattermostBot, readMattermostPosted, splitChatId } from "./events.ts";
import { serveJsonSocket } from "../json-socket.ts";

/** Mattermost's limit on one post's text. */
export const MATTERMOST_MAX_MESSAGE = 16_383;
/** A larger frame is not an event this channel reads (a post is at most 16 383 characters). */
const MAX_FRAME = 1 << 20;
/** How often the channel pings; a socket silent for 2.5 times this is dead and re-made. */
const KEEPALIVE_MS = 30_000;

const TOKEN_KEY = "the bot token in channels.mattermost.botToken";

export interface MattermostChannelOptions extends ChannelRuntimeStart {
  /** Waits between reconnects (tests make them short). */
  backoff?: KeepConnectedOptions["backoff"];
}

export interface MattermostChannel extends RunningChannel {
  /** Settles when the loop ends (stopped, aborted, or the token was refused). */
  done: Promise<void>;
}

interface MattermostSection {
  botToken?: string;
  baseUrl?: string;
}

export function startMattermostChannel(opts: MattermostChannelOptions): MattermostChannel {
  const section = (opts.config.channels?.mattermost ?? {}) as MattermostSection;
  const status = opts.status ?? NO_STATUS;
  const base = (opts.apiBase ?? section.baseUrl ?? "").replace(/\/+$/, "");
  if (!section.botToken || !base) {
    throw new Error("channels.mattermost.botToken and channels.mattermost.baseUrl must be set");
  }
  if (pluginDisabled(opts.config as Record<string, unknown>)) {
    status.stopped("the Mattermost plugin is disabled (plugins.entries.mattermost.enabled)");
    return { done: Promise.resolve(), stop: () => Promise.resolve() };
  }
  const token = section.botToken;
  const api = new MattermostApi(base, token);
  const loop = channelStopper(opts.signal);
  const signal = loop.signal;
  /** Sends an action on the current connection once authenticated ("typing" goes through it). */
  let sendAction: SendAction = () => {};

  const gate = inboundGate("mattermost", opts, {
    maxLength: MATTERMOST_MAX_MESSAGE,
    send: async (chatId, text, s) => {
      const { channelId, rootId } = splitChatId(chatId);
      await api.post({
        channel_id: channelId,
        message: text,
        ...(rootId ? { root_id: rootId } : {}),
      }, s);
    },
    typing: (chatId) => {
      const { channelId, rootId } = splitChatId(chatId);
      sendAction("user_typing", { channel_id: channelId, parent_id: rootId ?? "" });
      return Promise.resolve();
    },
  }, signal);

  function onEvent(msg: { event?: unknown; data?: unknown }, bot: MattermostBot): void {
    if (msg.event !== "posted") return;
    const r = readMattermostPosted(msg.data, bot);
    if ("ignored" in r) return gate.emit({ type: "ignored", reason: r.ignored });
    gate.handle(r.candidate).catch((err) => {
      if (!signal.aborted) {
        gate.emit({ type: "error", message: `Mattermost: handling a post: ${errorText(err)}` });
      }
    });
  }

  /** One connection: who the bot is, then the WebSocket until it closes. */
  async function session(s: AbortSignal, connected: (detail?: string) => void): Promise<void> {
    const bot = await refusedIsFatal(() => api.me(s));
    try {
      await serveSocket(`${base.replace(/^http/, "ws")}/api/v4/websocket`, token, s, {
        now: () => opts.host.now().getTime(),
        authenticated: (send) => {
          sendAction = send;
          connected(`@${bot.username}`);
        },
        event: (msg) => onEvent(msg, bot),
      });
    } finally {
      sendAction = () => {};
    }
  }

  return loop.run({
    label: "Mattermost",
    status,
    emit: gate.emit,
    session,
    fix: "Put a valid bot access token in channels.mattermost.botToken " +
      "(Integrations → Bot Accounts → Create New Token).",
    backoff: opts.backoff,
  }, () => Promise.resolve());
}

type SendAction = (action: string, data: Record<string, unknown>) => void;

/**
 * One WebSocket connection: authenticate with the token (seq 1), hand each
 * event on, ping every 30 s. Ends when the socket closes; fails when it
 * closes before authenticating or goes silent, and with CredentialRejected
 * when the server refuses the token.
 */
async function serveSocket(
  url: string,
  token: string,
  signal: AbortSignal,
  on: {
    now: () => number;
    authenticated(send: SendAction): void;
    event(msg: { event?: unknown; data?: unknown }): void;
  },
): Promise<void> {
  let seq = 1;
  let authenticated = false;
  await serveJsonSocket({
    url,
    signal,
    now: on.now,
    maxFrame: MAX_FRAME,
    notReady: "the WebSocket closed before authenticating",
    onOpen: (ctl) => ctl.send({ seq: 1, action: "authentication_challenge", data: { token } }),
    onFrame: (msg, ctl) => {
      if (msg.seq_reply === 1) {
        if (msg.status !== "OK") {
          return ctl.fail(new CredentialRejected(`${TOKEN_KEY} (the WebSocket refused it)`));
        }
        authenticated = true;
        ctl.ready();
        return on.authenticated((action, data) => ctl.send({ seq: ++seq, action, data }));
      }
      if (authenticated && typeof msg.event === "string") on.event(msg);
    },
    keepalive: {
      everyMs: KEEPALIVE_MS,
      silentMs: 2.5 * KEEPALIVE_MS,
      onSilence: "fail",
      tick: (ctl) => ctl.send({ seq: ++seq, action: "ping" }),
    },
  });
}

/** 401 means the token is wrong, revoked or its bot deactivated: stop, do not retry. */
async function refusedIsFatal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof MattermostApiError && err.status === 401) {
      throw new CredentialRejected(`${TOKEN_KEY} (401)`);
    }
    if (err instanceof MattermostApiError && err.status === 404) {
      throw new Error(`${err.message} (is channels.mattermost.baseUrl the server's URL?)`);
    }
    throw err;
  }
}

function pluginDisabled(config: Record<string, unknown>): boolean {
  const plugins = config.plugins as { entries?: Record<string, { enabled?: unknown }> } | undefined;
  return plugins?.entries?.mattermost?.enabled === false;
}

function errorText(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}

/** The gateway side of Mattermost (its descriptor's runtime): the WebSocket while configured. */
export const mattermostRuntime: ChannelRuntime = {
  wanted: (section) =>
    section.enabled !== false && Boolean(section.botToken) && Boolean(section.baseUrl),
  start: (opts) => startMattermostChannel(opts),
};
