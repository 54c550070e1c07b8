/**
 * The one runner of the commands that change openclaw's state: `runPlan` for
 * onboard, configure, channels add/remove, agents add/delete and the
 * gateway's wizard RPC; reset and uninstall, whose effect is the trash rather
 * than a plan, use its steps 1–2 (`withLockedConfig`). (Pairing writes only
 * its own store, under that store's lock.) In order:
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
import type { StatePaths } from "../config/paths.ts";
import { acquireLock } from "../config/lock.ts";
import { type ConfigNeed, type LoadedConfig, readConfigAs } from "../config/read-valid.ts";
import type { Prompter } from "../wizard/prompter.ts";
import { runWithBack } from "../wizard/back-navigation.ts";
import type { Plan } from "./types.ts";
import type { ApplyResult } from "./apply.ts";

export type { ConfigNeed, LoadedConfig };

export interface SessionRequest {
  host: Host;
  paths: StatePaths;
  /** Who holds the lock, as `openclaw status` shows it ("openclaw channels add"). */
  command: string;
  /** Writes nothing: no lock is taken. */
  dryRun?: boolean;
  /** Whether to take the state lock; default: unless a dry run (uninstall locks only for data). */
  lock?: boolean;
  config: ConfigNeed;
}

/**
 * Steps 1–2 and the lock's release: for the commands whose effect is not a
 * plan (reset and uninstall move files to the trash).
 */
export async function withLockedConfig<T>(
  req: SessionRequest,
  body: (loaded: LoadedConfig, lockPath: string | undefined) => Promise<T>,
): Promise<T> {
  const locks = req.lock ?? !req.dryRun;
  const lock = locks ? await acquireLock(req.host, req.paths.lockPath, req.command) : undefined;
  try {
    return await body(await readConfigAs(req.host, req.paths, req.config), lock?.path);
  } finally {
    await lock?.release();
  }
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
