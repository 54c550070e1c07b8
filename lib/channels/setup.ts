/**
 * Set up chosen channels: build each channel's context from the current
 * config and run its setup, merging the plan parts. Used by the onboarding
 * step "Channels" and by `openclaw channels add`.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { Prompter } from "../wizard/prompter.ts";
import { emptyPlan, mergePlan, type Plan } from "../plan/types.ts";
import type { ChannelSetupContext } from "./context.ts";
import type { ChannelId } from "./flags.ts";
import { loadChannel } from "./registry.ts";
import { apiBases, checkTimeoutMs } from "./live-check.ts";

export interface SetupRequest {
  host: Host;
  paths: StatePaths;
  prompter: Prompter;
  config: Record<string, unknown>;
  channels: ChannelId[];
  flagStyle: "onboard" | "add";
  advanced: boolean;
  liveChecks?: boolean;
}

export function channelContext(req: SetupRequest, id: ChannelId): ChannelSetupContext {
  const all = (req.config.channels ?? {}) as Record<string, Record<string, unknown>>;
  return {
    host: req.host,
    paths: req.paths,
    prompter: req.prompter,
    current: all[id] ?? {},
    config: req.config,
    flagStyle: req.flagStyle,
    advanced: req.advanced,
    liveChecks: req.liveChecks ?? true,
    apiBase: apiBases(req.host),
    timeoutMs: checkTimeoutMs(req.host),
    warn: (message) => req.prompter.note(message, "Warning"),
  };
}

export async function setupChannels(req: SetupRequest): Promise<Plan> {
  let plan = emptyPlan();
  for (const id of req.channels) {
    const channel = await loadChannel(id);
    plan = mergePlan(plan, await channel.setup(channelContext(req, id)));
  }
  return plan;
}
