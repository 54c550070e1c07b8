/**
 * The one place onboarding writes. Order: the reset (to the trash), folders,
 * secret files, workspace files, then the config (atomic, with a .bak), and
 * last the gateway service (lib/daemon/onboarding.ts). A
 * Ctrl-C during these few milliseconds is held until the writes are done, so
 * the state is never half-applied.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import {
  ensureDir,
  readTextIfExists,
  SECRET_DIR_MODE,
  writeFileAtomic,
} from "../platform/files.ts";
import { applyConfigEdits, parseConfigText, writeConfigText } from "../config/store.ts";
import { ConfigSchema } from "../config/schema.ts";
import { formatIssues } from "../config/validate.ts";
import { listResetTargets, performReset } from "../config/reset.ts";
import { seedWorkspace } from "../workspace/seed.ts";
import { WORKSPACE_DIRS } from "../workspace/templates.ts";
import type { Plan } from "./types.ts";
import type { DaemonApplyResult } from "../daemon/onboarding.ts";

export interface ApplyResult {
  trashed: { what: string; from: string; to: string }[];
  filesWritten: string[];
  workspaceCreated: string[];
  workspaceSkipped: string[];
  configPath: string;
  configChanged: boolean;
  /** The gateway service (installed after the writes above). */
  daemon?: DaemonApplyResult;
}

export async function applyPlan(
  host: Host,
  paths: StatePaths,
  plan: Plan,
  interactive = false,
): Promise<ApplyResult> {
  const applied = await holdingInterrupts(async () => {
    const result: ApplyResult = {
      trashed: [],
      filesWritten: [],
      workspaceCreated: [],
      workspaceSkipped: [],
      configPath: paths.configPath,
      configChanged: false,
    };
    // Compute the new config first: if it would be invalid, nothing is touched.
    const before = plan.reset ? undefined : await readTextIfExists(paths.configPath);
    const after = applyConfigEdits(before ?? "", plan.configEdits);
    assertValidConfig(after);

    if (plan.reset) {
      const targets = await listResetTargets(paths, plan.reset.scope, plan.workspace?.path, {
        keep: [paths.lockPath],
      });
      result.trashed = await performReset(host, targets);
    }
    await ensureDir(paths.stateDir, SECRET_DIR_MODE);
    // Installs first: each cleans up after itself, so a failure leaves no half-applied state.
    for (const task of plan.tasks ?? []) await task.run(host);
    for (const dir of plan.dirs) await ensureDir(dir.path, dir.mode);
    for (const file of plan.files) {
      const current = await readTextIfExists(file.path);
      await writeFileAtomic(file.path, file.merge(current), { mode: file.mode });
      result.filesWritten.push(file.path);
    }
    if (plan.workspace) {
      await ensureDir(plan.workspace.path, 0o755);
      if (plan.workspace.seedFiles) {
        const seeded = await seedWorkspace(plan.workspace.path);
        result.workspaceCreated = seeded.created;
        result.workspaceSkipped = seeded.skipped;
      } else {
        for (const d of WORKSPACE_DIRS) await ensureDir(`${plan.workspace.path}/${d}`, 0o755);
      }
    }
    if (after !== before) {
      await writeConfigText(paths, after);
      result.configChanged = true;
    }
    return result;
  });
  // Last, and outside the held interrupts: sudo may ask for a password (linger).
  if (plan.daemon) {
    const { applyDaemonPlan } = await import("../daemon/onboarding.ts");
    applied.daemon = await applyDaemonPlan(host, paths, plan.daemon, interactive);
  }
  return applied;
}

function assertValidConfig(text: string): void {
  const { data, syntaxErrors } = parseConfigText(text);
  const r = ConfigSchema.safeParse(data);
  if (syntaxErrors.length > 0 || !r.success) {
    // A bug, not a user error: refuse to write a config we could not read back.
    throw new Error(
      "refusing to write an invalid config:\n" +
        (r.success ? syntaxErrors.map((e) => e.message) : formatIssues(r.error.issues)).join("\n"),
    );
  }
}

/** Defer SIGINT/SIGTERM until `work` is done, then exit 130 if one came. */
async function holdingInterrupts<T>(work: () => Promise<T>): Promise<T> {
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  for (const s of signals) Deno.addSignalListener(s, onSignal);
  try {
    return await work();
  } finally {
    for (const s of signals) Deno.removeSignalListener(s, onSignal);
    if (interrupted) {
      console.error("Interrupted after the changes were written; they are complete.");
      Deno.exit(130);
    }
  }
}
