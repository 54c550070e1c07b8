/**
 * Who may talk to the gateway: the shared secret check (constant time, so
 * response timing does not leak how much of a guess was right) and a limit
 * on failed connects, per client address and across all of them (so a
 * secret cannot be guessed at network speed, whatever the source address).
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
  /** Failed connects allowed per client address within the window. */
  maxFailures: number;
  /**
   * Failed connects allowed from all addresses together within the window:
   * an attacker rotating source addresses (all of 127.0.0.0/8 is local, an
   * IPv6 /64 is huge) or arriving through a proxy as 127.0.0.1 is still slow.
   */
  globalMaxFailures: number;
  windowMs: number;
  /** A wrong secret while limited is answered only after this long (slows a sequential guesser). */
  limitedDelayMs?: number;
}

export const DEFAULT_LIMITER: LimiterOptions = {
  maxFailures: 10,
  globalMaxFailures: 100,
  windowMs: 60_000,
  limitedDelayMs: 1000,
};

/** Addresses remembered at most; the oldest is forgotten first (rotation cannot grow memory). */
const MAX_TRACKED_ADDRESSES = 10_000;

/**
 * Failed connects in a sliding window, per address and in total. It is
 * consulted only after a secret was checked and found wrong: a correct secret
 * is never refused because of anybody's failures (including the same
 * address's: behind Tailscale serve everyone is 127.0.0.1). While limited,
 * wrong secrets are answered RATE_LIMITED (after a delay) instead of
 * UNAUTHORIZED, and are still counted, so a guesser stays limited.
 */
export class FailedConnectLimiter {
  private readonly failures = new Map<string, number[]>();
  private global: number[] = [];
  private loggedAt = -Infinity;

  constructor(
    private readonly opts: LimiterOptions = DEFAULT_LIMITER,
    private readonly now: () => number = Date.now,
  ) {}

  get delayMs(): number {
    return this.opts.limitedDelayMs ?? 0;
  }

  private recent(address: string): number[] {
    const since = this.now() - this.opts.windowMs;
    const list = (this.failures.get(address) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(address);
    else this.failures.set(address, list);
    return list;
  }

  private recentGlobal(): number[] {
    const since = this.now() - this.opts.windowMs;
    this.global = this.global.filter((t) => t > since);
    return this.global;
  }

  blocked(address: string): boolean {
    return this.retryAfterSeconds(address) > 0;
  }

  recordFailure(address: string): void {
    const t = this.now();
    // Only the newest N times matter for either limit: older ones are dropped, memory stays bounded.
    const list = [...this.recent(address), t].slice(-this.opts.maxFailures);
    this.failures.delete(address);
    this.failures.set(address, list);
    if (this.failures.size > MAX_TRACKED_ADDRESSES) {
      this.failures.delete(this.failures.keys().next().value as string);
    }
    this.global = [...this.recentGlobal(), t].slice(-this.opts.globalMaxFailures);
  }

  /** Seconds until a failed connect from the address is evaluated again (0 when not limited). */
  retryAfterSeconds(address: string): number {
    const wait = (list: number[], max: number) =>
      list.length < max
        ? 0
        : Math.max(1, Math.ceil((list[0] + this.opts.windowMs - this.now()) / 1000));
    return Math.max(
      wait(this.recent(address), this.opts.maxFailures),
      wait(this.recentGlobal(), this.opts.globalMaxFailures),
    );
  }

  /** True at most once per window: rate-limited refusals are logged, not 5,000 times. */
  shouldLogLimited(): boolean {
    if (this.now() - this.loggedAt < this.opts.windowMs) return false;
    this.loggedAt = this.now();
    return true;
  }
}
