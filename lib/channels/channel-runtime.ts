/**
 * What a channel that runs inside the gateway provides (its descriptor's
 * `runtime`), and what the gateway gives it: a message from an allowed
 * sender goes to `onMessage` with a way to answer in that chat; everything
 * else that happens (pairing codes sent, senders ignored, errors) is an
 * event the gateway logs. Types only: the gateway and the agent glue see a
 * channel through these, never through one platform's modules.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";

/** A message from a sender the channel's DM policy lets in. */
export interface InboundMessage {
  /** The channel's id ("telegram", …). */
  channel: string;
  /** The sender's platform id (never a display name). */
  senderId: string;
  chatId: string;
  /** The sender's name as they chose it: for logs after printable(), never for access. */
  name?: string;
  text: string;
}

/** How a channel answers in one chat. */
export interface ChannelReplier {
  /** Show that the bot is working (Telegram keeps it ~5 s: call it again while working). */
  typing(): Promise<void>;
  /** Send the text, split as the platform needs. */
  send(text: string): Promise<void>;
}

/** What happened on a channel, for one log line (no message text, no codes in full). */
export type ChannelEvent =
  | { type: "accepted"; message: InboundMessage }
  | { type: "pairing-sent"; senderId: string; code: string }
  | { type: "pairing-waiting"; senderId: string }
  | { type: "ignored"; senderId?: string; reason: string }
  | { type: "error"; message: string };

export interface ChannelRuntimeStart {
  config: { channels?: Record<string, unknown> };
  paths: StatePaths;
  host: Host;
  signal?: AbortSignal;
  /** The platform's API base (default: the channel's OPENCLAW_*_API_BASE variable, else its own). */
  apiBase?: string;
  onMessage?: (message: InboundMessage, reply: ChannelReplier) => void | Promise<void>;
  onEvent?: (event: ChannelEvent) => void;
}

export interface RunningChannel {
  stop(): Promise<void>;
}

/** A channel's gateway side. */
export interface ChannelRuntime {
  /** Whether its config section asks for it to run (set up and not disabled). */
  wanted(section: Record<string, unknown>): boolean;
  start(opts: ChannelRuntimeStart): RunningChannel;
}
