/**
 * What onboarding does after the apply phase, before the summary: the health
 * check (unless --skip-health) and the Control UI pointer (an SSH tunnel
 * command when there is no GUI, else the browser opens). Not for runs over
 * the gateway's wizard RPC: that gateway is up and its UI is already open.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { Prompter } from "../wizard/prompter.ts";
import { readConfigFile } from "../config/store.ts";
import { checkConfig } from "../config/validate.ts";
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
  const { controlUiHint, hintInput, openBrowser } = await import("./steps/control-ui-hint.ts");
  const config = checkConfig(await readConfigFile(req.paths.configPath)).config;
  const hint = hintInput(req.host, config);
  const lines = controlUiHint(hint);
  if (hint.gui && req.prompter.interactive && !req.options.json) {
    if (await openBrowser(req.host, hint.url)) {
      lines[0] = `The Control UI opened in your browser: ${hint.url}`;
    }
  }
  return mergePlan(plan, { nextSteps: [...lines, ...appOptionLines()] });
}
