/**
 * Step "Channels": pick chat channels (none is fine), then answer each
 * channel's questions. `--skip-channels` skips the step; `--channels a,b`
 * (or any channel flag) answers the pick without a prompt.
 */
import type { StepContext } from "../types.ts";
import type { PlanPart } from "../../plan/types.ts";
import { CHANNEL_IDS, type ChannelId } from "../../channels/flags.ts";
import { Q } from "../questions.ts";

export async function channelsStep(ctx: StepContext): Promise<PlanPart> {
  if (ctx.options.skipChannels) return {};
  // Loaded only when the step runs: the channel modules are not needed with --skip-channels.
  const { CHANNELS } = await import("../../channels/registry.ts");
  const { setupChannels } = await import("../../channels/setup.ts");
  const configured = Object.keys(ctx.base.channels ?? {});
  const picked = await ctx.prompter.multiselect<ChannelId>({
    ...Q.channels,
    message: configured.length
      ? `Chat channels to set up (already set up: ${configured.join(", ")}; pick one to change it)`
      : "Chat channels to set up (space to pick, Enter to continue; none is fine)",
    options: CHANNEL_IDS.map((id) => CHANNELS[id]).map((c) => ({
      value: c.id,
      label: c.label,
      hint: c.hint,
    })),
    initialValues: [],
    // Keep means "don't ask again": channels are changed with `openclaw channels add`.
    silent: ctx.keepExisting,
  });
  // Channels the run leaves alone stay set up: the summary says so.
  const channelsKept = configured.filter((c) => !picked.includes(c as ChannelId));
  if (picked.length === 0) return { summary: { channels: [], channelsKept } };
  const { dmSecurityNote } = await import("../../channels/dm-access.ts");
  await ctx.prompter.note(dmSecurityNote(), "DM security");
  const plan = await setupChannels({
    host: ctx.host,
    paths: ctx.paths,
    prompter: ctx.prompter,
    config: ctx.base as Record<string, unknown>,
    channels: picked,
    flagStyle: "onboard",
    advanced: ctx.flow === "advanced",
  });
  return { ...plan, summary: { channels: picked, channelsKept } };
}
