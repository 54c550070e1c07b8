/**
 * The one runner of every command that changes openclaw's state (onboard,
 * configure, channels add/remove, agents add/delete, pairing, reset,
 * uninstall, the gateway's wizard RPC). In order:
 *
 * 1. take the state lock (not for a dry run: it writes nothing);
 * 2. read and validate the config ONCE, after the lock, so every question
 *    and every edit starts from the text another run can no longer change;
 * 3. ask the questions, replayed on "← Back" (lib/wizard/back-navigation.ts),
 *    which return the plan;
 * 4. let the prompter say whether the answers are complete
 *    (`prompter.finish()`: a non-interactive run names every missing flag);
 * 5. dry-run, or apply the plan (lib/plan/apply.ts) to the config text read
 *    in 2;
 * 6. hand the outcome to the command's report, still under the lock.
 *
 * Interrupts and exit codes are not handled here: typed errors go up to
 * lib/cli/, which prints them and picks the exit code.
 */
import type { Host } from "../host.ts";
import { type StatePaths, tildify } from "../config/paths.ts";
import { acquireLock } from "../config/lock.ts";
import { readConfigFile } from "../config/read-config.ts";
import type { ConfigFile } from "../config/store.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import type { Prompter } from "../wizard/prompter.ts";
import { runWithBack } from "../wizard/back-navigation.ts";
import { ActionableError } from "../errors.ts";
import type { Plan } from "./types.ts";
import type { ApplyResult } from "./apply.ts";

/**
 * What a command needs of the config before it asks anything:
 * - "raw": the file as it is (onboarding judges an invalid one itself: keep or reset);
 * - "valid": valid if it exists (an invalid one stops the run, doctor named); none is {};
 * - { exists }: valid and present; absent, the run stops with that message.
 */
export type ConfigNeed = "raw" | "valid" | { exists: string };

/** The config as the run read it, once, under the lock. */
export interface LoadedConfig {
  file: ConfigFile;
  /** Validated ({} when there is no file, and for "raw" when the file is invalid). */
  config: OpenclawConfig;
}

export interface SessionRequest {
  host: Host;
  paths: StatePaths;
  /** Who holds the lock, as `openclaw status` shows it ("openclaw channels add"). */
  command: string;
  /** Writes nothing: no lock is taken. */
  dryRun?: boolean;
  config: ConfigNeed;
}

/**
 * Steps 1–2 and the lock's release: for the commands whose effect is not a
 * plan (reset and uninstall move files to the trash, pairing writes its store).
 */
export async function withLockedConfig<T>(
  req: SessionRequest,
  body: (loaded: LoadedConfig, lockPath: string | undefined) => Promise<T>,
): Promise<T> {
  const lock = req.dryRun
    ? undefined
    : await acquireLock(req.host, req.paths.lockPath, req.command);
  try {
    return await body(await loadConfig(req), lock?.path);
  } finally {
    await lock?.release();
  }
}

/** Read the config file and hold it to what the command needs. */
export async function loadConfig(
  req: Pick<SessionRequest, "host" | "paths" | "config">,
): Promise<LoadedConfig> {
  const { host, paths } = req;
  const file = await readConfigFile(paths.configPath);
  // The config schemas (~20 ms to build) load only when there is a file to check.
  if (!file.exists) {
    if (typeof req.config === "object") throw new ActionableError(req.config.exists);
    return { file, config: {} };
  }
  const [{ checkConfig, invalidConfigError }, { workspaceContext }] = await Promise.all([
    import("../config/validate.ts"),
    import("../config/workspace-path.ts"),
  ]);
  const status = checkConfig(file, workspaceContext(host.home, paths));
  if (status.state === "invalid" && req.config !== "raw") {
    throw invalidConfigError(tildify(paths.configPath, host.home), status.problems);
  }
  return { file, config: status.config };
}

/** What the command's report gets. */
export interface RunOutcome {
  plan: Plan;
  loaded: LoadedConfig;
  dryRun: boolean;
  /** Absent for a dry run. */
  result?: ApplyResult;
}

export interface RunRequest<T> extends SessionRequest {
  prompter: Prompter;
  /** Shown once, after the config is loaded and before the first question. */
  intro?: string;
  /**
   * Ask the questions through `prompter` and return the plan. On "← Back"
   * it runs again from the start with the earlier answers replayed, so it
   * must only ask and decide (never write).
   */
  ask(loaded: LoadedConfig, prompter: Prompter): Promise<Plan>;
  /**
   * Once the answers are complete (dry run or not): what only a finished run
   * adds to its plan (onboarding's record of the run, its closing check).
   */
  complete?(plan: Plan, loaded: LoadedConfig): Plan | Promise<Plan>;
  /** Just before the apply writes: the last moment a cancel is still free. */
  beforeApply?(): void;
  /** Tell what happened (or, for a dry run, what would); its value is the run's. */
  report(outcome: RunOutcome): Promise<T>;
}

export function runPlan<T>(req: RunRequest<T>): Promise<T> {
  const { host, paths, prompter } = req;
  return withLockedConfig(req, async (loaded) => {
    if (req.intro !== undefined) await prompter.intro(req.intro);
    const asked = await runWithBack(prompter, (p) => req.ask(loaded, p));
    prompter.finish();
    const plan = req.complete ? await req.complete(asked, loaded) : asked;
    if (req.dryRun) return await req.report({ plan, loaded, dryRun: true });
    req.beforeApply?.();
    const { applyPlan } = await import("./apply.ts");
    const result = await applyPlan(host, paths, plan, prompter.interactive, {
      configText: { text: loaded.file.exists ? loaded.file.text : undefined },
      progress: (label) => prompter.progress(label),
    });
    return await req.report({ plan, loaded, dryRun: false, result });
  });
}
