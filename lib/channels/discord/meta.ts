/**
 * Discord, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { type ChannelMeta, dmFields } from "../meta.ts";

export const discordMeta = {
  id: "discord",
  label: "Discord",
  hint: "bot token",
  fields: [
    {
      key: "token",
      onboard: "--discord-token <token>",
      add: "--token <token>",
      description: "Discord bot token",
      env: "DISCORD_BOT_TOKEN",
    },
    ...dmFields("discord"),
  ],
  config: { token: "secret" },
  legacyKeys: ["discord"],
  apiBase: { url: "https://discord.com/api/v10", env: "OPENCLAW_DISCORD_API_BASE" },
  senderIds: {
    isId: (e) => /^\d{15,21}$/.test(e),
    hint: "Discord user ids (Developer Mode → right-click the user → Copy User ID)",
  },
  load: () => import("./channel.ts").then((m) => m.discordChannel),
} as const satisfies ChannelMeta<"discord">;
