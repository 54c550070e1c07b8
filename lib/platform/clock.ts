/**
 * Timers behind a seam. Code that ends something after a while (the wizard
 * session's idle expiry, the gateway's handshake and request-head deadlines)
 * asks a Clock instead of calling setTimeout, so a test moves a fake clock on
 * (tests/helpers/clock.ts) instead of sleeping until a real timer fires.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale (only differences mean anything). */
  now(): number;
  /** Call `fn` once, `ms` from now; the function returned cancels it. */
  after(ms: number, fn: () => void): () => void;
}

/** The process's own timers. */
export const realClock: Clock = {
  now: () => performance.now(),
  after(ms, fn) {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};
