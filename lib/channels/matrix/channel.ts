/** Matrix, the whole channel (loaded through the registry; see ../meta.ts). */
import { bearerProbe, describeChannel } from "../descriptor.ts";
import { str } from "../probe.ts";
import { matrixMeta } from "./meta.ts";
import { setupMatrix } from "./setup.ts";
import { checkMatrixToken } from "./check.ts";
import { matrixRuntime } from "./runtime.ts";

export const matrixChannel = describeChannel(matrixMeta, {
  setup: setupMatrix,
  runtime: matrixRuntime,
  liveCheck: (s, ctx) =>
    checkMatrixToken(str(s.accessToken) ?? "", {
      homeserver: str(s.homeserver) ?? "",
      timeoutMs: ctx.timeoutMs,
    }),
  probe: bearerProbe(
    "homeserver",
    "accessToken",
    "/_matrix/client/v3/account/whoami",
    (b) => `account ${(b as { user_id?: string })?.user_id ?? "?"}`,
  ),
});
