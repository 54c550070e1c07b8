/**
 * The channels openclaw can set up, in the order the wizard offers them.
 * Adding a channel is its folder (lib/channels/<id>/, see meta.ts) and one
 * line here. Only the metas are imported (data, cheap): the rest of a
 * channel loads through loadChannel() when it is set up, probed or run.
 */
import type { ChannelDescriptor, ChannelMeta } from "./meta.ts";
import { UsageError } from "../errors.ts";
import { telegramMeta } from "./telegram/meta.ts";
import { whatsappMeta } from "./whatsapp/meta.ts";
import { discordMeta } from "./discord/meta.ts";
import { googlechatMeta } from "./googlechat/meta.ts";
import { mattermostMeta } from "./mattermost/meta.ts";
import { signalMeta } from "./signal/meta.ts";
import { bluebubblesMeta } from "./bluebubbles/meta.ts";
import { imessageMeta } from "./imessage/meta.ts";
import { slackMeta } from "./slack/meta.ts";
import { matrixMeta } from "./matrix/meta.ts";
import { msteamsMeta } from "./msteams/meta.ts";

/** Every channel, in the wizard's order. */
const METAS = [
  telegramMeta,
  whatsappMeta,
  discordMeta,
  googlechatMeta,
  mattermostMeta,
  signalMeta,
  bluebubblesMeta,
  imessageMeta,
  slackMeta,
  matrixMeta,
  msteamsMeta,
] as const;

export type ChannelId = typeof METAS[number]["id"];
export const CHANNEL_METAS: readonly ChannelMeta<ChannelId>[] = METAS;
export const CHANNEL_IDS: readonly ChannelId[] = CHANNEL_METAS.map((m) => m.id);

/** The metas by id. */
export const CHANNELS = Object.fromEntries(CHANNEL_METAS.map((m) => [m.id, m])) as Record<
  ChannelId,
  ChannelMeta<ChannelId>
>;

export function channelList(): ChannelMeta<ChannelId>[] {
  return [...CHANNEL_METAS];
}

/** A channel's setup, checks and runtime (loaded on first use, then cached by the module loader). */
export function loadChannel(id: ChannelId): Promise<ChannelDescriptor> {
  return CHANNELS[id].load();
}

export function isChannelId(id: string): id is ChannelId {
  return (CHANNEL_IDS as readonly string[]).includes(id);
}

/** An unknown id is a usage error that lists the known ones. */
export function requireChannelId(id: string, flag = "--channel"): ChannelId {
  const v = id.trim().toLowerCase();
  if (isChannelId(v)) return v;
  throw new UsageError(
    `${flag}: unknown channel "${id}". Known channels: ${CHANNEL_IDS.join(", ")}.`,
    [flag],
  );
}
