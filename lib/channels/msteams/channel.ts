/** Microsoft Teams, the whole channel (loaded through the registry; see ../meta.ts). */
import { describeChannel } from "../descriptor.ts";
import { msteamsMeta } from "./meta.ts";
import { setupMSTeams } from "./setup.ts";
import { msteamsRuntime } from "./runtime.ts";

export const msteamsChannel = describeChannel(msteamsMeta, {
  setup: setupMSTeams,
  // No live check (see setup.ts): proving the secret would not prove the bot is set up in Teams.
  probe: () => Promise.resolve({ status: "ok", detail: "no probe for this channel (plugin)" }),
  runtime: msteamsRuntime,
});
