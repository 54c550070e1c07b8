/**
 * The Slack channel at run time, over Socket Mode: Slack pushes the app's
 * events down a WebSocket the channel opens itself, so the gateway needs no
 * public URL. One connection: auth.test (bot token) says who the bot is,
 * apps.connections.open (app-level token) gives a one-time wss URL, Slack
 * greets with `hello`, then sends envelopes that are acknowledged at once
 * with their envelope_id (Slack re-sends what is not acknowledged within
 * 3 s). `message` and `app_mention` events become candidates for the shared
 * gate (./events.ts, ../inbound-gate.ts); answers go out with the bot token
 * through chat.postMessage (./web-api.ts).
 *
 * Written here rather than with Slack's SDK (`@slack/socket-mode` +
 * `@slack/web-api`): the SDK works under Deno, but its 16 npm packages
 * would sit in deno.lock, which Deno installs whole on any cold start, for
 * every user (see docs/channels/slack.md for the figures).
 */
import type { ChannelRuntime, ChannelRuntimeStart, RunningChannel } from "../channel-runtime.ts";
import { inboundGate } from "../inbound-gate.ts";
import { serveJsonSocket } from "../json-socket.ts";
import { CredentialRejected, type KeepConnectedOptions } from "../reconnect.ts";
import { channelStopper } from "../channel-loop.ts";
import { NO_STATUS } from "../status-board.ts";
import { SLACK_BAD_TOKEN } from "./check.ts";
import { readSlackEvent, RecentKeys, type SlackEvent, slackTarget } from "./events.ts";
import { slackMeta } from "./meta.ts";
import { SlackApiError, SlackWebApi } from "./web-api.ts";

/** chat.postMessage truncates text beyond 40 000 characters and advises 4 000 per message. */
export const SLACK_MAX_MESSAGE = 4000;
/** A larger frame is not an event this channel reads. */
const MAX_FRAME = 4 << 20;
/**
 * Slack keeps the socket alive with WebSocket pings, which the socket
 * answers unseen; a connection that brought nothing for this long is
 * replaced, so a link that died quietly (a laptop asleep) is not kept.
 * Slack re-sends events that were not acknowledged meanwhile.
 */
const IDLE_REFRESH_MS = 3 * 60_000;

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

/** Slack's ids: upper-case letters and digits (the bot's own id goes into a pattern). */
const SLACK_ID = /^[A-Z0-9]{2,32}$/;

export function startSlackChannel(opts: SlackChannelOptions): SlackChannel {
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
  const base = opts.apiBase ?? opts.host.env(slackMeta.apiBase!.env) ?? slackMeta.apiBase!.url;
  const api = new SlackWebApi(base.replace(/\/+$/, ""), {
    bot: section.botToken,
    app: section.appToken,
  });
  const loop = channelStopper(opts.signal);
  const signal = loop.signal;
  const gate = inboundGate("slack", opts, {
    maxLength: SLACK_MAX_MESSAGE,
    send: (chatId, text, s) => api.postMessage({ ...slackTarget(chatId), text }, s),
    // Bots cannot show "typing" through the Web API or Socket Mode: no typing().
  }, signal);
  const seen = new RecentKeys();

  function onEvent(event: unknown, botUserId: string): void {
    if (!event || typeof event !== "object") return;
    const e = event as SlackEvent;
    const r = readSlackEvent(e, botUserId);
    if (r.key && !seen.first(r.key)) return;
    if ("ignored" in r) {
      if (e.type === "message" || e.type === "app_mention") {
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

  /**
   * One connection: who the bot is, then Socket Mode. When Slack asks for a
   * new connection (`disconnect`) or this one has been idle, the next one
   * opens at once, within the session; anything else ends it.
   */
  async function session(s: AbortSignal, connected: (detail?: string) => void): Promise<void> {
    const me = await credential("botToken", () => api.authTest(s));
    const botUserId = typeof me.userId === "string" && SLACK_ID.test(me.userId)
      ? me.userId
      : undefined;
    if (!botUserId) throw new Error("auth.test did not name the bot user");
    const name = typeof me.user === "string" ? `@${me.user.slice(0, 80)}` : undefined;
    while (!s.aborted) {
      const url = await credential("appToken", () => api.connectionsOpen(s));
      let greeted = false;
      const ended = await redacted(serveJsonSocket({
        url,
        signal: s,
        now: () => opts.host.now().getTime(),
        maxFrame: MAX_FRAME,
        notReady: "the Socket Mode connection closed before Slack said hello",
        onFrame: (frame, ctl) => {
          if (frame.type === "hello") {
            greeted = true;
            ctl.ready();
            return connected(name);
          }
          if (frame.type === "disconnect") return ctl.close("refresh");
          // Acknowledged before anything else: Slack re-sends an envelope not acknowledged in 3 s.
          if (typeof frame.envelope_id === "string") ctl.send({ envelope_id: frame.envelope_id });
          if (frame.type === "events_api") {
            onEvent((frame.payload as { event?: unknown } | undefined)?.event, botUserId);
          }
        },
        keepalive: {
          everyMs: IDLE_REFRESH_MS / 3,
          silentMs: IDLE_REFRESH_MS,
          onSilence: { close: "refresh" },
        },
      }));
      // A refresh asked before `hello` would loop without end: that is a failure, retried later.
      if (ended !== "refresh" || !greeted) return;
    }
  }

  return loop.run({
    label: "Slack",
    status,
    emit: gate.emit,
    session,
    fix: "Put a valid token there (api.slack.com/apps → your app: Basic Information → " +
      "App-Level Tokens for xapp-…, OAuth & Permissions for xoxb-…).",
    backoff: opts.backoff,
  }, () => Promise.resolve());
}

/** Slack's "invalid_auth" and kin mean the token itself is refused: stop, naming the key. */
async function credential<T>(key: keyof typeof TOKENS, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof SlackApiError && SLACK_BAD_TOKEN.has(err.code)) {
      throw new CredentialRejected(`${TOKENS[key]} (${err.code})`);
    }
    throw new Error(errorText(err));
  }
}

/** The socket's errors may quote its URL: they go on without the ticket. */
async function redacted<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    throw new Error(errorText(err));
  }
}

/** An error's text, with a Socket Mode URL's one-time ticket taken out should one appear. */
export function errorText(err: unknown): string {
  const text = (err as Error)?.message ?? String(err);
  return text.replace(/ticket=[^&\s"')]+/g, "ticket=<redacted>");
}

/** The gateway side of Slack (its descriptor's runtime): Socket Mode while the tokens are set. */
export const slackRuntime: ChannelRuntime = {
  wanted: (section) => section.enabled !== false && Boolean(section.botToken),
  start: (opts) => startSlackChannel(opts),
};
