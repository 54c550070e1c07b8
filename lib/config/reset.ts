/**
 * The reset scopes shared by `openclaw reset` and `openclaw onboard --reset`.
 * Listing is separate from acting so a command can show exactly what would
 * move (and a --dry-run can stop there). Acting moves things to the trash, so
 * every reset can be undone.
 */
import { ActionableError } from "../errors.ts";
import type { Host } from "../host.ts";
import { absolute, agentDir, authProfilesPath, sessionsDir, type StatePaths } from "./paths.ts";
import { isWithin, moveToTrash, type TrashedItem } from "../platform/trash.ts";

import type { ResetScope } from "./reset-scopes.ts";
export { DEFAULT_RESET_SCOPE, RESET_SCOPES, type ResetScope } from "./reset-scopes.ts";

export const RESET_SCOPE_LABELS: Record<ResetScope, { label: string; hint: string }> = {
  config: {
    label: "Config only",
    hint: "openclaw.json and its backup; credentials, sessions and the workspace stay",
  },
  "config+creds+sessions": {
    label: "Config + credentials + sessions",
    hint: "also API keys, OAuth tokens, .env secrets and chat sessions; the workspace stays",
  },
  full: {
    label: "Full reset (also the workspace)",
    hint: "the whole state folder and the agent workspace",
  },
};

export interface ResetTarget {
  path: string;
  /** Short human description, e.g. "credentials" or "sessions of agent main". */
  what: string;
}

export interface ResetListOptions {
  /**
   * Paths that must survive (e.g. the lock this very command holds). A listed
   * folder that contains one is replaced by its other children. The lock file
   * (`paths.lockPath`) is always kept when it exists.
   */
  keep?: string[];
}

/** Everything the scope would move to the trash: existing paths only, none inside another. */
export async function listResetTargets(
  paths: StatePaths,
  scope: ResetScope,
  workspace?: string,
  opts: ResetListOptions = {},
): Promise<ResetTarget[]> {
  const candidates = configTargets(paths);
  if (scope !== "config") candidates.push(...await credentialTargets(paths));
  if (scope === "full") candidates.push(...fullTargets(paths, workspace));
  const present = await onlyExisting(candidates);
  // install.sh puts the program in <state dir>/bin: a reset keeps the CLI installed.
  const programDir = `${paths.stateDir}/bin`;
  // The public OpenClaw CLI's database (state/openclaw.sqlite) is its own: never ours to move.
  const publicCliState = `${paths.stateDir}/state`;
  const keep = await onlyExistingPaths(
    [paths.lockPath, programDir, publicCliState, ...opts.keep ?? []].map((p) => absolute(p)),
  );
  const labels = await knownLabels(paths, workspace);
  const result: ResetTarget[] = [];
  for (const target of outermost(present)) {
    result.push(...await sparing(target, keep, labels));
  }
  return result;
}

/** Move each target to the trash, in order; say where each went. */
export async function performReset(
  host: Host,
  targets: ResetTarget[],
): Promise<(TrashedItem & { what: string })[]> {
  const moved: (TrashedItem & { what: string })[] = [];
  for (const target of targets) {
    try {
      moved.push({ ...await moveToTrash(host, target.path), what: target.what });
    } catch (err) {
      if (moved.length === 0) throw err;
      // A half-done reset must say what already moved, or the user cannot find it.
      const why = err instanceof Error ? err.message : String(err);
      throw new ActionableError(
        `${why}\nBefore this failed, these were moved to the trash:\n` +
          moved.map((m) => `  ${m.what}: ${m.from} -> ${m.to}`).join("\n"),
      );
    }
  }
  return moved;
}

// --- what each scope covers ------------------------------------------------

function configTargets(paths: StatePaths): ResetTarget[] {
  return [
    { path: paths.configPath, what: "config" },
    { path: paths.backupPath, what: "config backup" },
  ];
}

async function credentialTargets(paths: StatePaths): Promise<ResetTarget[]> {
  const targets: ResetTarget[] = [
    { path: paths.credentialsDir, what: "credentials" },
    { path: paths.envFile, what: ".env secrets" },
  ];
  for (const id of await agentIds(paths)) {
    targets.push(
      { path: authProfilesPath(paths, id), what: `auth profiles of agent ${id}` },
      { path: sessionsDir(paths, id), what: `sessions of agent ${id}` },
    );
  }
  return targets;
}

function fullTargets(paths: StatePaths, workspace?: string): ResetTarget[] {
  const targets: ResetTarget[] = [{ path: paths.stateDir, what: "state dir" }];
  if (workspace) {
    const ws = absolute(workspace);
    refuseWideWorkspace(ws, paths);
    targets.push({ path: ws, what: "workspace" });
  }
  return targets;
}

/**
 * A workspace that holds the state dir (say, HOME itself) would take far more
 * than openclaw's files to the trash; make the user do that on purpose.
 */
function refuseWideWorkspace(ws: string, paths: StatePaths): void {
  for (const inner of [paths.stateDir, paths.configPath]) {
    if (ws !== inner && isWithin(inner, ws)) {
      throw new ActionableError(
        `The workspace ${ws} contains ${inner}, so a full reset would move far more than ` +
          `openclaw's files to the trash.\n` +
          `Choose the "config+creds+sessions" scope, or move the workspace by hand.`,
      );
    }
  }
}

/** Agent ids: the folders under agents/, sorted so the list is stable. */
async function agentIds(paths: StatePaths): Promise<string[]> {
  const ids: string[] = [];
  try {
    for await (const entry of Deno.readDir(paths.agentsDir)) {
      if (entry.isDirectory || entry.isSymlink) ids.push(entry.name);
    }
  } catch (err) {
    if (err instanceof Deno.errors.NotFound || err instanceof Deno.errors.NotADirectory) return [];
    throw err;
  }
  return ids.sort();
}

// --- nesting and kept paths ------------------------------------------------

/** Drop targets inside another target (and repeats): each thing moves once. */
function outermost(targets: ResetTarget[]): ResetTarget[] {
  return targets.filter((t, i) =>
    !targets.some((o, j) => j !== i && isWithin(t.path, o.path) && (t.path !== o.path || j < i))
  );
}

/**
 * The target minus the kept paths: dropped when it lies in a kept path, split
 * into its children when it holds one (recursively, for deeper kept paths).
 */
async function sparing(
  target: ResetTarget,
  keep: string[],
  labels: Map<string, string>,
): Promise<ResetTarget[]> {
  if (keep.some((k) => isWithin(target.path, k))) return [];
  if (!keep.some((k) => isWithin(k, target.path))) return [target];
  const result: ResetTarget[] = [];
  for (const name of await childNames(target.path)) {
    const path = `${target.path}/${name}`;
    const what = labels.get(path) ?? `${name} in ${target.what}`;
    result.push(...await sparing({ path, what }, keep, labels));
  }
  return result;
}

async function childNames(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

/** Names for the children a split folder shows, so the list still reads well. */
async function knownLabels(paths: StatePaths, workspace?: string): Promise<Map<string, string>> {
  const known: [string, string][] = [
    [paths.configPath, "config"],
    [paths.backupPath, "config backup"],
    [paths.credentialsDir, "credentials"],
    [paths.envFile, ".env secrets"],
    [paths.agentsDir, "agents"],
    [paths.logsDir, "logs"],
    [paths.defaultWorkspace, "workspace"],
    [workspace ?? paths.defaultWorkspace, "workspace"],
  ];
  for (const id of await agentIds(paths)) {
    known.push(
      [`${paths.agentsDir}/${id}`, `agent ${id}`],
      [agentDir(paths, id), `settings of agent ${id}`],
      [authProfilesPath(paths, id), `auth profiles of agent ${id}`],
      [sessionsDir(paths, id), `sessions of agent ${id}`],
    );
  }
  return new Map(known.map(([path, what]) => [absolute(path), what]));
}

// --- small helpers ---------------------------------------------------------

async function onlyExisting(targets: ResetTarget[]): Promise<ResetTarget[]> {
  const found: ResetTarget[] = [];
  for (const t of targets) {
    if (await exists(t.path)) found.push({ path: absolute(t.path), what: t.what });
  }
  return found;
}

async function onlyExistingPaths(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths) if (await exists(p)) found.push(p);
  return found;
}

/** lstat: a dangling symlink is still something to move. */
async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound || err instanceof Deno.errors.NotADirectory) {
      return false;
    }
    throw err;
  }
}
