/**
 * Building a channel's descriptor (meta.ts) from its parts: the config
 * schema always comes from the meta, and channels whose token the platform
 * can check share how that check becomes a probe.
 */
import type { ChannelDescriptor, ChannelMeta, Section } from "./meta.ts";
import type { CheckOutcome } from "./live-check.ts";
import { type ProbeContext, str, tokenProbe } from "./probe.ts";
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
  check: (token: string, ctx: ProbeContext) => Promise<CheckOutcome>,
): Pick<ChannelDescriptor, "liveCheck" | "probe"> {
  const liveCheck = (s: Section, ctx: ProbeContext) => check(str(s[key]) ?? "", ctx);
  return {
    liveCheck,
    probe: (s, ctx) => tokenProbe(channel, key, s, () => liveCheck(s, ctx)),
  };
}
