/**
 * The few Discord REST calls the running channel makes (GET /gateway/bot,
 * POST /channels/{id}/messages, POST /channels/{id}/typing), with Discord's
 * rate limits kept: requests to one route go one at a time; when the
 * route's X-RateLimit-Remaining reaches 0 the next waits X-RateLimit-Reset-After;
 * a 429 waits its retry_after (for every route when it is global) and is
 * tried again. The token travels in the Authorization header only, so no
 * URL or error here ever holds it.
 */
import { abortableSleep } from "../reconnect.ts";

/** Discord answered with an error status (401: the token is wrong or revoked). */
export class DiscordApiError extends Error {
  constructor(readonly status: number, readonly route: string, said: string) {
    super(`Discord API ${status} on ${route}${said ? `: ${said}` : ""}`);
  }
}

/** A wait longer than this is not waited for: the call fails and the caller decides. */
const MAX_WAIT_MS = 60_000;
/** 429s in a row for one call before giving up (Discord's limits clear in seconds). */
const MAX_TRIES = 4;
/** A request Discord has not answered by then fails (the route's queue moves on). */
const REQUEST_TIMEOUT_MS = 30_000;
/** Answers are small JSON objects; anything far larger is not read. */
const MAX_BODY_CHARS = 1 << 20;

export interface GatewayBot {
  url: string;
  /** Identifies left today, and when they are refilled (ms). */
  sessionStartLimit?: { remaining: number; resetAfterMs: number };
}

export class DiscordRest {
  /** Per route: the end of the previous request, so the next one waits for its answer. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Per route: no request before this time (ms since epoch). */
  private readonly blockedUntil = new Map<string, number>();
  private globalUntil = 0;

  constructor(
    private readonly apiBase: string,
    private readonly token: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Where to open the gateway WebSocket, and how many identifies are left. */
  async gatewayBot(signal: AbortSignal): Promise<GatewayBot> {
    const body = await this.request("GET", "/gateway/bot", undefined, signal) as {
      url?: unknown;
      session_start_limit?: { remaining?: unknown; reset_after?: unknown };
    };
    if (typeof body?.url !== "string" || !/^wss?:\/\//i.test(body.url)) {
      throw new Error("Discord's /gateway/bot answer has no ws:// or wss:// url");
    }
    const limit = body.session_start_limit;
    const remaining = limit?.remaining;
    const resetAfter = limit?.reset_after;
    return {
      url: body.url,
      sessionStartLimit: typeof remaining === "number" && typeof resetAfter === "number"
        ? { remaining, resetAfterMs: resetAfter }
        : undefined,
    };
  }

  /** Post `content` in a channel (DM or guild); mentions in it never ping anyone. */
  async createMessage(channelId: string, content: string, signal: AbortSignal): Promise<void> {
    await this.request("POST", `/channels/${encodeURIComponent(channelId)}/messages`, {
      content,
      // The agent's text may contain @everyone or <@id>: shown, never pinging.
      allowed_mentions: { parse: [] },
    }, signal);
  }

  /** "Bot is typing…" for about 10 s in the channel. */
  async typing(channelId: string, signal: AbortSignal): Promise<void> {
    await this.request(
      "POST",
      `/channels/${encodeURIComponent(channelId)}/typing`,
      undefined,
      signal,
    );
  }

  /** One request, queued behind the route's previous one. */
  request(method: string, path: string, body: unknown, signal: AbortSignal): Promise<unknown> {
    const route = `${method} ${path}`;
    const previous = this.queues.get(route) ?? Promise.resolve();
    const mine = previous.catch(() => {}).then(() => this.send(route, method, path, body, signal));
    this.queues.set(route, mine);
    void mine.catch(() => {}).finally(() =>
      this.queues.get(route) === mine && this.queues.delete(route)
    );
    return mine;
  }

  private async send(
    route: string,
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal,
  ): Promise<unknown> {
    for (let attempt = 1;; attempt++) {
      await this.waitFor(Math.max(this.globalUntil, this.blockedUntil.get(route) ?? 0), signal);
      const { res, answer } = await this.fetchOnce(method, path, body, signal);
      this.noteBucket(route, res.headers);
      if (res.status === 429 && attempt < MAX_TRIES) {
        this.note429(route, res.headers, answer);
        continue;
      }
      if (!res.ok) {
        const said = typeof (answer as { message?: unknown })?.message === "string"
          ? (answer as { message: string }).message.slice(0, 200)
          : "";
        throw new DiscordApiError(res.status, route, said);
      }
      return answer;
    }
  }

  /** One HTTP exchange, given up after REQUEST_TIMEOUT_MS. */
  private async fetchOnce(method: string, path: string, body: unknown, signal: AbortSignal) {
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new Error("Discord did not answer")),
      REQUEST_TIMEOUT_MS,
    );
    try {
      const res = await fetch(`${this.apiBase}${path}`, {
        method,
        headers: {
          Authorization: `Bot ${this.token}`,
          "User-Agent": "DiscordBot (https://github.com/openclaw/openclaw, 0.1)",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any([signal, timeout.signal]),
      });
      return { res, answer: await readJson(res) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** X-RateLimit-Remaining 0: the route waits X-RateLimit-Reset-After seconds. */
  private noteBucket(route: string, headers: Headers): void {
    const remaining = Number(headers.get("x-ratelimit-remaining"));
    const resetAfter = Number(headers.get("x-ratelimit-reset-after"));
    if (headers.has("x-ratelimit-remaining") && remaining <= 0 && resetAfter >= 0) {
      this.blockedUntil.set(route, this.now() + resetAfter * 1000);
    } else {
      this.blockedUntil.delete(route);
    }
  }

  /** A 429: wait retry_after (seconds; the body's, else the Retry-After header). */
  private note429(route: string, headers: Headers, answer: unknown): void {
    const a = answer as { retry_after?: unknown; global?: unknown };
    const seconds = typeof a?.retry_after === "number"
      ? a.retry_after
      : Number(headers.get("retry-after") ?? "1");
    const until = this.now() + Math.max(0, Number.isFinite(seconds) ? seconds : 1) * 1000;
    if (a?.global === true || headers.get("x-ratelimit-global") === "true") {
      this.globalUntil = until;
    } else {
      this.blockedUntil.set(route, until);
    }
  }

  private async waitFor(until: number, signal: AbortSignal): Promise<void> {
    const ms = until - this.now();
    if (ms <= 0) return;
    if (ms > MAX_WAIT_MS) {
      throw new Error(`Discord's rate limit asks to wait ${Math.ceil(ms / 1000)} s`);
    }
    await abortableSleep(ms, signal);
    signal.throwIfAborted();
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text.length > MAX_BODY_CHARS) return undefined;
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
