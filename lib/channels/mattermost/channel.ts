/** Mattermost, the whole channel (loaded through the registry; see ../meta.ts). */
import { describeChannel } from "../descriptor.ts";
import { httpProbe, str } from "../probe.ts";
import { mattermostMeta } from "./meta.ts";
import { setupMattermost } from "./setup.ts";

export const mattermostChannel = describeChannel(mattermostMeta, {
  setup: setupMattermost,
  probe: (s, ctx) =>
    httpProbe(
      str(s.baseUrl),
      "/api/v4/users/me",
      { Authorization: `Bearer ${str(s.botToken) ?? ""}` },
      ctx,
      (b) => `bot ${(b as { username?: string })?.username ?? "?"}`,
    ),
});
