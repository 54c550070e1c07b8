/**
 * Step 2: the risk acknowledgement. An agent with tools and chat access acts
 * on the user's behalf; they must say they understand before anything is set
 * up. Non-interactive runs need --accept-risk.
 */
import { CancelledError } from "../../errors.ts";
import type { StepContext } from "../types.ts";
import { Q } from "../questions.ts";

export const RISK_TITLE = "Security";
export const RISK_NOTE = [
  "openclaw runs an AI agent that reads and writes files in its workspace, can run",
  "shell commands (each waits for your /approve in the chat; tools.exec), sends",
  "messages on your behalf, and answers people who message your channels.",
  "",
  "- Keep the gateway on loopback with token auth unless you need more.",
  "- Leave DM pairing on: strangers cannot talk to your agent until you approve them.",
  "- Give the agent only the tools and folders it needs.",
].join("\n");

/** Said when the user answers No (the default): how to go on is part of the message. */
export const RISK_DECLINED = [
  "You did not accept the risks, so nothing was set up.",
  "To continue, run the same command again and answer Yes (press y),",
  "or add --accept-risk to it.",
].join("\n");

export async function riskStep(ctx: Pick<StepContext, "prompter">): Promise<void> {
  await ctx.prompter.note(RISK_NOTE, RISK_TITLE);
  const accepted = await ctx.prompter.confirm({
    ...Q.risk,
    message: "I understand the risks. Continue?",
    required: true,
    initialValue: false,
  });
  // Non-interactive: a missing --accept-risk is reported with the other missing flags.
  if (!accepted && ctx.prompter.interactive) {
    throw new CancelledError(RISK_DECLINED);
  }
}
