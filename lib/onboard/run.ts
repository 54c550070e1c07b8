/**
 * The local onboarding flow, through the one runner (lib/plan/runner.ts):
 * its steps return plan parts ("← Back" re-runs them), a finished run adds
 * its record and its closing check (lib/onboard/finish.ts), and the report
 * is the summary (or the plan, for --dry-run). Also serves `openclaw
 * configure`, which re-runs chosen sections on an existing config.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { Prompter } from "../wizard/prompter.ts";
import { runPlan } from "../plan/runner.ts";
import type { ApplyResult } from "../plan/apply.ts";
import { finishCheck } from "./finish.ts";
import { COMMIT, VERSION } from "../version.ts";
import { buildCommit } from "../build-commit.ts";
import type { OnboardOptions } from "./options.ts";
import type { FlowKind, StepContext } from "./types.ts";
import { emptyPlan, mergePlan, type Plan } from "../plan/types.ts";
import { riskStep } from "./steps/risk.ts";
import { flowChoiceStep } from "./steps/flow-choice.ts";
// The steps after the flow choice, apply, finish and report load where they run (dynamic
// imports below): compiling them (the gateway client and protocol schemas of the remote
// step, the daemon, channels, skills) before the first question cost ~40 ms of every start.
import type { authStep } from "./steps/auth.ts";
import { cli } from "../platform/invocation.ts";

/** The sections of the flow `openclaw configure --section` can re-run. */
export const SECTIONS = ["model", "workspace", "gateway", "skills", "channels"] as const;
export type Section = typeof SECTIONS[number];

/** A section's step; it may look at the plan so far (skills looks in the planned workspace). */
const SECTION_STEPS: Record<
  Section,
  () => Promise<(ctx: StepContext, plan: Plan) => ReturnType<typeof authStep>>
> = {
  model: async () => (await import("./steps/auth.ts")).authStep,
  workspace: async () => (await import("./steps/workspace.ts")).workspaceStep,
  gateway: async () => (await import("./steps/gateway.ts")).gatewayStep,
  skills: async () => (await import("./steps/skills.ts")).skillsStep,
  channels: async () => (await import("./steps/channels.ts")).channelsStep,
};

export interface OnboardRequest {
  host: Host;
  paths: StatePaths;
  options: OnboardOptions;
  prompter: Prompter;
  /** "onboard", or "configure" with the sections to re-run. */
  command: "onboard" | "configure";
  /** configure: the sections to re-run; absent, an interactive run asks (all otherwise). */
  sections?: Section[];
  /** Called just before the apply phase writes (the gateway's wizard refuses cancel from then on). */
  beforeApply?: () => void;
  /** "gateway" when run by the wizard RPC: no health check or Control UI hint (the UI is open). */
  surface?: "cli" | "gateway";
}

export function runOnboard(req: OnboardRequest): Promise<number> {
  const { host, paths, options, prompter } = req;
  let flow: FlowKind = "quickstart";
  // Outlives the passes of "← Back": a key is checked once per run.
  const checks = new Map();
  return runPlan({
    host,
    paths,
    prompter,
    command: `openclaw ${req.command}`,
    dryRun: options.dryRun,
    // Onboarding judges an invalid config itself (keep it, or reset); configure needs a valid one.
    config: req.command === "configure"
      ? { exists: `There is no config to change yet. Run \`${cli("onboard")}\` first.` }
      : "raw",
    intro: `openclaw ${req.command} · ${VERSION}`,
    async ask(loaded, p) {
      const ctx: StepContext = {
        host,
        paths,
        prompter: p,
        options,
        file: loaded.file,
        base: {},
        keepExisting: false,
        flow: "quickstart",
        checks,
      };
      const collected = req.command === "configure"
        ? await collectSections({ ...ctx, base: loaded.config }, req.sections)
        : await collectOnboarding(ctx);
      flow = collected.flow;
      return collected.plan;
    },
    async complete(plan) {
      const mode = plan.summary.remote ? "remote" : "local";
      // git is asked for the commit only when the config will be written.
      const commit = options.dryRun ? COMMIT : await buildCommit(host);
      const check = finishCheck(req, plan);
      return mergePlan(plan, {
        configEdits: wizardRecord(host, req.command, mode, commit),
        checks: check ? [check] : [],
      });
    },
    beforeApply: req.beforeApply,
    report: (outcome) =>
      outcome.result
        ? report(req, outcome.plan, outcome.result, flow)
        : showDryRun(req, outcome.plan, flow),
  });
}

async function collectOnboarding(ctx: StepContext): Promise<{ plan: Plan; flow: FlowKind }> {
  // Without a config there is nothing to keep, and nothing to validate: the config schemas
  // (~20 ms to build) load only when there is a file.
  const existing = ctx.file.exists
    ? await (await import("./steps/existing-config.ts")).existingConfigStep(ctx)
    : { part: {}, base: {}, keepExisting: false };
  let plan = mergePlan(emptyPlan(), existing.part);
  ctx = {
    ...ctx,
    base: existing.base,
    keepExisting: existing.keepExisting,
    resetScope: existing.part.reset?.scope,
  };
  await riskStep(ctx);
  // Keep means "don't ask again": QuickStart asks only what the config lacks.
  const remoteWanted = ctx.options.mode === "remote" ||
    (ctx.options.mode === undefined && ctx.base.gateway?.mode === "remote");
  const choice = ctx.keepExisting
    ? (remoteWanted ? "remote" : "quickstart")
    : await flowChoiceStep(ctx);
  if (choice === "remote") {
    // Remote mode sets up nothing local: only how to reach the other gateway.
    const { remoteStep } = await import("./steps/remote.ts");
    return { plan: mergePlan(plan, await remoteStep(ctx)), flow: "quickstart" };
  }
  ctx = { ...ctx, flow: choice };
  const [
    { authStep },
    { workspaceStep },
    { gatewayStep },
    { channelsStep },
    { daemonStep },
    { skillsStep },
  ] = await Promise.all([
    import("./steps/auth.ts"),
    import("./steps/workspace.ts"),
    import("./steps/gateway.ts"),
    import("./steps/channels.ts"),
    import("./steps/daemon.ts"),
    import("./steps/skills.ts"),
  ]);
  for (const step of [authStep, workspaceStep, gatewayStep, channelsStep]) {
    plan = mergePlan(plan, await step(ctx));
  }
  // The service runs the gateway just configured, so it needs the plan so far (its port).
  plan = mergePlan(plan, await daemonStep(ctx, plan));
  // Last: it looks in the workspace the plan names.
  plan = mergePlan(plan, await skillsStep(ctx, plan));
  return { plan, flow: ctx.flow };
}

async function collectSections(
  ctx: StepContext,
  given: Section[] | undefined,
): Promise<{ plan: Plan; flow: FlowKind }> {
  // Asked inside the flow, so "← Back" from a section's first question returns to this list.
  const sections = given ??
    (ctx.prompter.interactive
      ? await ctx.prompter.multiselect<Section>({
        id: "configure.sections",
        flag: "--section <name>",
        message: "What do you want to change?",
        options: SECTIONS.map((s) => ({ value: s, label: s })),
        atLeastOne: true,
      })
      : [...SECTIONS]);
  // configure edits an existing config: its values (ctx.base) are the defaults, every question
  // is asked.
  ctx = { ...ctx, flow: "advanced" };
  let plan = emptyPlan();
  for (const s of SECTIONS) {
    if (sections.includes(s)) plan = mergePlan(plan, await (await SECTION_STEPS[s]())(ctx, plan));
  }
  if (sections.includes("gateway")) {
    // An installed service still runs with the old port until it is re-installed.
    const { installedServiceHint } = await import("../daemon/onboarding.ts");
    plan = mergePlan(plan, { nextSteps: await installedServiceHint(ctx.host, ctx.paths) });
  }
  return { plan, flow: "advanced" };
}

function indent(text: string): string {
  return text.split("\n").map((l) => (l ? `  ${l}` : l)).join("\n");
}

function wizardRecord(host: Host, command: string, mode: "local" | "remote", commit: string) {
  return [
    { path: ["wizard", "lastRunAt"], value: host.now().toISOString() },
    { path: ["wizard", "lastRunVersion"], value: VERSION },
    { path: ["wizard", "lastRunCommit"], value: commit },
    { path: ["wizard", "lastRunCommand"], value: command },
    { path: ["wizard", "lastRunMode"], value: mode },
  ];
}

async function showDryRun(req: OnboardRequest, plan: Plan, flow: FlowKind): Promise<number> {
  const { host, paths, options } = req;
  const [{ jsonSummary }, { renderPlan }] = await Promise.all([
    import("./report.ts"),
    import("../plan/render.ts"),
  ]);
  if (options.json) {
    host.stdout(JSON.stringify(jsonSummary({ plan, dryRun: true, flow, options }), null, 2) + "\n");
    return 0;
  }
  const text = renderPlan(plan, host.home, paths.configPath);
  if (req.prompter.interactive) {
    await req.prompter.note(text, "Dry run: nothing was written");
    await req.prompter.outro("Run again without --dry-run to apply.");
  } else {
    host.stdout(`Dry run: nothing was written. The plan:\n${text}\n`);
  }
  return 0;
}

async function report(
  req: OnboardRequest,
  applied: Plan,
  result: ApplyResult,
  flow: FlowKind,
): Promise<number> {
  const { host, options, prompter } = req;
  const { equivalentCommand, jsonSummary, nextSteps, renderNextSteps, renderSummary } =
    await import("./report.ts");
  // The closing check's next steps (start the gateway, the Control UI) follow the plan's.
  const plan = mergePlan(applied, { nextSteps: result.nextSteps });
  // An explicit --install-daemon that ended without a service is a failure (exit 1), after the summary.
  const code = options.installDaemon === true && result.daemon &&
      !result.daemon.installed && !result.daemon.kept
    ? 1
    : 0;
  if (options.json) {
    const doc = {
      ...jsonSummary({ plan, result, dryRun: false, flow, options }),
      ok: code === 0,
    };
    host.stdout(JSON.stringify(doc, null, 2) + "\n");
    return code;
  }
  const summary = renderSummary(plan, result, host.home);
  const next = renderNextSteps(nextSteps(plan));
  if (prompter.interactive) {
    await prompter.note(summary, "Summary");
    // Commands stand on lines of their own, never wrapped (see ClackPrompter.note).
    await prompter.note(next, "Next steps");
    await prompter.outro(req.command === "onboard" ? "Onboarding complete." : "Done.");
    if (req.command === "onboard") {
      // Plain text, unwrapped, so it can be copied as one line.
      host.stdout(
        `The same setup without questions:\n  ${equivalentCommand(plan, flow, host.home)}\n`,
      );
    }
  } else {
    host.stdout(`Summary:\n${indent(summary)}\n\nNext steps:\n${indent(next)}\n`);
  }
  return code;
}
