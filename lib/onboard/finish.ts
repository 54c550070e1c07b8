/**
 * What onboarding does after the apply phase, before the summary: the health
 * check (unless --skip-health) and the Control UI pointer (`openclaw
 * dashboard`; with a desktop and a running gateway it opens signed in). Not for runs over
 * the gateway's wizard RPC: that gateway is up and its UI is already open.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { Prompter } from "../wizard/prompter.ts";
import { mergePlan, type Plan } from "./types.ts";
import type { OnboardOptions } from "./options.ts";
import { appOptionLines } from "./app-options.ts";

export interface FinishRequest {
  host: Host;
  paths: StatePaths;
  prompter: Prompter;
  options: OnboardOptions;
  command: "onboard" | "configure";
  surface?: "cli" | "gateway";
}

export async function afterApply(req: FinishRequest, plan: Plan): Promise<Plan> {
  if (req.command !== "onboard" || req.options.dryRun) return plan;
  if (req.surface === "gateway") {
    // The gateway answering this wizard still runs with the settings it started with.
    return mergePlan(plan, {
      nextSteps: ["Restart the gateway (or its service) so new gateway settings take effect."],
    });
  }
  // Remote mode: the remote step already tried that gateway; nothing runs here.
  if (plan.summary.remote) return plan;
  if (!req.options.skipHealth) {
    const { healthCheckStep } = await import("./steps/health.ts");
    await healthCheckStep(req);
  }
  // The Control UI needs the gateway's secret: `openclaw dashboard` gives a signed-in link.
  const { dashboardNextSteps } = await import("../gateway/dashboard.ts");
  const open = req.prompter.interactive && !req.options.json;
  const dashboard = await dashboardNextSteps(req.host, req.paths, { open });
  return mergePlan(plan, { nextSteps: [...dashboard, ...appOptionLines()] });
}
