/** Mattermost, the whole channel (loaded through the registry; see ../meta.ts). */
import { bearerProbe, describeChannel } from "../descriptor.ts";
import { mattermostMeta } from "./meta.ts";
import { setupMattermost } from "./setup.ts";
import { mattermostRuntime } from "./runtime.ts";

export const mattermostChannel = describeChannel(mattermostMeta, {
  setup: setupMattermost,
  runtime: mattermostRuntime,
  probe: bearerProbe(
    "baseUrl",
    "botToken",
    "/api/v4/users/me",
    (b) => `bot ${(b as { username?: string })?.username ?? "?"}`,
  ),
});
