/**
 * What `openclaw channels status` and `openclaw status --deep` print about
 * the channels: for each configured one, whether the gateway runs it
 * (running / connecting / stopped and why), when its last message came,
 * and how many pairing requests wait. Pure functions of the gateway's
 * answer and the config, tested as text.
 */
import type { ChannelStatusEntry } from "../gateway/methods/channels.ts";
import { cli } from "../platform/invocation.ts";
import { printable } from "../platform/terminal-text.ts";

/** One configured channel as the report shows it. */
export interface ChannelStatusRow {
  channel: string;
  /** From the gateway; absent when the gateway could not be asked. */
  live?: ChannelStatusEntry;
  /** Pairing requests waiting (from the local store when the gateway is not asked). */
  pendingPairing: number;
  /** Set in the config but `enabled: false`. */
  disabled?: boolean;
}

export function channelStatusRows(
  configured: Record<string, unknown>,
  live: ChannelStatusEntry[] | undefined,
  pendingLocal: Record<string, number>,
): ChannelStatusRow[] {
  return Object.entries(configured)
    .filter(([, section]) => section && typeof section === "object")
    .map(([channel, section]) => {
      const entry = live?.find((l) => l.channel === channel);
      return {
        channel,
        ...(entry ? { live: entry } : {}),
        pendingPairing: entry?.pendingPairing ?? pendingLocal[channel] ?? 0,
        ...((section as { enabled?: unknown }).enabled === false ? { disabled: true } : {}),
      };
    });
}

/** "3m ago" style ages, from ISO times (the gateway's clock and ours are the same machine's). */
export function ago(iso: string, now: Date): string {
  const ms = now.getTime() - Date.parse(iso);
  if (!Number.isFinite(ms)) return "at an unknown time";
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 172800) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

function stateText(row: ChannelStatusRow, gatewayAsked: boolean): string {
  if (row.disabled) return "disabled (enabled: false in the config)";
  if (!row.live) {
    return gatewayAsked ? "not started by the gateway" : "unknown (gateway not running)";
  }
  const detail = row.live.detail ? ` (${printable(row.live.detail)})` : "";
  return `${row.live.state}${detail}`;
}

export function renderChannelStatus(
  rows: ChannelStatusRow[],
  opts: { gatewayAsked: boolean; now: Date },
): string {
  if (rows.length === 0) {
    return `No channels are set up. Add one with: ${cli("channels add")}`;
  }
  const width = Math.max(...rows.map((r) => r.channel.length));
  const lines = rows.map((r) => {
    const parts = [stateText(r, opts.gatewayAsked)];
    if (r.live?.lastMessageAt) parts.push(`last message ${ago(r.live.lastMessageAt, opts.now)}`);
    else if (r.live && !r.disabled) parts.push("no message yet");
    if (r.pendingPairing > 0) {
      parts.push(
        `${r.pendingPairing} pairing request${r.pendingPairing === 1 ? "" : "s"} waiting: ${
          cli(`pairing list ${r.channel}`)
        }`,
      );
    }
    return `${r.channel.padEnd(width)}  ${parts.join(" · ")}`;
  });
  return lines.join("\n");
}
