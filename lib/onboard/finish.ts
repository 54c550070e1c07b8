/**
 * What onboarding does after the apply phase, before the summary: the health
 * check (unless --skip-health), then the next steps that depend on it —
 * starting the gateway when nothing runs it, the Control UI (`openclaw
 * dashboard`; with a desktop and a running gateway it opens signed in), the
 * companion apps, and from an unlinked source checkout how to put `openclaw`
 * on PATH. Not for runs over
 * the gateway's wizard RPC: that gateway is up and its UI is already open.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { Prompter } from "../wizard/prompter.ts";
import { mergePlan, type Plan } from "./types.ts";
import type { OnboardOptions } from "./options.ts";
import { appOptionLines } from "./app-options.ts";
import type { ApplyResult } from "./apply.ts";
import { cli, currentInvocation } from "../platform/invocation.ts";

export interface FinishRequest {
  host: Host;
  paths: StatePaths;
  prompter: Prompter;
  options: OnboardOptions;
  command: "onboard" | "configure";
  surface?: "cli" | "gateway";
}

export async function afterApply(
  req: FinishRequest,
  plan: Plan,
  result?: ApplyResult,
): Promise<Plan> {
  if (req.command !== "onboard" || req.options.dryRun) return plan;
  if (req.surface === "gateway") {
    // The gateway answering this wizard still runs with the settings it started with.
    return mergePlan(plan, {
      nextSteps: ["Restart the gateway (or its service) so new gateway settings take effect."],
    });
  }
  // Remote mode: the remote step already tried that gateway; nothing runs here.
  if (plan.summary.remote) return plan;
  const background = Boolean(result?.daemon?.background);
  let runs = Boolean(result?.daemon?.installed) || background;
  if (!req.options.skipHealth) {
    const { healthCheckStep } = await import("./steps/health.ts");
    const outcome = await healthCheckStep({ ...req, background });
    runs = outcome.ok && outcome.how !== "started";
  }
  const { helloStep } = await import("./steps/hello.ts");
  plan = mergePlan(plan, await helloStep(req, runs));
  const steps: string[] = [];
  if (!runs) {
    steps.push(`Start the gateway (it runs until you stop it):\n    ${cli("gateway run")}`);
  }
  // The Control UI needs the gateway's secret: `openclaw dashboard` gives a signed-in link; the
  // browser opens only when a gateway will be there to answer.
  const { dashboardNextSteps } = await import("../gateway/dashboard.ts");
  const open = runs && req.prompter.interactive && !req.options.json;
  steps.push(...await dashboardNextSteps(req.host, req.paths, { open }));
  steps.push(...appOptionLines());
  const link = currentInvocation().linkCommand;
  if (link) steps.push(`Put \`openclaw\` on your PATH, so commands are shorter:\n    ${link}`);
  return mergePlan(plan, { nextSteps: steps });
}
