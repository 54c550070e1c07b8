/** Slack, the whole channel (loaded through the registry; see ../meta.ts). */
import { describeChannel, tokenChecks } from "../descriptor.ts";
import { slackMeta } from "./meta.ts";
import { setupSlack } from "./setup.ts";
import { checkSlackToken } from "./check.ts";
import { slackRuntime } from "./runtime.ts";

export const slackChannel = describeChannel(slackMeta, {
  setup: setupSlack,
  runtime: slackRuntime,
  ...tokenChecks("slack", "botToken", checkSlackToken),
});
