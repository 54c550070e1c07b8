/** BlueBubbles, the whole channel (loaded through the registry; see ../meta.ts). */
import { describeChannel } from "../descriptor.ts";
import { httpProbe, str } from "../probe.ts";
import { bluebubblesMeta } from "./meta.ts";
import { setupBlueBubbles } from "./setup.ts";
import { bluebubblesRuntime } from "./runtime.ts";

export const bluebubblesChannel = describeChannel(bluebubblesMeta, {
  setup: setupBlueBubbles,
  runtime: bluebubblesRuntime,
  probe: (s, ctx) =>
    httpProbe(
      str(s.serverUrl),
      `/api/v1/ping?password=${encodeURIComponent(str(s.password) ?? "")}`,
      {},
      ctx,
      () => "server answers",
    ),
});
