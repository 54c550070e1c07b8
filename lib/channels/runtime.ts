/**
 * Start the channels that run inside the gateway process, from the config:
 * every configured channel whose descriptor has a runtime that wants to run.
 * Each is loaded only when configured (a gateway without Slack never loads
 * Slack's client). One channel failing to start is logged and shown as
 * stopped; the others start anyway. One stop() ends them all.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type {
  ChannelEvent,
  ChannelReplier,
  InboundMessage,
  RunningChannel,
} from "./channel-runtime.ts";
import { CHANNEL_IDS, type ChannelId, CHANNELS, loadChannel } from "./registry.ts";
import { ChannelStatusBoard } from "./status-board.ts";
import type { WebhookRoutes } from "../gateway/webhooks.ts";
import { printable } from "../platform/terminal-text.ts";

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
  /** Where the channels' states are kept (default: a board of their own). */
  board?: ChannelStatusBoard;
  /** The gateway's webhook paths, for channels whose platform pushes events. */
  webhooks?: WebhookRoutes;
}

export interface ChannelRuntimes {
  /** The channels started, e.g. ["telegram"]. */
  started: string[];
  board: ChannelStatusBoard;
  stop(): Promise<void>;
}

export async function startChannelRuntimes(opts: ChannelRuntimeOptions): Promise<ChannelRuntimes> {
  const board = opts.board ?? new ChannelStatusBoard(() => opts.host.now());
  const running: RunningChannel[] = [];
  const started: string[] = [];
  for (const id of CHANNEL_IDS) {
    const section = opts.config.channels?.[id];
    if (!section || typeof section !== "object") continue;
    const status = board.reporter(id);
    try {
      // Only configured channels are loaded: a gateway without them pays nothing for them.
      const runtime = (await loadChannel(id)).runtime;
      if (!runtime?.wanted(section as Record<string, unknown>)) {
        status.stopped(
          runtime ? "not enabled, or its credentials are not set" : "does not run in the gateway",
        );
        continue;
      }
      running.push(
        await runtime.start({
          config: opts.config,
          paths: opts.paths,
          host: opts.host,
          signal: opts.signal,
          apiBase: opts.apiBase?.[id],
          onMessage: opts.onMessage,
          onEvent: (e) => opts.onEvent?.(id, e),
          status,
          webhooks: opts.webhooks,
        }),
      );
      started.push(id);
    } catch (err) {
      // A broken channel (a missing library, a bad setting) must not keep the others down.
      const why = `${CHANNELS[id].label} could not start: ${
        printable((err as Error)?.message ?? String(err))
      }`;
      status.stopped(why);
      opts.onEvent?.(id, { type: "error", message: why });
    }
  }
  return {
    started,
    board,
    stop: async () => {
      await Promise.all(running.map((r) => r.stop()));
    },
  };
}
