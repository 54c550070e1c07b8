/**
 * A channel's run as the gateway holds it: keepConnected (reconnect.ts)
 * until the channel stops, and a stop() that ends the loop, then waits for
 * the messages still being handled, so nothing the channel started outlives
 * it. `signal` is what the channel's own work listens to: the gateway's
 * signal or stop(), whichever comes first.
 */
import type { ChannelRuntimeStart, RunningChannel } from "./channel-runtime.ts";
import { keepConnected, type KeepConnectedOptions } from "./reconnect.ts";

/** What starts a channel, with the reconnect waits tests make short. */
export interface ChannelLoopStart extends ChannelRuntimeStart {
  backoff?: KeepConnectedOptions["backoff"];
}

export interface ChannelLoop extends RunningChannel {
  /** Settles when the loop ends (stopped, or the channel gave up). */
  done: Promise<void>;
}

export interface ChannelStopper {
  signal: AbortSignal;
  /** Ends the channel from inside (a problem retrying cannot fix). */
  abort(): void;
  /** Run the loop; `settled` waits for the messages being handled. */
  run(opts: Omit<KeepConnectedOptions, "signal">, settled: () => Promise<void>): ChannelLoop;
}

export function channelStopper(outer?: AbortSignal): ChannelStopper {
  const stopper = new AbortController();
  const signal = outer ? AbortSignal.any([outer, stopper.signal]) : stopper.signal;
  return {
    signal,
    abort: () => stopper.abort(),
    run(opts, settled) {
      const done = keepConnected({ ...opts, signal });
      return {
        done,
        stop: async () => {
          stopper.abort();
          await done;
          await settled();
        },
      };
    },
  };
}
