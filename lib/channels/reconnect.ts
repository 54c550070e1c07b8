/**
 * Keeping a channel's connection up: connect, serve until the connection
 * ends, wait, connect again. The wait grows (1 s, 2 s, 4 s … up to 60 s)
 * with random jitter, so a platform outage does not bring every gateway
 * back at the same instant, and starts over once a connection worked. A
 * credential the platform refuses is not retried: the channel stops with
 * one clear line (the others keep running).
 */
import type { ChannelEvent, ChannelStatusReporter } from "./channel-runtime.ts";
import { printable } from "../platform/terminal-text.ts";

/**
 * The platform refused the credential: retrying cannot help, the user must
 * fix the config. The message names what was refused: "the bot token (401)".
 */
export class CredentialRejected extends Error {}

/**
 * Retrying would make things worse (another session keeps taking the
 * connection): the channel stops with this message, which says what to do.
 */
export class ChannelStopped extends Error {}

export interface Backoff {
  /** The wait before the next attempt, in ms. */
  next(): number;
  reset(): void;
}

/** Exponential backoff with jitter: each wait is between half and all of base·2ⁿ (capped). */
export function backoff(
  opts: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): Backoff {
  const base = opts.baseMs ?? 1000;
  const max = opts.maxMs ?? 60_000;
  const random = opts.random ?? Math.random;
  let attempt = 0;
  return {
    next() {
      const ceiling = Math.min(max, base * 2 ** attempt);
      attempt = Math.min(attempt + 1, 30);
      return Math.round(ceiling / 2 + random() * (ceiling / 2));
    },
    reset() {
      attempt = 0;
    },
  };
}

export interface KeepConnectedOptions {
  /** The channel's label for messages ("Discord"). */
  label: string;
  signal: AbortSignal;
  status: ChannelStatusReporter;
  emit: (e: ChannelEvent) => void;
  /**
   * One connection: resolve when it ends (it is then re-made), throw
   * CredentialRejected to stop the channel, throw anything else to retry.
   * Call `connected()` once it works: the backoff starts over.
   */
  session: (signal: AbortSignal, connected: (detail?: string) => void) => Promise<void>;
  /** What to fix when the credential is refused, e.g. "Fix channels.discord.token." */
  fix: string;
  backoff?: Backoff;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Runs until `signal` aborts or the credential is refused; never throws. */
export async function keepConnected(opts: KeepConnectedOptions): Promise<void> {
  const wait = opts.backoff ?? backoff();
  const sleep = opts.sleep ?? abortableSleep;
  while (!opts.signal.aborted) {
    opts.status.connecting();
    let why: string;
    try {
      await opts.session(opts.signal, (detail) => {
        wait.reset();
        opts.status.running(detail);
      });
      if (opts.signal.aborted) return;
      why = "the connection closed";
    } catch (err) {
      if (opts.signal.aborted) return;
      if (err instanceof ChannelStopped) {
        const line = printable(err.message);
        opts.emit({ type: "error", message: line });
        opts.status.stopped(line);
        return;
      }
      if (err instanceof CredentialRejected) {
        const line = `${opts.label} rejected ${
          printable(err.message)
        }; the ${opts.label} channel stopped. ${opts.fix}`;
        opts.emit({ type: "error", message: line });
        opts.status.stopped(line);
        return;
      }
      why = printable((err as Error)?.message ?? String(err));
    }
    const ms = wait.next();
    const retry = `${why}; reconnecting in ${Math.ceil(ms / 1000)} s`;
    opts.emit({ type: "error", message: `${opts.label}: ${retry}` });
    opts.status.connecting(retry);
    await sleep(ms, opts.signal);
  }
}

/** Wait `ms`, or less if `signal` aborts first. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
