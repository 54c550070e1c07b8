/**
 * Mattermost, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { type ChannelMeta, dmFields } from "../meta.ts";
import type { PluginInfo } from "../plugins.ts";

export const MATTERMOST_PLUGIN: PluginInfo = { id: "mattermost", npm: "@openclaw/mattermost" };

export const mattermostMeta = {
  id: "mattermost",
  label: "Mattermost",
  hint: "plugin; bot token + URL",
  plugin: MATTERMOST_PLUGIN,
  fields: [
    {
      key: "plugin",
      onboard: "--mattermost-plugin <spec>",
      add: "--plugin <spec>",
      description: "Mattermost plugin to install: an npm package or a local folder",
    },
    {
      key: "botToken",
      onboard: "--mattermost-bot-token <token>",
      add: "--bot-token <token>",
      description: "Mattermost bot access token",
      env: "MATTERMOST_BOT_TOKEN",
    },
    {
      key: "baseUrl",
      onboard: "--mattermost-url <url>",
      add: "--base-url <url>",
      description: "Mattermost server URL, e.g. https://chat.example.com",
    },
    ...dmFields("mattermost"),
  ],
  config: { botToken: "text", baseUrl: "httpUrl" },
  legacyKeys: ["mattermost"],
  senderIds: {
    isId: (e) => /^[a-z0-9]{26}$/.test(e),
    hint: "Mattermost user ids (26 letters and digits; System Console → Users)",
  },
  load: () => import("./channel.ts").then((m) => m.mattermostChannel),
} as const satisfies ChannelMeta<"mattermost">;
