/**
 * signal-cli's daemon over its HTTP interface (`daemon --http`): JSON-RPC
 * 2.0 at POST /api/v1/rpc (send, sendTyping, getUserStatus), the incoming
 * envelopes as Server-Sent Events at GET /api/v1/events, and
 * GET /api/v1/check answering once it is up. A daemon serving several
 * accounts needs the account in every call; `account` is then set.
 */
import { readBoundedJson } from "../../platform/bounded-body.ts";

/** A group conversation's chat id: "group:" + its id (a DM's chat id is the sender's id). */
export const GROUP_PREFIX = "group:";
const MAX_ANSWER_BYTES = 1024 * 1024;

export class SignalRpcError extends Error {
  constructor(readonly method: string, readonly code: number | undefined, message: string) {
    super(`signal-cli ${method}: ${message.slice(0, 200)}`);
  }
}

export class SignalDaemonApi {
  private id = 0;

  /** `base`: http://host:port of the daemon; `account`: set for a multi-account daemon. */
  constructor(readonly base: string, private readonly account?: string) {}

  async rpc<T>(method: string, params: Record<string, unknown>, signal: AbortSignal): Promise<T> {
    const res = await fetch(`${this.base}/api/v1/rpc`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: ++this.id,
        method,
        params: this.account ? { account: this.account, ...params } : params,
      }),
      signal,
    });
    const data = await readBoundedJson(res, MAX_ANSWER_BYTES) as {
      result?: T;
      error?: { code?: number; message?: string };
    } | undefined;
    if (data?.error) {
      throw new SignalRpcError(method, data.error.code, String(data.error.message ?? "failed"));
    }
    if (!res.ok || !data) throw new SignalRpcError(method, undefined, `HTTP ${res.status}`);
    return data.result as T;
  }

  send(chatId: string, message: string, signal: AbortSignal): Promise<unknown> {
    return this.rpc("send", { ...recipient(chatId), message }, signal);
  }

  sendTyping(chatId: string, signal: AbortSignal): Promise<unknown> {
    return this.rpc("sendTyping", recipient(chatId), signal);
  }

  /** The account's own uuid (mentions name it by uuid), when the daemon can say. */
  async ownUuid(number: string, signal: AbortSignal): Promise<string | undefined> {
    const r = await this.rpc<{ number?: unknown; uuid?: unknown }[]>(
      "getUserStatus",
      { recipient: [number] },
      signal,
    );
    const uuid = Array.isArray(r) ? r.find((u) => u?.number === number)?.uuid : undefined;
    return typeof uuid === "string" ? uuid.toLowerCase() : undefined;
  }

  /** Whether the daemon answers (it is up and has loaded its accounts). */
  async check(signal: AbortSignal): Promise<boolean> {
    try {
      const res = await fetch(`${this.base}/api/v1/check`, { signal });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  }

  /** Open the envelope stream; read it with sseData (each event's data is untrusted JSON text). */
  async openEvents(signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const q = this.account ? `?account=${encodeURIComponent(this.account)}` : "";
    const res = await fetch(`${this.base}/api/v1/events${q}`, {
      headers: { accept: "text/event-stream" },
      signal,
    });
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw new Error(`the daemon's event stream answered HTTP ${res.status}`);
    }
    return res.body;
  }
}

function recipient(chatId: string): Record<string, unknown> {
  return chatId.startsWith(GROUP_PREFIX)
    ? { groupId: chatId.slice(GROUP_PREFIX.length) }
    : { recipient: [chatId] };
}
