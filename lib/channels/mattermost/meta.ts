/**
 * Mattermost, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { channelMeta, field, secret } from "../meta.ts";
import type { PluginInfo } from "../plugins.ts";

export const MATTERMOST_PLUGIN: PluginInfo = { id: "mattermost", npm: "@openclaw/mattermost" };

export const mattermostMeta = channelMeta("mattermost", "Mattermost", "plugin; bot token + URL", {
  plugin: MATTERMOST_PLUGIN,
  fields: [
    field("plugin", "--mattermost-plugin <spec>", "--plugin <spec>")
      .help("Mattermost plugin to install: an npm package or a local folder"),
    secret(
      "botToken",
      "--mattermost-bot-token <token>",
      "--bot-token <token>",
      "MATTERMOST_BOT_TOKEN",
    )
      .help("Mattermost bot access token"),
    field("baseUrl", "--mattermost-url <url>", "--base-url <url>")
      .help("Mattermost server URL, e.g. https://chat.example.com"),
  ],
  config: { botToken: "text", baseUrl: "httpUrl" },
  senderIds: {
    isId: (e) => /^[a-z0-9]{26}$/.test(e),
    hint: "Mattermost user ids (26 letters and digits; System Console → Users)",
  },
  load: () => import("./channel.ts").then((m) => m.mattermostChannel),
});
