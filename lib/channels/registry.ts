/**
 * The channels openclaw can set up, in the order the wizard offers them.
 * Each entry is data (id, label, hint, plugin) plus its setup function.
 */
import type { ChannelPlan, ChannelSetupContext } from "./context.ts";
import { CHANNEL_IDS, type ChannelId } from "./flags.ts";
import { setupTelegram } from "./telegram.ts";
import { setupWhatsApp } from "./whatsapp.ts";
import { setupDiscord } from "./discord.ts";
import { setupGoogleChat } from "./googlechat.ts";
import { MATTERMOST_PLUGIN, setupMattermost } from "./mattermost.ts";
import { setupSignal } from "./signal.ts";
import { setupBlueBubbles } from "./bluebubbles.ts";
import { setupIMessage } from "./imessage.ts";
import { setupSlack } from "./slack.ts";
import { setupMatrix } from "./matrix.ts";
import { setupMSTeams } from "./msteams.ts";
import type { PluginInfo } from "./plugins.ts";
import { UsageError } from "../errors.ts";

export interface ChannelEntry {
  id: ChannelId;
  label: string;
  hint: string;
  /** Set for channels that ship as a plugin. */
  plugin?: PluginInfo;
  setup(ctx: ChannelSetupContext): Promise<ChannelPlan>;
}

export const CHANNELS: Record<ChannelId, ChannelEntry> = {
  telegram: { id: "telegram", label: "Telegram", hint: "bot token", setup: setupTelegram },
  whatsapp: { id: "whatsapp", label: "WhatsApp", hint: "link a phone (QR)", setup: setupWhatsApp },
  discord: { id: "discord", label: "Discord", hint: "bot token", setup: setupDiscord },
  googlechat: {
    id: "googlechat",
    label: "Google Chat",
    hint: "service account + webhook",
    setup: setupGoogleChat,
  },
  mattermost: {
    id: "mattermost",
    label: "Mattermost",
    hint: "plugin; bot token + URL",
    plugin: MATTERMOST_PLUGIN,
    setup: setupMattermost,
  },
  signal: {
    id: "signal",
    label: "Signal",
    hint: "signal-cli (can install it)",
    setup: setupSignal,
  },
  bluebubbles: {
    id: "bluebubbles",
    label: "BlueBubbles",
    hint: "recommended for iMessage",
    setup: setupBlueBubbles,
  },
  imessage: {
    id: "imessage",
    label: "iMessage",
    hint: "legacy: imsg + Messages DB",
    setup: setupIMessage,
  },
  slack: { id: "slack", label: "Slack", hint: "bot token (+ app token)", setup: setupSlack },
  matrix: {
    id: "matrix",
    label: "Matrix",
    hint: "homeserver + access token",
    setup: setupMatrix,
  },
  msteams: {
    id: "msteams",
    label: "Microsoft Teams",
    hint: "Azure Bot app id, secret, tenant",
    setup: setupMSTeams,
  },
};

export function channelList(): ChannelEntry[] {
  return CHANNEL_IDS.map((id) => CHANNELS[id]);
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
