/**
 * Building a channel's descriptor (meta.ts) from its parts: the config
 * schema always comes from the meta, and channels whose token the platform
 * can check share how that check becomes a probe.
 */
import type { ChannelDescriptor, ChannelMeta, Section } from "./meta.ts";
import type { CheckOutcome, CheckTarget } from "./live-check.ts";
import { httpProbe, type ProbeContext, str, tokenProbe } from "./probe.ts";
import { channelSchema } from "./schemas.ts";

export function describeChannel(
  meta: ChannelMeta,
  parts: Omit<ChannelDescriptor, "meta" | "schema">,
): ChannelDescriptor {
  return { meta, schema: channelSchema(meta), ...parts };
}

/** The live check and probe of a channel whose settings hold a token at `key`. */
export function tokenChecks(
  channel: string,
  key: string,
  check: (token: string, target: CheckTarget) => Promise<CheckOutcome>,
): Pick<ChannelDescriptor, "liveCheck" | "probe"> {
  const liveCheck = (s: Section, ctx: ProbeContext) => check(str(s[key]) ?? "", ctx);
  return {
    liveCheck,
    probe: (s, ctx) => tokenProbe(channel, key, s, () => liveCheck(s, ctx)),
  };
}

/**
 * The probe of a self-hosted server (Mattermost, Matrix): GET `path` on the
 * URL at settings[urlKey] with the bearer token at settings[tokenKey].
 */
export function bearerProbe(
  urlKey: string,
  tokenKey: string,
  path: string,
  identity: (body: unknown) => string,
): ChannelDescriptor["probe"] {
  return (s, ctx) =>
    httpProbe(
      str(s[urlKey]),
      path,
      { Authorization: `Bearer ${str(s[tokenKey]) ?? ""}` },
      ctx,
      identity,
    );
}
