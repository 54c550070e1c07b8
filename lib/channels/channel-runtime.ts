/**
 * What a channel that runs inside the gateway provides (its descriptor's
 * `runtime`), and what the gateway gives it. A channel is a transport: it
 * connects to its platform, turns what arrives into InboundCandidates and
 * hands them to the shared gate (inbound-gate.ts), which applies the DM
 * policy, pairing and the group mention rule the same way for every
 * channel. A message the gate lets in goes to `onMessage` with a way to
 * answer in that conversation; everything else that happens is an event
 * the gateway logs, and the channel's state (connecting, running, stopped
 * and why) goes to `status` for `channels status`. Types only: the gateway
 * and the agent glue see a channel through these, never through one
 * platform's modules.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { WebhookRoutes } from "../gateway/webhooks.ts";

/** Whether a message came in a one-to-one conversation or a group / channel. */
export type ChatType = "direct" | "group";

/** A message from a sender the channel's policy lets in. */
export interface InboundMessage {
  /** The channel's id ("telegram", …). */
  channel: string;
  /** The sender's platform id (never a display name). */
  senderId: string;
  /** Where the answer goes: the DM or the group the message came in. */
  chatId: string;
  chatType?: ChatType;
  /** The sender's name as they chose it: for logs after printable(), never for access. */
  name?: string;
  text: string;
}

/** How a channel answers in one conversation. */
export interface ChannelReplier {
  /** Show that the bot is working where the platform can (call it again while working). */
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

/** Where a running channel tells its state (status-board.ts keeps it for `channels status`). */
export interface ChannelStatusReporter {
  /** Connecting or reconnecting (`detail`: e.g. "retrying in 4 s after …"). */
  connecting(detail?: string): void;
  /** Connected and receiving (`detail`: e.g. the bot's name on the platform). */
  running(detail?: string): void;
  /** Stopped for good until the gateway restarts; `why` says what to fix. */
  stopped(why: string): void;
  /** A message (any message) arrived. */
  messageReceived(): void;
}

export interface ChannelRuntimeStart {
  config: { channels?: Record<string, unknown> };
  paths: StatePaths;
  host: Host;
  signal?: AbortSignal;
  /** The platform's API base (default: the channel's OPENCLAW_*_API_BASE variable, else its own). */
  apiBase?: string;
  onMessage?: (message: InboundMessage, reply: ChannelReplier) => void | Promise<void>;
  onEvent?: (event: ChannelEvent) => void;
  /** Where the channel reports its state (default: nowhere). */
  status?: ChannelStatusReporter;
  /**
   * The gateway's HTTP paths for platforms that push events (Google Chat,
   * Teams, BlueBubbles). Absent outside a gateway: such a channel then says
   * it needs the gateway and stops.
   */
  webhooks?: WebhookRoutes;
}

export interface RunningChannel {
  stop(): Promise<void>;
}

/** A channel's gateway side. */
export interface ChannelRuntime {
  /** Whether its config section asks for it to run (set up and not disabled). */
  wanted(section: Record<string, unknown>): boolean;
  start(opts: ChannelRuntimeStart): RunningChannel | Promise<RunningChannel>;
}
