/** Discord, the whole channel (loaded through the registry; see ../meta.ts). */
import { describeChannel, tokenChecks } from "../descriptor.ts";
import { discordMeta } from "./meta.ts";
import { setupDiscord } from "./setup.ts";
import { checkDiscordToken } from "./check.ts";

export const discordChannel = describeChannel(discordMeta, {
  setup: setupDiscord,
  ...tokenChecks("discord", "token", checkDiscordToken),
});
