/**
 * `channels.status`: the channels this gateway runs, each with its state
 * (connecting / running / stopped and why), when the last message came and
 * how many pairing requests wait for `openclaw pairing approve`. Nothing
 * secret: no tokens, no message text, no codes.
 */
import type { GatewayContext } from "../context.ts";
import type { ChannelStatus } from "../../channels/status-board.ts";
import { PairingStore } from "../../channels/pairing-store.ts";

export interface ChannelStatusEntry extends ChannelStatus {
  /** Pairing requests waiting (not expired). */
  pendingPairing: number;
}

export interface ChannelsStatusPayload {
  channels: ChannelStatusEntry[];
}

export async function channelsStatus(ctx: GatewayContext): Promise<ChannelsStatusPayload> {
  const store = new PairingStore(ctx.host, ctx.paths);
  const channels = await Promise.all(
    ctx.channels.snapshot().map(async (c) => ({
      ...c,
      // An unreadable store must not break status: it then shows no requests.
      pendingPairing: (await store.pending(c.channel).catch(() => [])).length,
    })),
  );
  return { channels };
}
