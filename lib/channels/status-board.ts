/**
 * The gateway's record of its channels for `channels status` and `status
 * --deep`: for each channel it started, whether it is connecting, running
 * or stopped (and why), since when, and when the last message came. The
 * channels write through a ChannelStatusReporter; the RPC reads snapshot().
 */
import type { ChannelStatusReporter } from "./channel-runtime.ts";

export type ChannelState = "connecting" | "running" | "stopped";

export interface ChannelStatus {
  channel: string;
  state: ChannelState;
  /** What the state means here: the bot's name, the retry, why it stopped. */
  detail?: string;
  /** ISO time the state began. */
  since: string;
  /** ISO time of the last message received, if any. */
  lastMessageAt?: string;
}

export class ChannelStatusBoard {
  private readonly entries = new Map<string, ChannelStatus>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** The reporter a channel writes to; it starts as "connecting". */
  reporter(channel: string): ChannelStatusReporter {
    this.set(channel, "connecting");
    return {
      connecting: (detail) => this.set(channel, "connecting", detail),
      running: (detail) => this.set(channel, "running", detail),
      stopped: (why) => this.set(channel, "stopped", why),
      messageReceived: () => {
        const e = this.entries.get(channel);
        if (e) e.lastMessageAt = this.now().toISOString();
      },
    };
  }

  snapshot(): ChannelStatus[] {
    return [...this.entries.values()].map((e) => ({ ...e }));
  }

  private set(channel: string, state: ChannelState, detail?: string): void {
    const prev = this.entries.get(channel);
    // A stopped channel stays stopped: a late "connecting" from its loop must not hide why.
    if (prev?.state === "stopped" && state !== "stopped") return;
    const since = prev?.state === state ? prev.since : this.now().toISOString();
    this.entries.set(channel, {
      channel,
      state,
      ...(detail ? { detail } : {}),
      since,
      ...(prev?.lastMessageAt ? { lastMessageAt: prev.lastMessageAt } : {}),
    });
  }
}

/** A reporter that keeps nothing (a channel started outside a gateway). */
export const NO_STATUS: ChannelStatusReporter = {
  connecting: () => {},
  running: () => {},
  stopped: () => {},
  messageReceived: () => {},
};
