/**
 * The daemon part of onboarding: what the step decided (install, keep a
 * hand-edited unit or replace it, or run the gateway in the background
 * where no service manager exists) and how the apply phase carries it out.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { ActionableError } from "../errors.ts";
import { liveDaemonContext } from "./context.ts";
import { serviceManager, serviceSpec } from "./service.ts";
import { startInBackground } from "./background.ts";
import { ensureRuntime } from "./command.ts";
import { launchAgentPath, serviceNames, systemdUnitPath } from "./names.ts";
import type { InstallOutcome, ManagerKind, PreparedFile } from "./types.ts";
import { cli } from "../platform/invocation.ts";

export interface DaemonPlan {
  /** Install (or update) the service at apply time. */
  install: boolean;
  port: number;
  manager?: ManagerKind;
  /** The file as compared by the step (written only if it needs to be). */
  prepared?: PreparedFile;
  replaceEdited?: boolean;
  /** No service manager: start the gateway detached instead (until reboot). */
  background?: boolean;
  /** Why nothing is installed, for the summary. */
  reason?: string;
}

export interface DaemonApplyResult {
  installed: boolean;
  manager?: ManagerKind;
  name?: string;
  outcome?: InstallOutcome;
  background?: string;
  /** Why nothing was installed (skipped, declined, no systemd user bus, …). */
  reason?: string;
  /** A hand-edited service file the user chose to keep. */
  kept?: string;
  /** The install failed after the config was written: what went wrong and how to fix it. */
  error?: string;
}

/** Carry out the step's decision, after the config is written. Never throws for expected failures. */
export async function applyDaemonPlan(
  host: Host,
  paths: StatePaths,
  plan: DaemonPlan,
  interactive: boolean,
): Promise<DaemonApplyResult> {
  // Nothing to do: ask nothing of the system (no `id`, no systemctl).
  if (!plan.background && (!plan.install || !plan.prepared)) {
    return { installed: false, reason: plan.reason };
  }
  const ctx = await liveDaemonContext(host, paths, interactive);
  try {
    const manager = serviceManager(ctx);
    const spec = serviceSpec(ctx, plan.port);
    if (plan.background) {
      await ensureRuntime(host, ctx.runtime);
      return { installed: false, background: await startInBackground(ctx, spec) };
    }
    if (!plan.install || !plan.prepared) return { installed: false, reason: plan.reason };
    if (plan.prepared.change === "edited" && !plan.replaceEdited) {
      return { installed: false, manager: manager.kind, kept: plan.prepared.path };
    }
    const copied = await ensureRuntime(host, ctx.runtime);
    const outcome = await manager.install(spec, plan.prepared, {
      replaceEdited: Boolean(plan.replaceEdited),
    });
    if (copied) outcome.steps.unshift(copied);
    return {
      installed: true,
      manager: manager.kind,
      name: manager.kind === "systemd" ? ctx.names.systemdUnit : ctx.names.launchdLabel,
      outcome,
    };
  } catch (err) {
    if (err instanceof ActionableError) return { installed: false, error: err.message };
    throw err;
  }
}

/** After `configure --section gateway`: tell how to bring an installed service up to date. */
export async function installedServiceHint(host: Host, paths: StatePaths): Promise<string[]> {
  const names = serviceNames(paths.profile);
  const file = host.platform === "darwin"
    ? launchAgentPath(host.home, names)
    : systemdUnitPath(host.home, names);
  const installed = await Deno.stat(file).then(() => true, () => false);
  return installed
    ? [
      `The gateway service runs with its previous settings: \`${cli("daemon install")}\` updates ` +
      "and restarts it.",
    ]
    : [];
}
