/**
 * What onboarding steps see: the run's context. Steps ask and decide, and
 * return their part of the plan (lib/plan/types.ts); only lib/plan/apply.ts
 * writes.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { Prompter } from "../wizard/prompter.ts";
import type { ConfigFile } from "../config/store.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import type { ResetScope } from "../config/reset.ts";
import type { OnboardOptions } from "./options.ts";
import type { CheckResult } from "../auth/check.ts";

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
