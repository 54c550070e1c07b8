/**
 * What onboarding steps see (the context) and what they return (their part of
 * the plan). Steps ask and decide; only lib/onboard/apply.ts writes.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { Prompter } from "../wizard/prompter.ts";
import type { ConfigEdit, ConfigFile } from "../config/store.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import type { ResetScope } from "../config/reset.ts";
import type { OnboardOptions } from "./options.ts";
import type { InstallItem } from "../skills/install.ts";
import type { DaemonPlan } from "../daemon/onboarding.ts";
import type { CheckResult } from "../auth/check.ts";
import type { HelloFacts } from "./steps/hello.ts";

export type FlowKind = "quickstart" | "advanced";

export interface StepContext {
  host: Host;
  paths: StatePaths;
  prompter: Prompter;
  options: OnboardOptions;
  /** The config file as found on disk. */
  file: ConfigFile;
  /** The values steps start from: the existing config, or {} after a reset. */
  base: OpenclawConfig;
  /** "Keep": use what the config already has without asking again. */
  keepExisting: boolean;
  /** Set when the user chose a reset: what it will move to the trash. */
  resetScope?: ResetScope;
  flow: FlowKind;
  /**
   * Live credential checks already made in this run, by API, base URL and a
   * digest of the secret: "← Back" replays the auth step without asking the
   * provider (and waiting for it) again.
   */
  checks?: Map<string, CheckResult>;
}

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
  authArgs?: string[];
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
  /** The finish step's hello to the agent, when made (lib/onboard/steps/hello.ts). */
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
  /** Skill installs, run right after the apply phase (lib/onboard/skill-installs.ts). */
  skillInstalls?: InstallItem[];
  /** The gateway service, installed after everything else is written. */
  daemon?: DaemonPlan;
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
  };
}

export type { ConfigEdit };
