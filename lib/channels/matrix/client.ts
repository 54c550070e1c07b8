/**
 * The few Matrix client-server API calls the runtime makes (spec v1.x,
 * /_matrix/client/v3): who the token belongs to, /sync, joining a room,
 * sending a message, typing. Written here rather than taken from a client
 * library: these five calls are small and documented, while the SDKs bring
 * crypto stores and a large graph the bot does not use (it does not support
 * encrypted rooms). The access token travels in the Authorization header
 * only, never in a URL, so no error message can carry it.
 */
import { readBoundedJson } from "../../platform/bounded-body.ts";

/** An event as /sync hands it over. Everything in it is untrusted. */
export interface MatrixEvent {
  type?: unknown;
  sender?: unknown;
  state_key?: unknown;
  event_id?: unknown;
  content?: Record<string, unknown>;
  unsigned?: Record<string, unknown>;
}

export interface JoinedRoomSync {
  summary?: Record<string, unknown>;
  state?: { events?: MatrixEvent[] };
  timeline?: { events?: MatrixEvent[]; limited?: boolean };
}

export interface SyncResponse {
  next_batch: string;
  rooms?: {
    join?: Record<string, JoinedRoomSync>;
    invite?: Record<string, { invite_state?: { events?: MatrixEvent[] } }>;
    leave?: Record<string, unknown>;
  };
}

export class MatrixApiError extends Error {
  constructor(readonly status: number, readonly errcode: string, what: string) {
    super(`${what}: HTTP ${status}${errcode ? ` ${errcode}` : ""}`);
  }
  /** How long the homeserver asks to wait before trying again (429 M_LIMIT_EXCEEDED). */
  retryAfterMs?: number;
}

/** A sync answer can hold many rooms' state on the first call; anything beyond this is refused. */
const MAX_SYNC_BYTES = 32 * 1024 * 1024;
const MAX_ANSWER_BYTES = 1024 * 1024;

export interface SyncOptions {
  since?: string;
  /** How long the homeserver may hold the request open when nothing is new. */
  timeoutMs: number;
  /** All rooms' state, even with `since` (the runtime's first call after a start). */
  fullState?: boolean;
}

export class MatrixClient {
  private txn = 0;
  private readonly txnPrefix = crypto.randomUUID().slice(0, 8);

  constructor(private readonly base: string, private readonly token: string) {}

  private async call<T>(
    method: string,
    path: string,
    opts: { body?: unknown; signal: AbortSignal; maxBytes?: number; what: string },
  ): Promise<T> {
    const res = await fetch(`${this.base}/_matrix/client/v3${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(opts.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
    const data = await readBoundedJson(res, opts.maxBytes ?? MAX_ANSWER_BYTES) as
      | Record<string, unknown>
      | undefined;
    if (!res.ok) {
      const errcode = typeof data?.errcode === "string" ? data.errcode.slice(0, 64) : "";
      const err = new MatrixApiError(res.status, errcode, opts.what);
      if (typeof data?.retry_after_ms === "number") err.retryAfterMs = data.retry_after_ms;
      throw err;
    }
    if (!data || typeof data !== "object") {
      throw new Error(`${opts.what}: the homeserver's answer is not JSON`);
    }
    return data as T;
  }

  /** The account the access token belongs to: its full user id. */
  async whoami(signal: AbortSignal): Promise<string> {
    const r = await this.call<{ user_id?: unknown }>("GET", "/account/whoami", {
      signal,
      what: "account/whoami",
    });
    if (typeof r.user_id !== "string") throw new Error("account/whoami named no user id");
    return r.user_id;
  }

  /** The account's display name (what people type to mention it), if it has one. */
  async displayName(userId: string, signal: AbortSignal): Promise<string | undefined> {
    const r = await this.call<{ displayname?: unknown }>(
      "GET",
      `/profile/${encodeURIComponent(userId)}/displayname`,
      { signal, what: "profile" },
    );
    return typeof r.displayname === "string" && r.displayname.trim()
      ? r.displayname.trim()
      : undefined;
  }

  /** One /sync; the homeserver holds it up to `timeoutMs` when nothing is new. */
  async sync(opts: SyncOptions, signal: AbortSignal): Promise<SyncResponse> {
    const q = new URLSearchParams({ timeout: String(opts.timeoutMs) });
    if (opts.since) q.set("since", opts.since);
    if (opts.fullState) q.set("full_state", "true");
    // If the homeserver never answers, give up a while after its own timeout and reconnect.
    const guard = new AbortController();
    const timer = setTimeout(() => guard.abort(), opts.timeoutMs + 30_000);
    try {
      const r = await this.call<SyncResponse>("GET", `/sync?${q}`, {
        signal: AbortSignal.any([signal, guard.signal]),
        maxBytes: MAX_SYNC_BYTES,
        what: "sync",
      });
      if (typeof r.next_batch !== "string" || !r.next_batch) {
        throw new Error("sync answered without next_batch");
      }
      return r;
    } finally {
      clearTimeout(timer);
    }
  }

  async join(roomId: string, signal: AbortSignal): Promise<void> {
    await this.call("POST", `/rooms/${encodeURIComponent(roomId)}/join`, {
      body: {},
      signal,
      what: "join",
    });
  }

  /** A text message; each call has its own transaction id, so a retry is never sent twice. */
  async sendText(roomId: string, text: string, signal: AbortSignal): Promise<void> {
    const txnId = `oc${this.txnPrefix}.${Date.now()}.${++this.txn}`;
    const path = `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${txnId}`;
    const body = { msgtype: "m.text", body: text };
    for (let attempt = 0;; attempt++) {
      try {
        await this.call("PUT", path, { body, signal, what: "send" });
        return;
      } catch (err) {
        // Rate limited: wait as asked (bounded) and try again with the same transaction id.
        if (!(err instanceof MatrixApiError) || err.status !== 429 || attempt >= 2) throw err;
        await abortableDelay(Math.min(err.retryAfterMs ?? 1000, 10_000), signal);
      }
    }
  }

  /** "typing…" in the room for `timeoutMs` (the agent glue renews it while it works). */
  async typing(roomId: string, userId: string, timeoutMs: number, signal: AbortSignal) {
    await this.call(
      "PUT",
      `/rooms/${encodeURIComponent(roomId)}/typing/${encodeURIComponent(userId)}`,
      { body: { typing: true, timeout: timeoutMs }, signal, what: "typing" },
    );
  }
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(t);
      reject(signal.reason);
    }
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
