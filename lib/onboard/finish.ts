/**
 * The last thing an onboarding run does, as a check of its plan (run by
 * lib/plan/apply.ts after everything is written): the health check (unless
 * --skip-health), then the next steps that depend on it — starting the
 * gateway when nothing runs it, the Control UI (`openclaw dashboard`; with a
 * desktop and a running gateway it opens signed in; not with --skip-ui), the companion apps, and
 * from an unlinked source checkout how to put `openclaw` on PATH. Not for
 * runs over the gateway's wizard RPC: that gateway is up and its UI is
 * already open.
 */
import type { StatePaths } from "../config/paths.ts";
import type { Prompter } from "../wizard/prompter.ts";
import type { Plan, PlannedCheck } from "../plan/types.ts";
import type { OnboardOptions } from "./options.ts";
import { appOptionLines } from "./app-options.ts";
import { cli, currentInvocation } from "../platform/invocation.ts";

export interface FinishRequest {
  paths: StatePaths;
  prompter: Prompter;
  options: OnboardOptions;
  command: "onboard" | "configure";
  surface?: "cli" | "gateway";
}

/** The check that ends an onboarding run's plan, or none (configure, dry run, remote mode). */
export function finishCheck(req: FinishRequest, plan: Plan): PlannedCheck | undefined {
  if (req.command !== "onboard" || req.options.dryRun) return undefined;
  if (req.surface === "gateway") {
    // The gateway answering this wizard still runs with the settings it started with.
    return {
      run: () =>
        Promise.resolve({
          nextSteps: ["Restart the gateway (or its service) so new gateway settings take effect."],
        }),
    };
  }
  // Remote mode: the remote step already tried that gateway; nothing runs here.
  if (plan.summary.remote) return undefined;
  return {
    async run(host, applied) {
      const background = Boolean(applied.daemon?.background);
      let runs = Boolean(applied.daemon?.installed) || background;
      if (!req.options.skipHealth) {
        // The check lib/gateway provides: ask the gateway the new config describes.
        const { healthCheckStep } = await import("../gateway/health-check.ts");
        const outcome = await healthCheckStep({
          host,
          paths: req.paths,
          prompter: req.prompter,
          background,
          config: applied.config,
        });
        runs = outcome.ok && outcome.how !== "started";
      }
      // A real round trip through the gateway to the model, when one runs (--hello/--no-hello).
      const { helloStep } = await import("./steps/hello.ts");
      const hello = await helloStep({ ...req, host, config: applied.config }, runs);
      const steps: string[] = [];
      if (!runs) {
        steps.push(`Start the gateway (it runs until you stop it):\n    ${cli("gateway run")}`);
      }
      // The Control UI needs the gateway's secret: `openclaw dashboard` gives a signed-in link;
      // the browser opens only when a gateway will be there to answer.
      if (!req.options.skipUi) {
        const { dashboardNextSteps } = await import("../gateway/dashboard.ts");
        const open = runs && req.prompter.interactive && !req.options.json;
        steps.push(...await dashboardNextSteps(host, req.paths, { open, config: applied.config }));
      }
      steps.push(...appOptionLines());
      const link = currentInvocation().linkCommand;
      if (link) steps.push(`Put \`openclaw\` on your PATH, so commands are shorter:\n    ${link}`);
      return { nextSteps: steps, summary: hello.summary };
    },
  };
}
