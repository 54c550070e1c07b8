/** BlueBubbles, the whole channel (loaded through the registry; see ../meta.ts). */
import { describeChannel } from "../descriptor.ts";
import { httpProbe, str } from "../probe.ts";
import { bluebubblesMeta } from "./meta.ts";
import { setupBlueBubbles } from "./setup.ts";

export const bluebubblesChannel = describeChannel(bluebubblesMeta, {
  setup: setupBlueBubbles,
  probe: (s, ctx) =>
    httpProbe(
      str(s.serverUrl),
      `/api/v1/ping?password=${encodeURIComponent(str(s.password) ?? "")}`,
      {},
      ctx,
      () => "server answers",
    ),
});
