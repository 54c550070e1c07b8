/**
 * Step 1: an existing openclaw.json. Keep (use its values, ask only what is
 * missing), Modify (ask everything, its values as defaults) or Reset (move
 * the chosen scope to the trash, then start fresh). An invalid or legacy
 * config stops the wizard: building on it would mean guessing.
 */
import { ActionableError } from "../../errors.ts";
import { checkConfig, listProblems } from "../../config/validate.ts";
import {
  DEFAULT_RESET_SCOPE,
  RESET_SCOPE_LABELS,
  RESET_SCOPES,
  type ResetScope,
} from "../../config/reset.ts";
import { tildify } from "../../config/paths.ts";
import type { OpenclawConfig } from "../../config/schema.ts";
import type { StepContext } from "../types.ts";
import type { PlanPart } from "../../plan/types.ts";
import { Q } from "../questions.ts";
import { cli } from "../../platform/invocation.ts";

export type ExistingChoice = "keep" | "modify" | "reset";

export interface ExistingConfigDecision {
  part: PlanPart;
  base: OpenclawConfig;
  keepExisting: boolean;
}

export async function existingConfigStep(
  ctx: Pick<StepContext, "file" | "prompter" | "options" | "host">,
): Promise<ExistingConfigDecision> {
  const { file, prompter } = ctx;
  if (!file.exists) return { part: {}, base: {}, keepExisting: false };
  const status = checkConfig(file);
  const shown = tildify(file.path, ctx.host.home);

  if (status.state === "invalid" && !ctx.options.reset) {
    throw new ActionableError(
      `${shown} ${status.hasLegacyKeys ? "uses legacy keys" : "is not valid"}:\n` +
        listProblems(status.problems) +
        `\nRun \`${cli("doctor")}\` to see every problem${
          status.hasLegacyKeys ? ` and migrate them (\`${cli("doctor --fix")}\`)` : ""
        }, ` +
        "then run onboarding again. Nothing was changed.",
    );
  }

  const choice = ctx.options.reset ? "reset" : await prompter.select<ExistingChoice>({
    ...Q.existing,
    message: `Found an existing config at ${shown}. What should onboarding do with it?`,
    options: [
      { value: "keep", label: "Keep", hint: "use its values; ask only what is missing" },
      { value: "modify", label: "Modify", hint: "ask every question, its values as defaults" },
      { value: "reset", label: "Reset", hint: "move it to the trash and start over" },
    ],
    initialValue: "keep",
  });

  if (choice !== "reset") {
    return { part: {}, base: status.config, keepExisting: choice === "keep" };
  }
  const scope = await prompter.select<ResetScope>({
    ...Q.resetScope,
    message: "What should the reset move to the trash?",
    options: RESET_SCOPES.map((s) => ({ value: s, ...RESET_SCOPE_LABELS[s] })),
    initialValue: DEFAULT_RESET_SCOPE,
  });
  return { part: { reset: { scope } }, base: {}, keepExisting: false };
}
