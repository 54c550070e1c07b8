/**
 * State folders from the project's former names (~/.clawdbot, ~/.moltbot).
 * Doctor moves one into the new state folder when the new one has no config
 * yet; when both have a config only the user can tell which settings to keep,
 * so we name both files and leave them alone. Nothing here ever deletes.
 */
import type { Host } from "../host.ts";
import { ensureDir, pathExists, SECRET_DIR_MODE, SECRET_FILE_MODE } from "../platform/files.ts";
import { dirname, type StatePaths, tildify } from "./paths.ts";
import { applyConfigEdits, type ConfigEdit, parseConfigText, writeConfigText } from "./store.ts";

export interface LegacyStateDir {
  dir: string;
  /** The old config file inside `dir`, when there is one. */
  configFile?: string;
}

/** Former names, newest first: the newer folder is the likelier to be current. */
export const LEGACY_STATE_NAMES = [
  { dirName: ".moltbot", configName: "moltbot.json" },
  { dirName: ".clawdbot", configName: "clawdbot.json" },
] as const;

/**
 * Legacy state folders under HOME that still hold something. Empty folders
 * (left behind by an earlier move) and folders that are the current state
 * folder (OPENCLAW_STATE_DIR=~/.clawdbot, or a compatibility symlink) are
 * skipped: there is nothing to move.
 */
export async function findLegacyStateDirs(
  host: Host,
  current?: StatePaths,
): Promise<LegacyStateDir[]> {
  const found: LegacyStateDir[] = [];
  for (const { dirName, configName } of LEGACY_STATE_NAMES) {
    const dir = `${host.home}/${dirName}`;
    if (!await isNonEmptyDir(dir)) continue;
    if (current && await sameFile(dir, current.stateDir)) continue;
    const configFile = `${dir}/${configName}`;
    found.push(await pathExists(configFile) ? { dir, configFile } : { dir });
  }
  return found;
}

/**
 * Move a legacy folder's contents into the new state folder and its config
 * to `paths.configPath`. Only when the new state has no config; entries whose
 * name already exists in the new folder stay where they are (a rename would
 * replace them). Config strings that point into the old folder (workspace
 * paths) are rewritten to the new one, keeping the moved file's comments.
 */
export async function migrateLegacyStateDir(
  host: Host,
  paths: StatePaths,
  legacy: LegacyStateDir,
): Promise<{ moved: boolean; message: string }> {
  const show = (p: string) => tildify(p, host.home);
  if (await pathExists(paths.configPath)) {
    return {
      moved: false,
      message: legacy.configFile
        ? `Both ${show(legacy.configFile)} and ${show(paths.configPath)} exist. ` +
          `Merge the settings you still need into ${show(paths.configPath)} by hand, ` +
          `then move ${show(legacy.dir)} out of the way.`
        : `${show(paths.configPath)} already exists. Copy anything you still need from ` +
          `${show(legacy.dir)} into ${show(paths.stateDir)} by hand.`,
    };
  }
  await ensureStateDir(paths.stateDir);
  const notes: string[] = [];
  if (legacy.configFile) {
    await ensureDir(dirname(paths.configPath));
    await Deno.rename(legacy.configFile, paths.configPath);
    await Deno.chmod(paths.configPath, SECRET_FILE_MODE);
    notes.push(`${show(legacy.configFile)} → ${show(paths.configPath)}`);
  }
  const skipped: string[] = [];
  let movedEntries = 0;
  for await (const entry of Deno.readDir(legacy.dir)) {
    const from = `${legacy.dir}/${entry.name}`;
    const to = `${paths.stateDir}/${entry.name}`;
    if (await pathExists(to)) {
      skipped.push(entry.name);
      continue;
    }
    await Deno.rename(from, to);
    movedEntries++;
  }
  notes.push(`${movedEntries} item(s) from ${show(legacy.dir)} → ${show(paths.stateDir)}`);
  if (legacy.configFile) {
    const rewritten = await rewriteOldPaths(host, paths, legacy.dir);
    if (rewritten > 0) notes.push(`${rewritten} path(s) in the config now point to the new folder`);
  }
  if (skipped.length > 0) {
    notes.push(
      `left in ${show(legacy.dir)} because ${show(paths.stateDir)} already has them: ` +
        skipped.sort().join(", "),
    );
  }
  return { moved: true, message: `Moved ${notes.join("; ")}.` };
}

async function ensureStateDir(dir: string): Promise<void> {
  const existed = await pathExists(dir);
  await ensureDir(dir, SECRET_DIR_MODE);
  // mkdir's mode is filtered by the umask; a folder we create must be exactly 0700.
  if (!existed) await Deno.chmod(dir, SECRET_DIR_MODE);
}

/**
 * Rewrite config strings that start with the old folder (as an absolute path
 * or with `~`) so workspace and agentDir settings follow the move. Returns
 * how many were changed; a config with syntax errors is left as it is.
 */
async function rewriteOldPaths(host: Host, paths: StatePaths, oldDir: string): Promise<number> {
  const text = await Deno.readTextFile(paths.configPath);
  const { data, syntaxErrors } = parseConfigText(text);
  if (syntaxErrors.length > 0) return 0;
  const prefixes = [oldDir, tildify(oldDir, host.home)];
  const edits: ConfigEdit[] = [];
  walkStrings(data, [], (path, value) => {
    for (const prefix of prefixes) {
      if (value === prefix || value.startsWith(prefix + "/")) {
        edits.push({ path, value: paths.stateDir + value.slice(prefix.length) });
        return;
      }
    }
  });
  if (edits.length > 0) await writeConfigText(paths, applyConfigEdits(text, edits));
  return edits.length;
}

function walkStrings(
  value: unknown,
  path: (string | number)[],
  visit: (path: (string | number)[], value: string) => void,
): void {
  if (typeof value === "string") visit(path, value);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) walkStrings(v, [...path, k], visit);
  }
}

async function isNonEmptyDir(path: string): Promise<boolean> {
  try {
    if (!(await Deno.stat(path)).isDirectory) return false;
    for await (const _ of Deno.readDir(path)) return true;
    return false;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

/** Whether two paths name the same folder (a symlink to the new state counts). */
async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    return await Deno.realPath(a) === await Deno.realPath(b);
  } catch {
    return false;
  }
}
