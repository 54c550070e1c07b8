/**
 * One WebSocket connection that carries JSON frames, as Slack's Socket Mode
 * and Mattermost's v4 socket do: open it, let the channel authenticate and
 * read frames, keep it alive, and end it cleanly. The channel says when the
 * platform accepted the connection (ready), when it must end with an error
 * (a refused token), or when it ends on purpose (Slack's `disconnect`).
 * Frames that are not JSON objects, or larger than the channel's bound,
 * are dropped: everything a platform sends is untrusted.
 */

export interface JsonSocketControl {
  /** Send one frame (dropped when the socket is not open). */
  send(frame: unknown): void;
  /** The platform accepted the connection (hello, or an accepted challenge). */
  ready(): void;
  /** End the connection with this error (a refused token: CredentialRejected). */
  fail(err: Error): void;
  /** End the connection on purpose; the promise resolves with `reason`. */
  close(reason: string): void;
}

export interface JsonSocketOptions {
  url: string;
  signal: AbortSignal;
  now: () => number;
  /** Frames longer than this (in UTF-16 units) are dropped unread. */
  maxFrame: number;
  /** Once open: e.g. send the authentication frame. */
  onOpen?(ctl: JsonSocketControl): void;
  onFrame(frame: Record<string, unknown>, ctl: JsonSocketControl): void;
  /**
   * Every `everyMs`, `tick` (e.g. a ping); a socket silent for `silentMs`
   * ends: with an error, or closed on purpose with the reason `silent`.
   */
  keepalive?: {
    everyMs: number;
    silentMs: number;
    onSilence: "fail" | { close: string };
    tick?(ctl: JsonSocketControl): void;
  };
  /** The error when the socket closes before ready(). */
  notReady: string;
}

/**
 * Resolves when the connection ends: with the reason given to close(), or
 * undefined when the platform closed it (or `signal` aborted). Rejects when
 * it failed, went silent (onSilence "fail") or closed before ready().
 */
export function serveJsonSocket(o: JsonSocketOptions): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(o.url);
    let isReady = false;
    let failure: Error | undefined;
    let reason: string | undefined;
    let heard = o.now();
    const ctl: JsonSocketControl = {
      send: (frame) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
      },
      ready: () => void (isReady = true),
      fail: (err) => {
        failure ??= err;
        ws.close();
      },
      close: (why) => {
        reason ??= why;
        ws.close();
      },
    };
    const hangUp = () => ws.close();
    o.signal.addEventListener("abort", hangUp, { once: true });
    const k = o.keepalive;
    const timer = k && setInterval(() => {
      if (o.now() - heard <= k.silentMs) return k.tick?.(ctl);
      if (k.onSilence === "fail") ctl.fail(new Error("the WebSocket went silent"));
      else ctl.close(k.onSilence.close);
    }, k.everyMs);
    ws.onopen = () => o.onOpen?.(ctl);
    ws.onmessage = (e) => {
      heard = o.now();
      const frame = parseFrame(e.data, o.maxFrame);
      if (frame) o.onFrame(frame, ctl);
    };
    ws.onerror = (e) => {
      failure ??= new Error(`the WebSocket failed: ${(e as ErrorEvent).message || "error"}`);
    };
    ws.onclose = (e) => {
      clearInterval(timer);
      o.signal.removeEventListener("abort", hangUp);
      if (o.signal.aborted) return resolve(undefined);
      if (failure) return reject(failure);
      if (reason !== undefined) return resolve(reason);
      if (!isReady) return reject(new Error(`${o.notReady} (close code ${e.code})`));
      resolve(undefined);
    };
  });
}

/** A text frame's JSON object; anything else (binary, too large, not JSON) is dropped. */
function parseFrame(data: unknown, max: number): Record<string, unknown> | undefined {
  if (typeof data !== "string" || data.length > max) return undefined;
  try {
    const v = JSON.parse(data);
    return v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
