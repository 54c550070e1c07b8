/**
 * Start the channels that run inside the gateway process, from the config.
 * Today that is Telegram (long polling); the others are set up by openclaw
 * but run through their own transports. One stop() ends them all.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import {
  type InboundMessage,
  startTelegramChannel,
  type TelegramEvent,
} from "./telegram/runtime.ts";
import type { ChannelReplier } from "./telegram/reply.ts";

export interface ChannelRuntimeOptions {
  config: { channels?: Record<string, unknown> };
  paths: StatePaths;
  host: Host;
  signal?: AbortSignal;
  /** API bases (default: the OPENCLAW_*_API_BASE variables, else the platforms'). */
  apiBase?: { telegram?: string };
  /** An accepted message, and how to answer in its chat. */
  onMessage?: (message: InboundMessage, reply: ChannelReplier) => void | Promise<void>;
  onEvent?: (channel: string, event: TelegramEvent) => void;
}

export interface ChannelRuntimes {
  /** The channels started, e.g. ["telegram"]. */
  started: string[];
  stop(): Promise<void>;
}

export function startChannelRuntimes(opts: ChannelRuntimeOptions): ChannelRuntimes {
  const running: { stop(): Promise<void> }[] = [];
  const started: string[] = [];
  const telegram = opts.config.channels?.telegram as
    | { enabled?: boolean; botToken?: string }
    | undefined;
  if (telegram && telegram.enabled !== false && telegram.botToken) {
    running.push(startTelegramChannel({
      config: opts.config,
      paths: opts.paths,
      host: opts.host,
      signal: opts.signal,
      apiBase: opts.apiBase?.telegram,
      onMessage: opts.onMessage,
      onEvent: (e) => opts.onEvent?.("telegram", e),
    }));
    started.push("telegram");
  }
  return {
    started,
    stop: async () => {
      await Promise.all(running.map((r) => r.stop()));
    },
  };
}
