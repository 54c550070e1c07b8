/**
 * `openclaw uninstall`: list exactly what the chosen scopes remove, confirm,
 * then remove it in a safe order: the service first (it is the gate: if it
 * cannot be stopped nothing else is touched), then the program installed by
 * install.sh (binary, PATH scripts, the profile lines its receipt names),
 * then data, which only ever goes to the trash.
 *
 * Scopes: with no scope flag, the program and its service; --service,
 * --state and --workspace alone remove just those and keep the CLI (as the
 * public OpenClaw CLI does); --all removes everything.
 */
import { configuredWorkspace } from "../config/workspace-path.ts";
import type { Host } from "../host.ts";
import { dirname, type StatePaths, tildify } from "../config/paths.ts";
import { isWithin } from "../platform/trash.ts";
import { listResetTargets, performReset, type ResetTarget } from "../config/reset.ts";
import type { ConfigFile } from "../config/store.ts";
import { withLockedConfig } from "../plan/runner.ts";
import { ActionableError, CancelledError } from "../errors.ts";
import { pathExists } from "../platform/files.ts";
import type { Prompter } from "../wizard/prompter.ts";
import { findReceipt, type FoundReceipt, receiptCandidates } from "./receipt.ts";
import { removeProfileLine } from "./profile-lines.ts";
import { findService, type InstalledService, removeService } from "./service.ts";

export interface UninstallScopes {
  service: boolean;
  /** The binary, its PATH scripts and profile lines, and the receipt. */
  program: boolean;
  state: boolean;
  workspace: boolean;
}

export interface ScopeFlags {
  service?: boolean;
  state?: boolean;
  workspace?: boolean;
  all?: boolean;
}

export function scopesFromFlags(f: ScopeFlags): UninstallScopes {
  if (f.all) return { service: true, program: true, state: true, workspace: true };
  if (!f.service && !f.state && !f.workspace) {
    return { service: true, program: true, state: false, workspace: false };
  }
  return {
    service: Boolean(f.service),
    program: false,
    state: Boolean(f.state),
    workspace: Boolean(f.workspace),
  };
}

export interface UninstallRequest {
  host: Host;
  paths: StatePaths;
  prompter: Prompter;
  scopes: UninstallScopes;
  dryRun: boolean;
  /** The running binary when compiled (its folder may hold the receipt). */
  selfBinary?: string;
  /** argv prefix that runs this openclaw, when it has a `daemon` command. */
  daemonCommand?: string[];
  uid: number;
}

interface UninstallPlan {
  service?: InstalledService;
  receipt?: FoundReceipt;
  /** Files of the program to delete (existing ones only). */
  programFiles: string[];
  profileLines: { file: string; line: string; created: boolean }[];
  data: ResetTarget[];
  notes: string[];
}

export async function runUninstall(req: UninstallRequest): Promise<number> {
  // Only data (state, workspace) needs the state lock; the service and the program do not.
  const lock = (req.scopes.state || req.scopes.workspace) && !req.dryRun;
  try {
    return await withLockedConfig(
      { host: req.host, paths: req.paths, command: "openclaw uninstall", lock, config: "raw" },
      (loaded, lockPath) => uninstallLocked(req, loaded.file, lockPath),
    );
  } finally {
    // The lock kept the state dir from going to the trash whole; once empty, it goes too.
    if (lock && req.scopes.state) await Deno.remove(req.paths.stateDir).catch(() => {});
  }
}

async function uninstallLocked(
  req: UninstallRequest,
  file: ConfigFile,
  lockPath: string | undefined,
): Promise<number> {
  const { host, prompter } = req;
  const plan = await makePlan(req, file, lockPath ? [lockPath] : []);
  for (const note of plan.notes) host.stderr(`${note}\n`);
  const listing = describePlan(plan, host.home);
  if (listing.length === 0) {
    prompter.finish();
    host.stdout("Nothing to uninstall.\n");
    return 0;
  }
  const text = listing.map((l) => `  ${l}`).join("\n");
  if (req.dryRun) {
    host.stdout(`Dry run: uninstall would (nothing was changed):\n${text}\n`);
    return 0;
  }
  if (prompter.interactive) await prompter.note(text, "openclaw uninstall will");
  else host.stdout(`openclaw uninstall will:\n${text}\n`);
  const sure = await prompter.confirm({
    id: "uninstall.confirm",
    flag: "--yes",
    message: "Go ahead?",
    initialValue: false,
    required: !prompter.interactive,
  });
  prompter.finish();
  if (!sure) throw new CancelledError();
  const done = await carryOut(req, plan);
  const summary = `Done:\n${done.map((d) => `  ${d}`).join("\n")}\n`;
  if (prompter.interactive) await prompter.outro(summary.trimEnd());
  else host.stdout(summary);
  return 0;
}

// --- planning --------------------------------------------------------------

async function makePlan(
  req: UninstallRequest,
  file: ConfigFile,
  lockPaths: string[],
): Promise<UninstallPlan> {
  const { host, paths, scopes } = req;
  const plan: UninstallPlan = { programFiles: [], profileLines: [], data: [], notes: [] };
  if (scopes.service) plan.service = await findService(host, paths.profile);
  const found = await findReceipt(host, req.selfBinary);
  if (scopes.program) {
    if (found) await planProgram(plan, found);
    else {
      plan.notes.push(
        `No install receipt (looked for ${
          receiptCandidates(host, req.selfBinary).map((p) => tildify(p, host.home)).join(", ")
        }): this openclaw was not installed by install.sh, so uninstall leaves the program ` +
          `alone. Remove it the way it was installed${
            req.selfBinary ? ` (the binary is ${req.selfBinary})` : ""
          }.`,
      );
    }
  }
  if (scopes.state || scopes.workspace) {
    const workspace = configuredWorkspace(file.data, req.host.home, req.paths);
    // The program's folder is never data: a CLI that stays keeps it even when it lives in the
    // state dir, and a CLI that goes is removed file by file above, not sent to the trash.
    const keepProgram = [
      found?.receipt.installDir ?? `${paths.stateDir}/bin`,
      ...(req.selfBinary ? [dirname(req.selfBinary)] : []),
    ];
    plan.data = await dataTargets(req, workspace, [...lockPaths, ...keepProgram]);
  }
  return plan;
}

async function planProgram(plan: UninstallPlan, found: FoundReceipt): Promise<void> {
  const { receipt } = found;
  plan.receipt = found;
  if (receipt.state === "installing") {
    plan.notes.push(
      "The install was interrupted before it finished: removing whatever of it is in place.",
    );
  }
  const dir = receipt.installDir;
  // Only what install.sh puts there, by name: a damaged or doctored receipt
  // cannot make uninstall delete anything else.
  const ours = (path: string, names: RegExp) =>
    dirname(path) === dir && names.test(path.slice(dir.length + 1));
  const candidates = [
    receipt.binary,
    ...receipt.envScripts,
    found.path,
  ];
  for (const file of candidates) {
    if (!ours(file, /^(openclaw|openclaw-env\.sh|openclaw-env\.fish|openclaw-install\.json)$/)) {
      plan.notes.push(
        `Not removing ${file}: the receipt lists it, but install.sh never puts it there.`,
      );
      continue;
    }
    if (await pathExists(file) && !plan.programFiles.includes(file)) plan.programFiles.push(file);
  }
  for (const entry of receipt.profileLines) {
    const text = await Deno.readTextFile(entry.file).catch(() => undefined);
    if (text?.split("\n").some((l) => l === entry.line || l === `${entry.line}\r`)) {
      plan.profileLines.push({ ...entry, created: Boolean(entry.created) });
    }
  }
}

async function dataTargets(
  req: UninstallRequest,
  workspace: string,
  keep: string[],
): Promise<ResetTarget[]> {
  const { paths, scopes } = req;
  if (scopes.state) {
    return await listResetTargets(paths, "full", scopes.workspace ? workspace : undefined, {
      keep: scopes.workspace ? keep : [...keep, workspace],
    });
  }
  // The workspace alone.
  if (!await pathExists(workspace)) return [];
  if (isWithin(paths.stateDir, workspace) || isWithin(paths.configPath, workspace)) {
    throw new ActionableError(
      `The workspace ${workspace} contains openclaw's state (${paths.stateDir}), so removing it ` +
        `would take far more than the workspace. Move the workspace, or remove it by hand.`,
    );
  }
  return [{ path: workspace, what: "workspace" }];
}

function describePlan(plan: UninstallPlan, home: string): string[] {
  const t = (p: string) => tildify(p, home);
  const lines: string[] = [];
  if (plan.service) lines.push(`stop and remove the gateway service (${t(plan.service.file)})`);
  for (const f of plan.programFiles) lines.push(`delete ${t(f)}`);
  for (const p of plan.profileLines) {
    lines.push(`remove openclaw's PATH line from ${t(p.file)}`);
  }
  for (const d of plan.data) lines.push(`move ${d.what} to the trash: ${t(d.path)}`);
  return lines;
}

// --- doing -----------------------------------------------------------------

async function carryOut(req: UninstallRequest, plan: UninstallPlan): Promise<string[]> {
  const { host } = req;
  const t = (p: string) => tildify(p, host.home);
  const done: string[] = [];
  if (plan.service) {
    done.push(
      await removeService({
        host,
        service: plan.service,
        daemonCommand: req.daemonCommand,
        uid: req.uid,
      }),
    );
  }
  for (const p of plan.profileLines) {
    const result = await removeProfileLine(p.file, p.line, p.created);
    if (result === "removed") done.push(`PATH line removed from ${t(p.file)}`);
    if (result === "file-removed") done.push(`${t(p.file)} removed (the installer had created it)`);
  }
  for (const f of plan.programFiles) {
    await Deno.remove(f).catch((err) => {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    });
    done.push(`deleted ${t(f)}`);
  }
  if (plan.receipt || plan.programFiles.length) await removeEmptyInstallDirs(req, plan);
  if (plan.data.length) {
    const moved = await performReset(host, plan.data);
    for (const m of moved) done.push(`${m.what} moved to the trash: ${t(m.from)} -> ${t(m.to)}`);
  }
  return done;
}

/** The install folder (and ~/.openclaw above the default one) when nothing else is in them. */
async function removeEmptyInstallDirs(req: UninstallRequest, plan: UninstallPlan): Promise<void> {
  const dirs = new Set(plan.programFiles.map(dirname));
  for (const dir of dirs) {
    await Deno.remove(dir).catch(() => {}); // fails when not empty: then it stays
    if (dir === `${req.host.home}/.openclaw/bin`) {
      await Deno.remove(`${req.host.home}/.openclaw`).catch(() => {});
    }
  }
}
