/**
 * The wizard's first choice: QuickStart (sensible defaults, only the
 * essential questions), Advanced (every question), or Remote (this machine
 * uses a gateway running elsewhere: only how to reach it is asked).
 * `--flow` answers the first two, `--mode remote` the third.
 */
import type { FlowKind, StepContext } from "../types.ts";
import { Q } from "../questions.ts";
import { choiceOptions } from "../../wizard/question.ts";

export type FlowChoice = FlowKind | "remote";

export function flowChoiceStep(ctx: Pick<StepContext, "prompter">): Promise<FlowChoice> {
  return ctx.prompter.select<FlowChoice>({
    ...Q.flow,
    message: "How do you want to set up?",
    options: choiceOptions(Q.flow, ["quickstart", "advanced", "remote"]),
    initialValue: "quickstart",
  });
}
