/**
 * Sending through one running worker: each text goes down as a numbered
 * command and is done when the worker answers for that number (WhatsApp
 * took it) or fails (it refused, the connection closed, or no answer in
 * time). Answers arrive on the same stream as incoming messages; the
 * session hands each line to settle() first.
 */
import type { WorkerProcess } from "./worker-process.ts";

/** How long a send may wait for WhatsApp to take it. */
const SEND_TIMEOUT_MS = 60_000;

interface Pending {
  resolve(): void;
  reject(err: Error): void;
}

export class WorkerLink {
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private closed?: string;

  constructor(private readonly worker: Pick<WorkerProcess, "write">) {}

  send(jid: string, text: string, signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(new Error(this.closed));
    const n = this.next++;
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", aborted);
        this.pending.delete(n);
      };
      const timer = setTimeout(
        () => fail(new Error(`WhatsApp did not take the message in ${SEND_TIMEOUT_MS / 1000} s`)),
        SEND_TIMEOUT_MS,
      );
      const fail = (err: Error) => {
        done();
        reject(err);
      };
      const aborted = () => fail(new Error("stopped"));
      signal?.addEventListener("abort", aborted, { once: true });
      this.pending.set(n, {
        resolve: () => {
          done();
          resolve();
        },
        reject: fail,
      });
      void this.worker.write({ send: n, jid, text });
    });
  }

  async typing(jid: string): Promise<void> {
    if (!this.closed) await this.worker.write({ typing: jid });
  }

  /** Whether `msg` answered a send (then it is consumed here). */
  settle(msg: Record<string, unknown>): boolean {
    const n = typeof msg.sent === "number" ? msg.sent : msg.failed;
    if (typeof n !== "number") return false;
    const p = this.pending.get(n);
    if (typeof msg.sent === "number") p?.resolve();
    else p?.reject(new Error(`WhatsApp refused the message: ${String(msg.error ?? "")}`));
    return true;
  }

  /** The worker is going: every send still waiting fails with `why`. */
  close(why: string): void {
    this.closed = why;
    for (const p of [...this.pending.values()]) p.reject(new Error(why));
  }
}
