/**
 * Who may talk to the gateway: the shared secret check (constant time, so
 * response timing does not leak how much of a guess was right) and a limit
 * on failed connects per client address (so a secret cannot be guessed at
 * network speed).
 */
import type { GatewayAuthMode } from "../config/schema.ts";

export interface GatewayAuth {
  mode: GatewayAuthMode;
  token?: string;
  password?: string;
}

export type AuthVerdict = { ok: true } | { ok: false; reason: string };

const encoder = new TextEncoder();

/**
 * Compare two secrets in time that depends only on their lengths' maximum,
 * not on where they first differ.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.max(x.length, y.length);
  let diff = x.length ^ y.length;
  for (let i = 0; i < n; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export function checkAuth(
  auth: GatewayAuth,
  given: { token?: string; password?: string } | undefined,
): AuthVerdict {
  if (auth.mode === "none") return { ok: true };
  if (auth.mode === "token") {
    if (!given?.token) return { ok: false, reason: "this gateway needs a token (auth.token)" };
    return auth.token && constantTimeEqual(given.token, auth.token)
      ? { ok: true }
      : { ok: false, reason: "the token is wrong" };
  }
  if (!given?.password) {
    return { ok: false, reason: "this gateway needs a password (auth.password)" };
  }
  return auth.password && constantTimeEqual(given.password, auth.password)
    ? { ok: true }
    : { ok: false, reason: "the password is wrong" };
}

export interface LimiterOptions {
  /** Failed connects allowed per address within the window. */
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_LIMITER: LimiterOptions = { maxFailures: 10, windowMs: 60_000 };

/** Failed connects per address in a sliding window; blocked addresses are refused before auth. */
export class FailedConnectLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly opts: LimiterOptions = DEFAULT_LIMITER,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(address: string): number[] {
    const since = this.now() - this.opts.windowMs;
    const list = (this.failures.get(address) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(address);
    else this.failures.set(address, list);
    return list;
  }

  blocked(address: string): boolean {
    return this.recent(address).length >= this.opts.maxFailures;
  }

  recordFailure(address: string): void {
    const list = this.recent(address);
    list.push(this.now());
    this.failures.set(address, list);
  }

  /** Seconds until the address may try again (0 when not blocked). */
  retryAfterSeconds(address: string): number {
    const list = this.recent(address);
    if (list.length < this.opts.maxFailures) return 0;
    return Math.max(1, Math.ceil((list[0] + this.opts.windowMs - this.now()) / 1000));
  }
}
