/** Discord, the whole channel (loaded through the registry; see ../meta.ts). */
import { describeChannel, tokenChecks } from "../descriptor.ts";
import { discordMeta } from "./meta.ts";
import { setupDiscord } from "./setup.ts";
import { checkDiscordToken } from "./check.ts";
import { discordRuntime } from "./runtime.ts";

export const discordChannel = describeChannel(discordMeta, {
  setup: setupDiscord,
  runtime: discordRuntime,
  ...tokenChecks("discord", "token", checkDiscordToken),
});
