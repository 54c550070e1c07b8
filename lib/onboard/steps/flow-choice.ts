/**
 * QuickStart (sensible defaults, only the essential questions) or Advanced
 * (every question).
 */
import type { FlowKind, StepContext } from "../types.ts";
import { Q } from "../questions.ts";

export function flowChoiceStep(ctx: Pick<StepContext, "prompter">): Promise<FlowKind> {
  return ctx.prompter.select<FlowKind>({
    ...Q.flow,
    message: "How do you want to set up?",
    options: [
      { value: "quickstart", label: "QuickStart", hint: "recommended defaults; a few questions" },
      { value: "advanced", label: "Advanced", hint: "port, bind, auth, tailscale, workspace" },
    ],
    initialValue: "quickstart",
  });
}
