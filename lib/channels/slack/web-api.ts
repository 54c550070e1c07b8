/**
 * The three Slack Web API methods the runtime calls: auth.test (bot
 * token: who the bot is), apps.connections.open (app-level token: a
 * Socket Mode URL) and chat.postMessage (bot token). Tokens go in the
 * Authorization header, never in a URL. Slack answers HTTP 200 with
 * `ok: false` and an error code for most failures, and 429 with
 * Retry-After when a method is rate limited.
 */
import { abortableSleep } from "../reconnect.ts";

/** Slack refused a call: `code` is its error ("invalid_auth", "channel_not_found" …). */
export class SlackApiError extends Error {
  constructor(readonly method: string, readonly code: string) {
    super(`Slack answered ${code} to ${method}`);
  }
}

/** How long a rate-limited send waits at most before giving up. */
const MAX_RETRY_AFTER_S = 30;

export class SlackWebApi {
  constructor(
    private readonly base: string,
    private readonly tokens: { bot: string; app: string },
  ) {}

  /** The bot's user id and name. */
  async authTest(signal: AbortSignal): Promise<{ userId?: unknown; user?: unknown }> {
    const body = await this.call("auth.test", this.tokens.bot, undefined, signal);
    return { userId: body.user_id, user: body.user };
  }

  /** A fresh Socket Mode URL (it holds a one-time ticket: never logged). */
  async connectionsOpen(signal: AbortSignal): Promise<string> {
    const body = await this.call("apps.connections.open", this.tokens.app, undefined, signal);
    if (typeof body.url !== "string" || !/^wss?:\/\//.test(body.url)) {
      throw new Error("apps.connections.open answered without a WebSocket URL");
    }
    return body.url;
  }

  /** Post into a channel or DM (into a thread with `thread_ts`); one wait if rate limited. */
  async postMessage(
    message: { channel: string; text: string; thread_ts?: string },
    signal: AbortSignal,
  ): Promise<void> {
    try {
      await this.call("chat.postMessage", this.tokens.bot, message, signal);
    } catch (err) {
      if (!(err instanceof RateLimited)) throw err;
      await abortableSleep(Math.min(err.seconds, MAX_RETRY_AFTER_S) * 1000, signal);
      await this.call("chat.postMessage", this.tokens.bot, message, signal);
    }
  }

  private async call(
    method: string,
    token: string,
    body: unknown,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.base}/${method}`, {
      method: "POST",
      signal,
      headers: {
        Authorization: `Bearer ${token}`,
        "Content-Type": "application/json; charset=utf-8",
      },
      body: JSON.stringify(body ?? {}),
    });
    const text = await res.text();
    if (res.status === 429) {
      throw new RateLimited(method, Number(res.headers.get("retry-after")) || 1);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`Slack's answer to ${method} is not JSON (HTTP ${res.status})`);
    }
    const answer = (parsed ?? {}) as Record<string, unknown>;
    if (answer.ok !== true) {
      const code = typeof answer.error === "string" ? answer.error.slice(0, 80) : "";
      throw new SlackApiError(method, code || `HTTP ${res.status}`);
    }
    return answer;
  }
}

class RateLimited extends SlackApiError {
  constructor(method: string, readonly seconds: number) {
    super(method, "ratelimited");
  }
}
