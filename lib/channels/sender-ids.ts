/**
 * What counts as a sender id in each channel's allowFrom. An allowlist
 * matches the platform's stable ids only, never a display name: anyone can
 * call themselves "@alice" or "Jane Doe", but nobody can take another
 * account's id. Setup resolves names to ids where the platform's API can,
 * and warns about the rest; the Telegram runtime and `openclaw doctor` judge
 * entries by the same rules, each declared once in its channel's meta.ts.
 *
 * Data and pure functions only: the doctor and the gateway load it.
 */
import type { SenderIdRule } from "./meta.ts";
import { CHANNEL_IDS, type ChannelId, CHANNELS } from "./registry.ts";

export type { SenderIdRule };

/** allowFrom ["*"] is the open policy's "everyone", not a name. */
export const ALLOW_ANYONE = "*";

export const SENDER_ID_RULES = Object.fromEntries(
  CHANNEL_IDS.map((id) => [id, CHANNELS[id].senderIds]),
) as Record<ChannelId, SenderIdRule>;

/** The allowFrom entries of a channel that are neither ids nor "*": they never match. */
export function unresolvedEntries(channel: ChannelId, allowFrom: readonly unknown[]): string[] {
  const rule = SENDER_ID_RULES[channel];
  return allowFrom.map((e) => String(e).trim()).filter((e) => e !== ALLOW_ANYONE && !rule.isId(e));
}
