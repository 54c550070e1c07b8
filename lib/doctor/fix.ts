/**
 * `openclaw doctor --fix`: apply the problems diagnose() marked fixable.
 * Config changes go through writeConfigText, which keeps the previous file
 * as openclaw.json.bak (the backup), and are checked before anything is
 * written: a fix that would leave an invalid config writes nothing.
 * The caller holds the state lock (lib/config/lock.ts) around this call.
 */
import type { Host } from "../host.ts";
import { type StatePaths, tildify } from "../config/paths.ts";
import { ConfigSchema } from "../config/schema.ts";
import {
  applyConfigEdits,
  parseConfigText,
  readConfigFile,
  writeConfigText,
} from "../config/store.ts";
import { findLegacyKeys, legacyConflicts, legacyMigrationEdits } from "../config/legacy.ts";
import { findLegacyStateDirs, migrateLegacyStateDir } from "../config/legacy-state.ts";
import { explainFsError, SECRET_DIR_MODE, SECRET_FILE_MODE } from "../platform/files.ts";
import { ActionableError } from "../errors.ts";
import {
  describeConflict,
  type DoctorProblem,
  formatJsonPath,
  ownedKindOf,
  PROBLEM_IDS,
  usableConfig,
} from "./checks.ts";
import { chmodIfOurs } from "./ownership.ts";
import { fixOAuthImport } from "./oauth-import.ts";
import { fixPublicImport } from "./public-cli-import.ts";
import { cli } from "../platform/invocation.ts";

export interface DoctorFixResult {
  /** One sentence per fix done, naming the file or keys. */
  fixed: string[];
  /** Problem id and why its fix was not done (nothing was changed for it). */
  failed: { id: string; error: string }[];
}

/**
 * Order matters: config keys first (they edit the file diagnose() read),
 * then modes, then legacy folders (a move makes paths diagnosed before it
 * stale, so it comes last; run diagnose() again to see what remains).
 */
export async function applyDoctorFixes(
  host: Host,
  paths: StatePaths,
  problems: DoctorProblem[],
): Promise<DoctorFixResult> {
  const result: DoctorFixResult = { fixed: [], failed: [] };
  const fixable = problems.filter((p) => p.fixable);
  const legacyKeys = fixable.filter((p) => p.id.startsWith(PROBLEM_IDS.legacyKeyPrefix));
  if (legacyKeys.length > 0) await record(result, legacyKeys, () => fixLegacyKeys(host, paths));
  for (const p of fixable) {
    if (p.id === PROBLEM_IDS.looseFileMode || p.id === PROBLEM_IDS.looseDirMode) {
      await record(result, [p], () => fixMode(host, paths, p));
    }
  }
  // Before the legacy folders move: the paths diagnosed are still the ones in use.
  for (const p of fixable) {
    if (p.id === PROBLEM_IDS.oauthNotImported) {
      await record(result, [p], () => fixOAuthImport(host, paths));
    }
    if (p.id === PROBLEM_IDS.publicCliCredentials) {
      await record(result, [p], async () => {
        const config = usableConfig(await readConfigFile(paths.configPath));
        return await fixPublicImport(host, paths, config);
      });
    }
  }
  const legacyDirs = fixable.filter((p) => p.id === PROBLEM_IDS.legacyStateDir);
  for (const p of legacyDirs) await record(result, [p], () => fixLegacyStateDir(host, paths, p));
  const known = new Set<string>([
    PROBLEM_IDS.looseFileMode,
    PROBLEM_IDS.looseDirMode,
    PROBLEM_IDS.legacyStateDir,
    PROBLEM_IDS.oauthNotImported,
    PROBLEM_IDS.publicCliCredentials,
  ]);
  for (const p of fixable) {
    if (!known.has(p.id) && !p.id.startsWith(PROBLEM_IDS.legacyKeyPrefix)) {
      result.failed.push({ id: p.id, error: "doctor has no automatic fix for this; " + p.fix });
    }
  }
  return result;
}

/** A fix either returns what it did or throws a message saying why it could not. */
async function record(
  result: DoctorFixResult,
  problems: DoctorProblem[],
  fix: () => Promise<string>,
): Promise<void> {
  try {
    result.fixed.push(await fix());
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    for (const p of problems) result.failed.push({ id: p.id, error });
  }
}

/**
 * Move every legacy key at once (the rules' edits assume the same starting
 * data), then check the result parses, has no legacy keys left and matches
 * the schema before writing it.
 */
async function fixLegacyKeys(host: Host, paths: StatePaths): Promise<string> {
  const file = tildify(paths.configPath, host.home);
  const config = await readConfigFile(paths.configPath);
  if (!config.exists) throw new ActionableError(`${file} no longer exists.`);
  if (config.syntaxErrors.length > 0) {
    throw new ActionableError(
      `${file} has syntax errors; fix them first, then run doctor --fix again.`,
    );
  }
  const edits = legacyMigrationEdits(config.data);
  if (edits.length === 0) return `${file} has no legacy keys left.`;
  const text = applyConfigEdits(config.text, edits);
  const problems = resultProblems(text);
  if (problems.length > 0) {
    throw new ActionableError(
      `Did not change ${file}: with the legacy keys moved it would still be invalid:\n` +
        problems.map((p) => `  ${p}`).join("\n") +
        `\nFix those by hand, then run ${cli("doctor --fix")}.`,
    );
  }
  await writeConfigText(paths, text);
  const moved = findLegacyKeys(config.data).flatMap((f) => f.paths.map(formatJsonPath));
  const backup = tildify(paths.backupPath, host.home);
  const conflicts = legacyConflicts(config.data).map(describeConflict);
  return `Moved legacy keys in ${file} (${moved.join(", ")}); the previous file is ${backup}.` +
    (conflicts.length
      ? `\n  ${
        conflicts.join(";\n  ")
      }:\n  the newer key wins; the dropped values are still in ${backup}.`
      : "");
}

/** What would be wrong with the migrated text; empty when it is safe to write. */
function resultProblems(text: string): string[] {
  const { data, syntaxErrors } = parseConfigText(text);
  if (syntaxErrors.length > 0) {
    return syntaxErrors.map((e) => `line ${e.line}, column ${e.column}: ${e.message}`);
  }
  const left = findLegacyKeys(data).flatMap((f) => f.paths.map(formatJsonPath));
  if (left.length > 0) return [`legacy keys still present: ${left.join(", ")}`];
  const parsed = ConfigSchema.safeParse(data);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${formatJsonPath(i.path) || "(top level)"}: ${i.message}`);
}

/**
 * Check the path again just before the chmod: it may have been swapped
 * (for a symlink, another user's file) since diagnose() looked.
 */
async function fixMode(host: Host, paths: StatePaths, problem: DoctorProblem): Promise<string> {
  if (!problem.path) throw new ActionableError("the problem names no file.");
  const isDir = problem.id === PROBLEM_IDS.looseDirMode;
  const mode = isDir ? SECRET_DIR_MODE : SECRET_FILE_MODE;
  let skip: string | undefined;
  try {
    skip = await chmodIfOurs(problem.path, isDir ? "dir" : ownedKindOf(paths, problem.path), mode);
  } catch (err) {
    throw explainFsError(err, problem.path, "change the mode of");
  }
  if (skip) throw new ActionableError(`Skipped ${tildify(problem.path, host.home)}: ${skip}.`);
  return `chmod ${mode.toString(8)} ${tildify(problem.path, host.home)}`;
}

async function fixLegacyStateDir(
  host: Host,
  paths: StatePaths,
  problem: DoctorProblem,
): Promise<string> {
  // Look the folder up again: its config file may have changed since diagnose().
  const legacy = (await findLegacyStateDirs(host, paths)).find((d) => d.dir === problem.path);
  if (!legacy) throw new ActionableError(`${problem.path} is no longer there, or is empty.`);
  const { moved, message } = await migrateLegacyStateDir(host, paths, legacy);
  if (!moved) throw new ActionableError(message);
  return message;
}
