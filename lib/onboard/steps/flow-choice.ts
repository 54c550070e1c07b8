/**
 * The wizard's first choice: QuickStart (sensible defaults, only the
 * essential questions), Advanced (every question), or Remote (this machine
 * uses a gateway running elsewhere: only how to reach it is asked).
 * `--flow` answers the first two, `--mode remote` the third.
 */
import type { FlowKind, StepContext } from "../types.ts";
import { Q } from "../questions.ts";

export type FlowChoice = FlowKind | "remote";

export function flowChoiceStep(ctx: Pick<StepContext, "prompter">): Promise<FlowChoice> {
  return ctx.prompter.select<FlowChoice>({
    ...Q.flow,
    message: "How do you want to set up?",
    options: [
      { value: "quickstart", label: "QuickStart", hint: "recommended defaults; a few questions" },
      { value: "advanced", label: "Advanced", hint: "port, bind, auth, tailscale, workspace" },
      {
        value: "remote",
        label: "Remote gateway",
        hint: "use a gateway running on another machine",
      },
    ],
    initialValue: "quickstart",
  });
}
