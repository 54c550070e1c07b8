/**
 * A small gateway client: open a WebSocket, `connect` (protocol range and
 * secret), call methods with a deadline. Used by `openclaw health`/`status`,
 * the onboarding health check, and later `daemon status` and remote mode.
 *
 *   const payload = await callGateway({ url, token, method: "health", timeoutMs: 3000 });
 *
 * Failures are one typed error whose `kind` says what the user should do:
 * unreachable (start the gateway), auth (fix the token/password),
 * rate-limited (too many failed connects: wait `retryAfterSeconds`), timeout,
 * protocol (versions differ), remote (the method itself refused).
 */
import { VERSION } from "../version.ts";
import { type ErrorShape, type HelloOk, PROTOCOL_VERSION, ServerFrameSchema } from "./protocol.ts";

export type GatewayErrorKind =
  | "unreachable"
  | "auth"
  | "rate-limited"
  | "timeout"
  | "protocol"
  | "remote";

export class GatewayCallError extends Error {
  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
    /** The server's error code for auth/protocol/remote errors. */
    readonly code?: string,
    /** For rate-limited: when the gateway says to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "GatewayCallError";
  }
}

export interface GatewayTarget {
  url: string;
  token?: string;
  password?: string;
  /** Deadline for the whole exchange (open, connect, and each call). */
  timeoutMs: number;
  clientId?: string;
}

export interface GatewayConnection {
  hello: HelloOk;
  call<T = unknown>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
  /** Server events (e.g. shutdown). */
  onEvent?: (event: string, payload: unknown) => void;
  close(): void;
}

export interface CallOptions extends GatewayTarget {
  method: string;
  params?: unknown;
}

/** Connect, call one method, close. */
export async function callGateway<T = unknown>(opts: CallOptions): Promise<T> {
  const conn = await openGateway(opts);
  try {
    return await conn.call<T>(opts.method, opts.params, opts.timeoutMs);
  } finally {
    conn.close();
  }
}

/** Open a connection and complete the handshake, or throw a GatewayCallError. */
export function openGateway(target: GatewayTarget): Promise<GatewayConnection> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let nextId = 1;
    const pending = new Map<string, {
      resolve: (v: unknown) => void;
      reject: (e: Error) => void;
      timer: ReturnType<typeof setTimeout>;
    }>();
    let ws: WebSocket;
    try {
      ws = new WebSocket(target.url);
    } catch (err) {
      reject(
        new GatewayCallError(
          "unreachable",
          `Bad gateway URL ${target.url}: ${(err as Error).message}`,
        ),
      );
      return;
    }
    const fail = (err: GatewayCallError) => {
      if (!settled) {
        settled = true;
        clearTimeout(openTimer);
        reject(err);
      }
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(err);
      }
      pending.clear();
      try {
        ws.close();
      } catch {
        // already closed
      }
    };
    const openTimer = setTimeout(
      () =>
        fail(
          new GatewayCallError(
            "timeout",
            `No answer from the gateway at ${target.url} within ${target.timeoutMs} ms.`,
          ),
        ),
      target.timeoutMs,
    );

    const request = (method: string, params: unknown, timeoutMs: number): Promise<unknown> => {
      if (ws.readyState !== WebSocket.OPEN) {
        return Promise.reject(
          new GatewayCallError("unreachable", "The connection to the gateway is closed."),
        );
      }
      const id = String(nextId++);
      return new Promise((res, rej) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          rej(
            new GatewayCallError(
              "timeout",
              `The gateway did not answer ${method} within ${timeoutMs} ms.`,
            ),
          );
        }, timeoutMs);
        pending.set(id, { resolve: res, reject: rej, timer });
        ws.send(JSON.stringify({ type: "req", id, method, params }));
      });
    };

    const conn: GatewayConnection = {
      hello: undefined as unknown as HelloOk,
      call: <T>(method: string, params?: unknown, timeoutMs = target.timeoutMs) =>
        request(method, params, timeoutMs) as Promise<T>,
      close: () => {
        try {
          ws.close(1000);
        } catch {
          // already closed
        }
      },
    };

    ws.onopen = async () => {
      try {
        const hello = await request("connect", {
          minProtocol: PROTOCOL_VERSION,
          maxProtocol: PROTOCOL_VERSION,
          client: {
            id: target.clientId ?? "openclaw-cli",
            version: VERSION,
            platform: Deno.build.os,
            mode: "cli",
          },
          auth: target.token !== undefined || target.password !== undefined
            ? { token: target.token, password: target.password }
            : undefined,
        }, target.timeoutMs) as HelloOk;
        conn.hello = hello;
        settled = true;
        clearTimeout(openTimer);
        resolve(conn);
      } catch (err) {
        fail(err instanceof GatewayCallError ? err : new GatewayCallError("protocol", String(err)));
      }
    };
    ws.onmessage = (e) => {
      let frame;
      try {
        frame = ServerFrameSchema.parse(JSON.parse(String(e.data)));
      } catch {
        return fail(
          new GatewayCallError(
            "protocol",
            "The gateway sent a frame this client does not understand.",
          ),
        );
      }
      if (frame.type === "event") return conn.onEvent?.(frame.event, frame.payload);
      const p = pending.get(frame.id);
      if (!p) return;
      pending.delete(frame.id);
      clearTimeout(p.timer);
      if (frame.ok) p.resolve(frame.payload);
      else p.reject(errorFromServer(frame.error));
    };
    let opened = false;
    let probing = false;
    ws.addEventListener("open", () => (opened = true));
    // A refused upgrade looks like any failed connect to a WebSocket; ask once over HTTP
    // what the server said, so "too many tries" or "forbidden" is not reported as "not running".
    const failBeforeOpen = async () => {
      if (settled || probing) return;
      probing = true;
      fail(await upgradeRefusal(target.url, target.timeoutMs));
    };
    ws.onerror = () => {
      if (!settled && !opened) void failBeforeOpen();
    };
    ws.onclose = (e) => {
      if (!settled && !opened) return void failBeforeOpen();
      if (e.code === 4001) {
        return fail(
          new GatewayCallError("auth", "The gateway refused the credentials.", "UNAUTHORIZED"),
        );
      }
      if (e.code === 4029) return fail(rateLimited(retryAfterFromReason(e.reason)));
      fail(
        settled
          ? new GatewayCallError(
            "unreachable",
            `The gateway closed the connection (code ${e.code}).`,
          )
          : new GatewayCallError(
            "unreachable",
            `Could not connect to the gateway at ${target.url}.`,
          ),
      );
    };
  });
}

function errorFromServer(error: ErrorShape | undefined): GatewayCallError {
  const code = error?.code ?? "UNKNOWN";
  const message = error?.message ?? "The gateway refused the request.";
  if (code === "RATE_LIMITED") return rateLimited(error?.retryAfterSeconds);
  if (code === "UNAUTHORIZED") return new GatewayCallError("auth", message, code);
  if (code === "PROTOCOL_MISMATCH" || code === "HANDSHAKE_REQUIRED" || code === "INVALID_FRAME") {
    return new GatewayCallError("protocol", message, code);
  }
  return new GatewayCallError("remote", message, code);
}

function rateLimited(retryAfterSeconds: number | undefined): GatewayCallError {
  const wait = retryAfterSeconds && retryAfterSeconds > 0
    ? Math.ceil(retryAfterSeconds)
    : undefined;
  return new GatewayCallError(
    "rate-limited",
    `The gateway is refusing connects after too many failed attempts; retry in ${
      wait ?? "a few"
    } s.`,
    "RATE_LIMITED",
    wait,
  );
}

/** The gateway's close reason for 4029 is "rate limited; retry-after=N". */
function retryAfterFromReason(reason: string): number | undefined {
  const m = /retry-after=(\d+)/.exec(reason);
  return m ? Number(m[1]) : undefined;
}

/**
 * Why an upgrade failed: 429 (rate limited, with Retry-After), 403 (refused
 * here), or nothing answering at all (unreachable).
 */
async function upgradeRefusal(url: string, timeoutMs: number): Promise<GatewayCallError> {
  const unreachable = new GatewayCallError(
    "unreachable",
    `Could not connect to the gateway at ${url}.`,
  );
  let httpUrl: string;
  try {
    const u = new URL(url);
    u.protocol = u.protocol === "wss:" ? "https:" : "http:";
    httpUrl = u.href;
  } catch {
    return unreachable;
  }
  try {
    const res = await fetch(httpUrl, {
      headers: {
        upgrade: "websocket",
        connection: "Upgrade",
        "sec-websocket-version": "13",
        "sec-websocket-key": "b3BlbmNsYXctcHJvYmUtMDE=",
      },
      signal: AbortSignal.timeout(Math.min(timeoutMs, 3000)),
    });
    await res.body?.cancel();
    if (res.status === 429) {
      return rateLimited(Number(res.headers.get("retry-after")) || undefined);
    }
    if (res.status === 401 || res.status === 403) {
      return new GatewayCallError(
        "auth",
        `The gateway refused this connection (HTTP ${res.status}).`,
        "UNAUTHORIZED",
      );
    }
    return unreachable;
  } catch {
    return unreachable;
  }
}
