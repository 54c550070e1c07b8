/**
 * A connected channel's life: its signal (the gateway's, or its own stop),
 * the reconnect loop (reconnect.ts) running until then, and a stop() that
 * ends the loop and waits for it, so nothing the channel started outlives
 * it.
 */
import { keepConnected, type KeepConnectedOptions } from "./reconnect.ts";

export interface ConnectionLoop {
  /** Aborted when the gateway stops or stop() is called: pass it to everything started. */
  signal: AbortSignal;
  /** Start the loop (once); resolves as keepConnected does. */
  run(opts: Omit<KeepConnectedOptions, "signal">): Promise<void>;
  stop(): Promise<void>;
}

export function connectionLoop(parent?: AbortSignal): ConnectionLoop {
  const stopper = new AbortController();
  const signal = parent ? AbortSignal.any([parent, stopper.signal]) : stopper.signal;
  let done: Promise<void> = Promise.resolve();
  return {
    signal,
    run: (opts) => done = keepConnected({ ...opts, signal }),
    stop: async () => {
      stopper.abort();
      await done;
    },
  };
}
