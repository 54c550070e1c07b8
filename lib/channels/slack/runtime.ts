/**
 * The Slack channel at run time, over Socket Mode: Slack pushes the app's
 * events down a WebSocket the channel opens with the app-level token
 * (apps.connections.open → wss URL), so the gateway needs no public URL.
 * Every envelope is acknowledged at once (Slack re-sends what is not
 * acknowledged within 3 s); `message` and `app_mention` events become
 * candidates for the shared gate (./events.ts, ../inbound-gate.ts), and
 * answers go out with the bot token through chat.postMessage.
 *
 * The Slack SDK (`@slack/socket-mode`, `@slack/web-api`) does the protocol;
 * its own reconnecting is off so that ../reconnect.ts owns retries, backoff
 * and the stop on a refused token, as for every channel.
 */
import type { Logger, SocketModeClient } from "@slack/socket-mode";
import type { WebClient } from "@slack/web-api";
import type { ChannelRuntime, ChannelRuntimeStart, RunningChannel } from "../channel-runtime.ts";
import { inboundGate } from "../inbound-gate.ts";
import { CredentialRejected, keepConnected, type KeepConnectedOptions } from "../reconnect.ts";
import { NO_STATUS } from "../status-board.ts";
import { SLACK_BAD_TOKEN } from "./check.ts";
import { readSlackEvent, RecentKeys, type SlackEvent } from "./events.ts";
import { slackMeta } from "./meta.ts";

/** chat.postMessage truncates text beyond 40 000 characters and advises 4 000 per message. */
export const SLACK_MAX_MESSAGE = 4000;

const TOKENS = {
  botToken: "the bot token in channels.slack.botToken",
  appToken: "the app-level token in channels.slack.appToken",
} as const;

export interface SlackChannelOptions extends ChannelRuntimeStart {
  /** Waits between reconnects (tests make them short). */
  backoff?: KeepConnectedOptions["backoff"];
}

export interface SlackChannel extends RunningChannel {
  /** Settles when the loop ends (stopped, aborted, or a token was refused). */
  done: Promise<void>;
}

interface SlackSdk {
  SocketModeClient: typeof SocketModeClient;
  WebClient: typeof WebClient;
}

/**
 * The SDK is imported here, not at the top of the file: a gateway without
 * Slack, and every CLI command, must not load its 16 npm packages.
 */
async function loadSdk(): Promise<SlackSdk> {
  const [socketMode, webApi] = await Promise.all([
    import("@slack/socket-mode"),
    import("@slack/web-api"),
  ]);
  return { SocketModeClient: socketMode.SocketModeClient, WebClient: webApi.WebClient };
}

/**
 * The SDK's logger, silenced: its debug lines hold whole payloads (message
 * text) and its errors repeat what the channel reports itself, once.
 */
const QUIET: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => "error" as ReturnType<Logger["getLevel"]>,
  setName: () => {},
};

/** Slack's ids: upper-case letters and digits (the bot's own id goes into a pattern). */
const SLACK_ID = /^[A-Z0-9]{2,32}$/;

export async function startSlackChannel(opts: SlackChannelOptions): Promise<SlackChannel> {
  const section = (opts.config.channels?.slack ?? {}) as { botToken?: string; appToken?: string };
  const status = opts.status ?? NO_STATUS;
  if (!section.botToken) throw new Error("channels.slack.botToken is not set");
  if (!section.appToken) {
    const why = "Slack needs an app-level token (xapp-…, scope connections:write) for Socket " +
      "Mode: set channels.slack.appToken (events over HTTP are not supported).";
    status.stopped(why);
    opts.onEvent?.({ type: "error", message: why });
    return { done: Promise.resolve(), stop: () => Promise.resolve() };
  }
  const { botToken, appToken } = section as { botToken: string; appToken: string };
  const base = opts.apiBase ?? opts.host.env(slackMeta.apiBase!.env) ?? slackMeta.apiBase!.url;
  const slackApiUrl = `${base.replace(/\/+$/, "")}/`;
  const sdk = await loadSdk();
  const web = new sdk.WebClient(botToken, {
    slackApiUrl,
    logger: QUIET,
    timeout: 15_000,
    // A few quick retries for a send; the SDK's default keeps one going for half an hour.
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
  });
  const stopper = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stopper.signal]) : stopper.signal;
  const gate = inboundGate("slack", opts, {
    maxLength: SLACK_MAX_MESSAGE,
    send: async (chatId, text) => void await web.chat.postMessage({ channel: chatId, text }),
    // Bots cannot show "typing" through the Web API or Socket Mode: no typing().
  }, signal);
  const seen = new RecentKeys();

  function onEvent(event: SlackEvent | undefined, botUserId: string): void {
    if (!event || typeof event !== "object") return;
    const r = readSlackEvent(event, botUserId);
    if (r.key && !seen.first(r.key)) return;
    if ("ignored" in r) {
      if (event.type === "message" || event.type === "app_mention") {
        gate.emit({ type: "ignored", reason: r.ignored });
      }
      return;
    }
    gate.handle(r.candidate).catch((err) => {
      if (!signal.aborted) {
        gate.emit({ type: "error", message: `Slack: handling a message: ${errorText(err)}` });
      }
    });
  }

  /** One connection: who the bot is, then a Socket Mode session until it closes. */
  async function session(s: AbortSignal, connected: (detail?: string) => void): Promise<void> {
    const me = await credential("botToken", () => web.auth.test());
    const botUserId = typeof me.user_id === "string" && SLACK_ID.test(me.user_id)
      ? me.user_id
      : undefined;
    if (!botUserId) throw new Error("auth.test did not name the bot user");
    const socket = new sdk.SocketModeClient({
      appToken,
      logger: QUIET,
      autoReconnectEnabled: false,
      clientOptions: { slackApiUrl, timeout: 15_000, retryConfig: { retries: 0 } },
    });
    socket.on("slack_event", (e: { ack: () => Promise<void>; type?: string; body?: unknown }) => {
      // Acknowledged before anything else: Slack re-sends an envelope not acknowledged in 3 s.
      e.ack().catch(() => {});
      if (e.type === "events_api") {
        onEvent((e.body as { event?: SlackEvent } | undefined)?.event, botUserId);
      }
    });
    const ended = new Promise<void>((resolve) => socket.on("disconnected", () => resolve()));
    const hangUp = () => void socket.disconnect().catch(() => {});
    s.addEventListener("abort", hangUp, { once: true });
    try {
      await credential("appToken", () => socket.start());
      connected(typeof me.user === "string" ? `@${me.user}` : undefined);
      await ended;
    } finally {
      s.removeEventListener("abort", hangUp);
      if (!s.aborted) await socket.disconnect().catch(() => {});
      socket.removeAllListeners();
    }
  }

  const done = keepConnected({
    label: "Slack",
    signal,
    status,
    emit: gate.emit,
    session,
    fix: "Put a valid token there (api.slack.com/apps → your app: Basic Information → " +
      "App-Level Tokens for xapp-…, OAuth & Permissions for xoxb-…).",
    backoff: opts.backoff,
  });
  return {
    done,
    stop: async () => {
      stopper.abort();
      await done;
    },
  };
}

/** Slack's "invalid_auth" and kin mean the token itself is refused: stop, naming the key. */
async function credential<T>(key: keyof typeof TOKENS, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const code = (err as { data?: { error?: unknown } })?.data?.error;
    if (typeof code === "string" && SLACK_BAD_TOKEN.has(code)) {
      throw new CredentialRejected(`${TOKENS[key]} (${code})`);
    }
    throw new Error(errorText(err));
  }
}

/** The SDK's error text (it names the API method or the socket; never a token). */
function errorText(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}

/** The gateway side of Slack (its descriptor's runtime): Socket Mode while the tokens are set. */
export const slackRuntime: ChannelRuntime = {
  wanted: (section) => section.enabled !== false && Boolean(section.botToken),
  start: (opts) => startSlackChannel(opts),
};
