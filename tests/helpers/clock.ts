/**
 * A clock a test moves on by hand: `after()` timers fire only when the test
 * calls `advance()`, in the order they fall due, so an expiry is seen at once
 * and never by sleeping on a real timer.
 *
 *   const clock = new FakeClock();
 *   const s = new WizardSession({ idleMs: 50, clock });
 *   await clock.advance(50); // the session expires now
 */
import type { Clock } from "../../lib/platform/clock.ts";

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

export class FakeClock implements Clock {
  private time = 0;
  private seq = 0;
  private readonly timers: Pending[] = [];

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      const i = this.timers.indexOf(timer);
      if (i >= 0) this.timers.splice(i, 1);
    };
  }

  /** Timers set and not yet fired or cancelled. */
  get pending(): number {
    return this.timers.length;
  }

  /**
   * Move time on by `ms`, firing every timer that falls due on the way, each
   * at its own time; what a timer sets off (promises, I/O already done) runs
   * before the next one fires and before this returns.
   */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    while (true) {
      const due = this.timers
        .filter((t) => t.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers.splice(this.timers.indexOf(due), 1);
      this.time = due.at;
      due.fn();
      await settle();
    }
    this.time = target;
    await settle();
  }

  /** Wait (a turn of the event loop at a time, 5 s at most) until `n` timers are set. */
  async timersSet(n = 1): Promise<void> {
    const deadline = Date.now() + 5000;
    while (this.timers.length < n) {
      if (Date.now() > deadline) throw new Error(`fewer than ${n} timers were set`);
      await settle();
    }
  }
}

/** One turn of the event loop: pending promise callbacks and ready I/O run. */
export function settle(): Promise<void> {
  return new Promise((r) => setTimeout(r, 0));
}
