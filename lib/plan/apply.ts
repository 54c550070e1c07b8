/**
 * The one place a plan is carried out, for every command. Order: the reset
 * (to the trash), installs, folders; then the files (secret files, the config
 * with its .bak) are staged as one change, the workspace files are created,
 * and the staged files are committed together; then the gateway service
 * (lib/daemon/onboarding.ts), the skill installs and last the checks (the
 * gateway's health), which only report.
 * Any failure before the commit (a full disk) removes what this run created
 * and leaves every existing file as it was; a failed commit puts back what it
 * had replaced. A Ctrl-C during these few milliseconds is held until the
 * writes are done, so the state is never half-applied; then the run stops
 * there with an InterruptedError (lib/cli/ exits 130).
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import {
  ensureDir,
  type FileOps,
  type FileWrite,
  pathExists,
  readTextIfExists,
  realFileOps,
  SECRET_DIR_MODE,
  stageFiles,
} from "../platform/files.ts";
import { applyConfigEdits, configWrites, parseConfigText } from "../config/store.ts";
import { ActionableError, InterruptedError } from "../errors.ts";
import { planWorkspaceFiles } from "../workspace/seed.ts";
import { ConfigSchema, type OpenclawConfig } from "../config/schema.ts";
import { formatIssues } from "../config/validate.ts";
import { listResetTargets, performReset } from "../config/reset.ts";
import { seedWorkspace } from "../workspace/seed.ts";
import { WORKSPACE_DIRS } from "../workspace/templates.ts";
import type { Plan, SummaryFacts } from "./types.ts";
import type { DaemonApplyResult } from "../daemon/onboarding.ts";
import type { InstallRun } from "../skills/install.ts";
import type { Progress } from "../wizard/prompter.ts";

export interface ApplyResult {
  trashed: { what: string; from: string; to: string }[];
  filesWritten: string[];
  workspaceCreated: string[];
  workspaceSkipped: string[];
  configPath: string;
  configChanged: boolean;
  /**
   * The config as this apply left it (validated): what comes after (the
   * checks, the report) uses it instead of reading the file back.
   */
  config: OpenclawConfig;
  /** The gateway service (installed after the writes above). */
  daemon?: DaemonApplyResult;
  /** The skill installs (after the service); a failed one is reported, never fatal. */
  skillRun?: InstallRun;
  /** What the checks (last) found to do next, in the order they ran. */
  nextSteps: string[];
  /** Summary facts the checks found (added to the plan's). */
  summary: SummaryFacts;
}

export interface ApplyOptions {
  /** The file-writing seam: tests make a write fail as a full disk would. */
  fileOps?: FileOps;
  /**
   * The config's text as the caller read it under the state lock (undefined:
   * no file): the edits apply to exactly what the questions saw, and the
   * file is not read a second time. Absent, it is read here.
   */
  configText?: { text: string | undefined };
  /** Where long effects (the skill installs) show their progress: the prompter's spinner. */
  progress?: (label: string) => Progress;
}

export async function applyPlan(
  host: Host,
  paths: StatePaths,
  plan: Plan,
  interactive = false,
  opts: ApplyOptions = {},
): Promise<ApplyResult> {
  const applied = await holdingInterrupts(async () => {
    // Compute the new config first: if it would be invalid, nothing is touched.
    const before = plan.reset
      ? undefined
      : opts.configText
      ? opts.configText.text
      : await readTextIfExists(paths.configPath);
    const after = applyConfigEdits(before ?? "", plan.configEdits);
    const result: ApplyResult = {
      trashed: [],
      filesWritten: [],
      workspaceCreated: [],
      workspaceSkipped: [],
      configPath: paths.configPath,
      configChanged: false,
      config: validConfig(after),
      nextSteps: [],
      summary: {},
    };

    if (plan.reset) {
      const targets = await listResetTargets(paths, plan.reset.scope, plan.workspace?.path, {
        keep: [paths.lockPath],
      });
      result.trashed = await performReset(host, targets);
    }
    const created = new CreatedPaths();
    try {
      await created.dir(paths.stateDir, SECRET_DIR_MODE);
      // Installs first: each cleans up after itself, so a failure leaves no half-applied state.
      for (const task of plan.tasks ?? []) await task.run(host);
      for (const dir of plan.dirs) await created.dir(dir.path, dir.mode);
      const writes: FileWrite[] = [];
      for (const file of plan.files) {
        const current = await readTextIfExists(file.path);
        writes.push({ path: file.path, text: file.merge(current), mode: file.mode });
      }
      if (after !== before) writes.push(...await configWrites(paths, after));
      const staged = await stageFiles(writes, opts.fileOps ?? realFileOps);
      try {
        if (plan.workspace) await createWorkspace(plan.workspace, result, created);
      } catch (err) {
        await staged.abort();
        throw err;
      }
      await staged.commit();
    } catch (err) {
      await created.removeAll();
      throw withResetNote(err, result.trashed);
    }
    result.filesWritten = plan.files.map((f) => f.path);
    result.configChanged = after !== before;
    return result;
  });
  // Outside the held interrupts: sudo may ask for a password (linger).
  if (plan.daemon) {
    const { applyDaemonPlan } = await import("../daemon/onboarding.ts");
    applied.daemon = await applyDaemonPlan(host, paths, plan.daemon, interactive);
  }
  // Installs need the config just written (the skills' settings), so they come after it.
  if (plan.skillInstalls?.length) {
    const { runPlannedSkillInstalls } = await import("./skill-installs.ts");
    applied.skillRun = await runPlannedSkillInstalls(
      host,
      paths,
      opts.progress ?? silentProgress,
      plan.skillInstalls,
    );
  }
  // Last: they look at what is now in place (the service just started, the config written).
  for (const check of plan.checks ?? []) {
    const found = await check.run(host, applied);
    applied.nextSteps.push(...found.nextSteps);
    applied.summary = { ...applied.summary, ...found.summary };
  }
  return applied;
}

function silentProgress(): Progress {
  return { update: () => {}, stop: () => {} };
}

async function createWorkspace(
  workspace: NonNullable<Plan["workspace"]>,
  result: ApplyResult,
  created: CreatedPaths,
): Promise<void> {
  await created.dir(workspace.path, 0o755);
  if (!workspace.seedFiles) {
    for (const d of WORKSPACE_DIRS) await created.dir(`${workspace.path}/${d}`, 0o755);
    return;
  }
  for (const d of WORKSPACE_DIRS) await created.note(`${workspace.path}/${d}`, true);
  // The files that do not exist yet are the ones a failed seed must take away again.
  for (const f of await planWorkspaceFiles(workspace.path)) {
    if (!f.exists) await created.note(f.path, false);
  }
  const seeded = await seedWorkspace(workspace.path);
  result.workspaceCreated = seeded.created;
  result.workspaceSkipped = seeded.skipped;
}

/**
 * What this apply created (folders, workspace files), so that a failure
 * before the commit takes it away again and "nothing was changed" is true.
 */
class CreatedPaths {
  #items: { path: string; isDir: boolean }[] = [];

  async dir(path: string, mode: number): Promise<void> {
    await this.note(path, true);
    await ensureDir(path, mode);
  }

  /** Remember `path` if it does not exist yet (this run may create it). */
  async note(path: string, isDir: boolean): Promise<void> {
    if (!(await pathExists(path))) this.#items.push({ path, isDir });
  }

  /** Newest first; a folder only when empty, and only what is still of the kind noted. */
  async removeAll(): Promise<void> {
    for (const item of [...this.#items].reverse()) {
      const info = await Deno.lstat(item.path).catch(() => undefined);
      if (!info || info.isDirectory !== item.isDir) continue;
      await Deno.remove(item.path).catch(() => {});
    }
  }
}

/** A failed apply after a reset must say where the reset put the user's files. */
function withResetNote(err: unknown, trashed: ApplyResult["trashed"]): unknown {
  if (trashed.length === 0) return err;
  const why = err instanceof Error ? err.message : String(err);
  return new ActionableError(
    `${why}\nThe reset had already moved these to the trash (restore them from there):\n` +
      trashed.map((t) => `  ${t.what}: ${t.from} -> ${t.to}`).join("\n"),
  );
}

/** The config `text` holds; it must be valid (the apply writes it). */
function validConfig(text: string): OpenclawConfig {
  const { data, syntaxErrors } = parseConfigText(text);
  const r = ConfigSchema.safeParse(data);
  if (syntaxErrors.length > 0 || !r.success) {
    // A bug, not a user error: refuse to write a config we could not read back.
    throw new Error(
      "refusing to write an invalid config:\n" +
        (r.success ? syntaxErrors.map((e) => e.message) : formatIssues(r.error.issues)).join("\n"),
    );
  }
  return r.data;
}

/**
 * Defer SIGINT/SIGTERM until `work` is done; then, if one came, stop with an
 * InterruptedError (the CLI exits 130) instead of going on to the service.
 */
async function holdingInterrupts<T>(work: () => Promise<T>): Promise<T> {
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  for (const s of signals) Deno.addSignalListener(s, onSignal);
  let done: T;
  try {
    done = await work();
  } finally {
    for (const s of signals) Deno.removeSignalListener(s, onSignal);
  }
  if (interrupted) throw new InterruptedError();
  return done;
}
