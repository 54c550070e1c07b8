/**
 * File writes that cannot leave a half-written file behind: write a temp file
 * next to the target, fsync it, then rename over the target. Secret files get
 * mode 0600 inside 0700 folders from the moment they exist.
 */
import { ActionableError } from "../errors.ts";
import { dirname } from "../config/paths.ts";
import {
  type FileOps,
  type FileWrite,
  realFileOps,
  type StagedChange,
  stageWrites,
  writeTogether,
} from "./file-transaction.ts";

export { realFileOps };
export type { FileOps, FileWrite, StagedChange };

export const SECRET_FILE_MODE = 0o600;
export const SECRET_DIR_MODE = 0o700;

export async function pathExists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

/** A file someone may run: any execute bit (no modes to check, as on Windows, counts as yes). */
export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await Deno.stat(path);
    return info.isFile && ((info.mode ?? 0o111) & 0o111) !== 0;
  } catch {
    return false;
  }
}

export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return undefined;
    throw explainFsError(err, path, "read");
  }
}

/**
 * Create a folder (and parents). New folders get `mode`; existing ones are
 * left as they are (doctor reports loose modes, it is not our place here).
 */
export async function ensureDir(path: string, mode = SECRET_DIR_MODE): Promise<void> {
  try {
    await Deno.mkdir(path, { recursive: true, mode });
  } catch (err) {
    throw explainFsError(err, path, "create the folder");
  }
}

export interface WriteOptions {
  mode?: number;
  /** Refuse to replace an existing file (first-run files never overwrite). */
  createNew?: boolean;
}

/**
 * Atomically replace `path` with `text` (through a symbolic link, to its
 * target). Several files that belong together: writeFilesTogether.
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  opts: WriteOptions = {},
): Promise<void> {
  await writeFilesTogether([{
    path,
    text,
    mode: opts.mode ?? SECRET_FILE_MODE,
    createNew: opts.createNew,
  }]);
}

/**
 * Write several files as one change: all of them, or (on any failure, a full
 * disk included) none, with an error saying which. `ops` is the seam tests
 * use to make a write fail.
 */
export async function writeFilesTogether(
  writes: FileWrite[],
  ops: FileOps = realFileOps,
): Promise<void> {
  await writeTogether(writes, explainFsError, ops);
}

/** Stage several files (nothing changes yet); commit() or abort() the result. */
export function stageFiles(writes: FileWrite[], ops: FileOps = realFileOps): Promise<StagedChange> {
  return stageWrites(writes, explainFsError, ops);
}

/** Turn an OS error into a message that names the path and the fix. */
export function explainFsError(err: unknown, path: string, action: string): unknown {
  if (err instanceof ActionableError) return err;
  const code = (err as { code?: string })?.code;
  if (err instanceof Deno.errors.PermissionDenied || code === "EACCES" || code === "EPERM") {
    return new ActionableError(
      `Cannot ${action} ${path}: permission denied.\n` +
        `Fix the owner or mode of that folder (ls -ld "${dirname(path)}"), ` +
        `or set OPENCLAW_STATE_DIR to a folder you can write.`,
    );
  }
  if (err instanceof Deno.errors.NotADirectory || code === "ENOTDIR") {
    return new ActionableError(
      `Cannot ${action} ${path}: part of that path is a file, not a folder.\n` +
        `Move that file away, or set OPENCLAW_STATE_DIR to a folder you can write.`,
    );
  }
  if (err instanceof Deno.errors.IsADirectory || code === "EISDIR") {
    return new ActionableError(
      `Cannot ${action} ${path}: it is a folder. Move it away and try again.`,
    );
  }
  if (code === "ENOSPC") {
    return new ActionableError(
      `Cannot ${action} ${path}: the disk is full. Free some space and run the command again.`,
    );
  }
  if (code === "EROFS" || err instanceof Deno.errors.NotSupported) {
    return new ActionableError(
      `Cannot ${action} ${path}: the file system is read-only. ` +
        `Set OPENCLAW_STATE_DIR to a writable folder.`,
    );
  }
  return err;
}
