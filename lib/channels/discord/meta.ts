/**
 * Discord, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { channelMeta, secret } from "../meta.ts";

export const discordMeta = channelMeta("discord", "Discord", "bot token", {
  fields: [
    secret("token", "--discord-token <token>", "--token <token>", "DISCORD_BOT_TOKEN")
      .help("Discord bot token"),
  ],
  config: { token: "secret" },
  apiBase: { url: "https://discord.com/api/v10", env: "OPENCLAW_DISCORD_API_BASE" },
  senderIds: {
    isId: (e) => /^\d{15,21}$/.test(e),
    hint: "Discord user ids (Developer Mode → right-click the user → Copy User ID)",
  },
  load: () => import("./channel.ts").then((m) => m.discordChannel),
});
