/**
 * Start the channels that run inside the gateway process, from the config:
 * every configured channel whose descriptor has a runtime that wants to run
 * (today Telegram's long polling; the others are set up by openclaw but run
 * through their own transports). One stop() ends them all.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type {
  ChannelEvent,
  ChannelReplier,
  InboundMessage,
  RunningChannel,
} from "./channel-runtime.ts";
import { CHANNEL_IDS, type ChannelId, loadChannel } from "./registry.ts";

export interface ChannelRuntimeOptions {
  config: { channels?: Record<string, unknown> };
  paths: StatePaths;
  host: Host;
  signal?: AbortSignal;
  /** API bases by channel (default: the OPENCLAW_*_API_BASE variables, else the platforms'). */
  apiBase?: Partial<Record<ChannelId, string>>;
  /** An accepted message, and how to answer in its chat. */
  onMessage?: (message: InboundMessage, reply: ChannelReplier) => void | Promise<void>;
  onEvent?: (channel: string, event: ChannelEvent) => void;
}

export interface ChannelRuntimes {
  /** The channels started, e.g. ["telegram"]. */
  started: string[];
  stop(): Promise<void>;
}

export async function startChannelRuntimes(opts: ChannelRuntimeOptions): Promise<ChannelRuntimes> {
  const running: RunningChannel[] = [];
  const started: string[] = [];
  for (const id of CHANNEL_IDS) {
    const section = opts.config.channels?.[id];
    if (!section || typeof section !== "object") continue;
    // Only configured channels are loaded: a gateway without them pays nothing for them.
    const runtime = (await loadChannel(id)).runtime;
    if (!runtime?.wanted(section as Record<string, unknown>)) continue;
    running.push(runtime.start({
      config: opts.config,
      paths: opts.paths,
      host: opts.host,
      signal: opts.signal,
      apiBase: opts.apiBase?.[id],
      onMessage: opts.onMessage,
      onEvent: (e) => opts.onEvent?.(id, e),
    }));
    started.push(id);
  }
  return {
    started,
    stop: async () => {
      await Promise.all(running.map((r) => r.stop()));
    },
  };
}
