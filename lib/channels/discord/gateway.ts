/**
 * One connection to the Discord Gateway (v10, JSON, no compression), as
 * Discord documents it: HELLO (op 10) gives the heartbeat interval; the
 * client IDENTIFYs (op 2) with the bot token and its intents, or RESUMEs
 * (op 6) a session it had; READY (op 0, t READY) names the bot user, the
 * session and where to resume; dispatches (op 0) carry a sequence number
 * `s` that heartbeats (op 1, acknowledged by op 11) and RESUME send back.
 * Op 7 asks for a reconnect, op 9 says the session is invalid.
 *
 * runGatewayConnection() serves one connection and resolves when it ends;
 * reconnecting (with backoff) is the caller's (../reconnect.ts). What
 * survives a connection is the ResumeState the caller keeps: the next
 * connection resumes it, so no message is lost across a dropped socket.
 */

/** GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT (privileged: see the docs). */
export const DISCORD_INTENTS = (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15);

/** A gateway frame far beyond Discord's own sizes is not parsed. */
const MAX_FRAME_CHARS = 16 << 20;

/** Closing with a code other than 1000/1001 keeps the session resumable (Discord's rule). */
const CLOSE_RESUMABLE = 4900;

/** What lets the next connection RESUME instead of IDENTIFYing again. */
export interface ResumeState {
  sessionId?: string;
  seq?: number;
  /** READY's resume_gateway_url. */
  resumeUrl?: string;
}

/** The gateway closed the connection with a code that retrying cannot fix. */
export class GatewayRefused extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

/** Close codes after which reconnecting would be refused the same way. */
const FATAL_CLOSES: Record<number, string> = {
  4004: "authentication failed",
  4010: "invalid shard",
  4011: "sharding required (the bot is in too many servers for one connection)",
  4012: "invalid API version",
  4013: "invalid intents",
  4014: "disallowed intents",
};
/** Close codes after which the session cannot be resumed (a fresh IDENTIFY is needed). */
const SESSION_ENDED = new Set([1000, 1001, 4007, 4009]);

export interface GatewayConnectionOptions {
  /** The gateway URL from /gateway/bot (used when there is nothing to resume). */
  url: string;
  token: string;
  intents?: number;
  resume: ResumeState;
  signal: AbortSignal;
  /** READY or RESUMED: the connection works. */
  onReady(ready: { resumed: boolean; user?: { id: string; username?: string } }): void;
  /**
   * A dispatch (op 0) other than READY/RESUMED, one at a time in the order
   * Discord sent them. An error thrown ends the connection (catch what should not).
   */
  onDispatch(type: string, data: unknown): void | Promise<void>;
  /** The first heartbeat's jitter (0–1); tests fix it. */
  random?: () => number;
}

interface Frame {
  op?: unknown;
  d?: unknown;
  s?: unknown;
  t?: unknown;
}

/** Serve one gateway connection until it closes or `signal` aborts. */
export function runGatewayConnection(opts: GatewayConnectionOptions): Promise<void> {
  const resuming = Boolean(opts.resume.sessionId && opts.resume.resumeUrl);
  const base = resuming ? opts.resume.resumeUrl! : opts.url;
  const url = new URL(base);
  url.searchParams.set("v", "10");
  url.searchParams.set("encoding", "json");
  const ws = new WebSocket(url);
  const random = opts.random ?? Math.random;
  let beat: ReturnType<typeof setTimeout> | undefined;
  let acked = true;
  let failure: Error | undefined;
  /** The dispatches handled so far, in order (heartbeats do not wait for them). */
  let handled: Promise<void> = Promise.resolve();

  return new Promise<void>((resolve, reject) => {
    const onAbort = () => close(1000);
    opts.signal.addEventListener("abort", onAbort, { once: true });
    if (opts.signal.aborted) onAbort();

    function close(code: number, why?: Error): void {
      failure ??= why;
      if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) {
        ws.close(code);
      }
    }
    const send = (op: number, d: unknown) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ op, d }));
    };
    const heartbeat = () => send(1, opts.resume.seq ?? null);

    function startHeartbeats(intervalMs: number): void {
      // Discord asks for the first beat after interval·jitter, then every interval.
      const tick = () => {
        if (!acked) {
          // No ACK since the last beat: the connection is a zombie; resume on a new one.
          return close(CLOSE_RESUMABLE, new Error("Discord stopped acknowledging heartbeats"));
        }
        acked = false;
        heartbeat();
        beat = setTimeout(tick, intervalMs);
      };
      beat = setTimeout(tick, Math.floor(intervalMs * random()));
    }

    function onFrame(frame: Frame): void {
      if (typeof frame.s === "number") opts.resume.seq = frame.s;
      switch (frame.op) {
        case 10: {
          const interval = (frame.d as { heartbeat_interval?: unknown })?.heartbeat_interval;
          if (typeof interval !== "number" || !(interval > 0)) {
            return close(1002, new Error("Discord's HELLO has no heartbeat interval"));
          }
          startHeartbeats(interval);
          if (resuming) {
            send(6, {
              token: opts.token,
              session_id: opts.resume.sessionId,
              seq: opts.resume.seq ?? null,
            });
          } else {
            send(2, {
              token: opts.token,
              intents: opts.intents ?? DISCORD_INTENTS,
              properties: { os: Deno.build.os, browser: "openclaw", device: "openclaw" },
            });
          }
          return;
        }
        case 11:
          acked = true;
          return;
        case 1:
          return heartbeat();
        case 7:
          return close(CLOSE_RESUMABLE, new Error("Discord asked for a reconnect"));
        case 9: {
          // d: whether the session can still be resumed.
          if (frame.d !== true) forget(opts.resume);
          return close(CLOSE_RESUMABLE, new Error("Discord said the session is invalid"));
        }
        case 0: {
          const type = String(frame.t);
          handled = handled.then(() => dispatch(type, frame.d)).catch((err) =>
            close(1011, err as Error)
          );
          return;
        }
      }
    }

    async function dispatch(type: string, d: unknown): Promise<void> {
      if (type === "READY") {
        const r = d as { session_id?: unknown; resume_gateway_url?: unknown; user?: unknown };
        const user = r?.user as { id?: unknown; username?: unknown } | undefined;
        if (typeof r?.session_id === "string") opts.resume.sessionId = r.session_id;
        if (typeof r?.resume_gateway_url === "string" && /^wss?:\/\//i.test(r.resume_gateway_url)) {
          opts.resume.resumeUrl = r.resume_gateway_url;
        }
        return opts.onReady({
          resumed: false,
          user: typeof user?.id === "string"
            ? {
              id: user.id,
              username: typeof user.username === "string" ? user.username : undefined,
            }
            : undefined,
        });
      }
      if (type === "RESUMED") return opts.onReady({ resumed: true });
      await opts.onDispatch(type, d);
    }

    ws.onmessage = (e) => {
      if (typeof e.data !== "string" || e.data.length > MAX_FRAME_CHARS) {
        return close(1009, new Error("Discord sent a frame that is not JSON text or too large"));
      }
      let frame: Frame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return close(1007, new Error("Discord sent a frame that is not JSON"));
      }
      onFrame(frame);
    };
    ws.onclose = async (e) => {
      clearTimeout(beat);
      opts.signal.removeEventListener("abort", onAbort);
      // What arrived before the close is handled before the connection counts as ended.
      await handled;
      if (opts.signal.aborted) return resolve();
      if (FATAL_CLOSES[e.code]) {
        return reject(
          new GatewayRefused(e.code, FATAL_CLOSES[e.code]),
        );
      }
      if (SESSION_ENDED.has(e.code) && !failure) forget(opts.resume);
      if (failure) return reject(failure);
      resolve();
    };
    // An error is always followed by close; the close handler settles.
    ws.onerror = (e) => {
      failure ??= new Error(`the gateway connection failed: ${(e as ErrorEvent).message ?? ""}`);
    };
  });
}

function forget(resume: ResumeState): void {
  resume.sessionId = undefined;
  resume.seq = undefined;
  resume.resumeUrl = undefined;
}
