/**
 * A plan: what a command will change, gathered from the parts its questions
 * return. Nothing is written while a plan is built; lib/plan/apply.ts is the
 * one place that carries it out, and lib/plan/render.ts shows it with its
 * secrets elided.
 */
import type { Host } from "../host.ts";
import type { ConfigEdit } from "../config/store.ts";
import type { ResetScope } from "../config/reset.ts";
import type { InstallItem } from "../skills/install.ts";
import type { DaemonPlan } from "../daemon/onboarding.ts";
import type { ApplyResult } from "./apply.ts";
import type { FlagArg } from "../wizard/equivalent-command.ts";

/** A file the apply phase writes. `merge` gets the file's current text (or undefined). */
export interface PlannedFile {
  path: string;
  description: string;
  /** 0600 files hold secrets: their content is never printed. */
  mode: number;
  merge: (current: string | undefined) => string;
}

export interface PlannedWorkspace {
  path: string;
  /** Write the first-run files (never overwriting; BOOTSTRAP.md only into a new workspace). */
  seedFiles: boolean;
}

export interface SummaryFacts {
  /** Remote mode: the gateway this machine uses, and whether it answered. */
  remote?: { url: string; authMode: string; probe: string };
  authChoice?: string;
  /** How auth was set up, for the summary ("Anthropic API key (valid)", "skipped"). */
  authLabel?: string;
  /** The live check's answer: "valid", "rejected (401)", "could not reach … (offline?)". */
  authCheck?: string;
  /** The flags that repeat the auth choice (secrets as "$ENV" references). */
  authArgs?: FlagArg[];
  model?: string;
  workspace?: string;
  /** Chat channels set up in this run. */
  channels?: string[];
  /** Channels already in the config that this run left as they were (Keep, or not picked). */
  channelsKept?: string[];
  gateway?: {
    port: number;
    bind: string;
    authMode: string;
    tailscaleMode: string;
    customBindHost?: string;
  };
  skills?: { nodeManager: string; ready: number; missing: number };
  /** The finish step's hello to the agent, when made. */
  hello?: HelloFacts;
}

/**
 * An install step the apply phase runs before it writes files and config
 * (e.g. download signal-cli, install a channel plugin). It must leave nothing
 * behind when it fails, so a failed task leaves the state as it was.
 */
export interface PlannedTask {
  description: string;
  run(host: Host): Promise<void>;
}

/**
 * A check run last, once everything is in place (the gateway answers its
 * health call): it only reports, as lines for "Next steps".
 */
export interface PlannedCheck {
  run(host: Host, applied: ApplyResult): Promise<CheckReport>;
}

/** What a check found: lines for "Next steps", and facts for the summary (the hello's reply). */
export interface CheckReport {
  nextSteps: string[];
  summary?: SummaryFacts;
}

/** The finish step's hello to the agent (lib/onboard/steps/hello.ts): its reply or why not. */
export interface HelloFacts {
  ok: boolean;
  /** The reply, or the short reason the turn failed (or was not made). */
  text: string;
  model?: string;
  /** Why it failed: the agent's error kind, "timeout", or "gateway" when it could not be asked. */
  errorKind?: string;
}

export interface PlanPart {
  reset?: { scope: ResetScope };
  tasks?: PlannedTask[];
  configEdits?: ConfigEdit[];
  files?: PlannedFile[];
  dirs?: { path: string; mode: number }[];
  workspace?: PlannedWorkspace;
  summary?: SummaryFacts;
  /** Secret values that must be elided wherever the plan is shown. */
  secrets?: string[];
  /** Lines for "Next steps". */
  nextSteps?: string[];
  /** Skill installs, run once the config and the service are in place (lib/plan/skill-installs.ts). */
  skillInstalls?: InstallItem[];
  /** The gateway service, installed after everything else is written. */
  daemon?: DaemonPlan;
  /** Run last, in order; they report and never undo anything. */
  checks?: PlannedCheck[];
}

export interface Plan {
  reset?: { scope: ResetScope };
  tasks?: PlannedTask[];
  configEdits: ConfigEdit[];
  files: PlannedFile[];
  dirs: { path: string; mode: number }[];
  workspace?: PlannedWorkspace;
  summary: SummaryFacts;
  secrets: string[];
  nextSteps: string[];
  skillInstalls?: InstallItem[];
  daemon?: DaemonPlan;
  checks?: PlannedCheck[];
}

export function emptyPlan(): Plan {
  return { configEdits: [], files: [], dirs: [], summary: {}, secrets: [], nextSteps: [] };
}

export function mergePlan(plan: Plan, part: PlanPart): Plan {
  return {
    reset: part.reset ?? plan.reset,
    tasks: [...(plan.tasks ?? []), ...(part.tasks ?? [])],
    configEdits: [...plan.configEdits, ...(part.configEdits ?? [])],
    files: [...plan.files, ...(part.files ?? [])],
    dirs: [...plan.dirs, ...(part.dirs ?? [])],
    workspace: part.workspace ?? plan.workspace,
    summary: { ...plan.summary, ...part.summary },
    secrets: [...plan.secrets, ...(part.secrets ?? [])],
    nextSteps: [...plan.nextSteps, ...(part.nextSteps ?? [])],
    skillInstalls: [...(plan.skillInstalls ?? []), ...(part.skillInstalls ?? [])],
    daemon: part.daemon ?? plan.daemon,
    checks: [...(plan.checks ?? []), ...(part.checks ?? [])],
  };
}

export type { ConfigEdit };
