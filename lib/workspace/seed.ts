/**
 * Seed an agent workspace with its first-run files. A file that exists is
 * never touched: each one is created with O_EXCL (`createNew`), so even a
 * file that appears between planning and writing survives byte for byte.
 *
 * BOOTSTRAP.md (the first-run ritual) is written only into a brand-new
 * workspace, one holding none of the other files: the agent deletes it when
 * the ritual is done, and a later onboard must not start the ritual again.
 */
import { ensureDir, explainFsError, pathExists } from "../platform/files.ts";
import { BOOTSTRAP_FILE, WORKSPACE_DIRS, WORKSPACE_FILES } from "./templates.ts";

export const WORKSPACE_DIR_MODE = 0o755;
export const WORKSPACE_FILE_MODE = 0o644;

export interface SeedResult {
  /** Absolute paths of the files this call wrote. */
  created: string[];
  /** Absolute paths of the files left alone (they existed, or BOOTSTRAP.md in a used workspace). */
  skipped: string[];
}

export interface PlannedFile {
  path: string;
  content: string;
  exists: boolean;
}

/**
 * The files a seed would write, each marked `exists` when it is already there
 * (and so would be skipped). BOOTSTRAP.md is listed only for a brand-new
 * workspace.
 */
export async function planWorkspaceFiles(workspace: string): Promise<PlannedFile[]> {
  const root = trimSlash(workspace);
  const all = await Promise.all(
    WORKSPACE_FILES.map(async (file) => {
      const path = `${root}/${file.name}`;
      return { name: file.name, path, content: file.content, exists: await pathExists(path) };
    }),
  );
  const used = all.some((f) => f.name !== BOOTSTRAP_FILE && f.exists);
  return all
    .filter((f) => !(used && f.name === BOOTSTRAP_FILE && !f.exists))
    .map(({ path, content, exists }) => ({ path, content, exists }));
}

/** Create the workspace folder, its sub-folders and every missing first-run file. */
export async function seedWorkspace(workspace: string): Promise<SeedResult> {
  const root = trimSlash(workspace);
  const plan = await planWorkspaceFiles(root);
  await ensureDir(root, WORKSPACE_DIR_MODE);
  await Promise.all(WORKSPACE_DIRS.map((dir) => ensureDir(`${root}/${dir}`, WORKSPACE_DIR_MODE)));

  const outcomes = await Promise.all(
    plan.map((file) => file.exists ? false : createFile(file.path, file.content)),
  );
  const result: SeedResult = { created: [], skipped: [] };
  plan.forEach((file, i) => (outcomes[i] ? result.created : result.skipped).push(file.path));
  const planned = new Set(plan.map((f) => f.path));
  for (const file of WORKSPACE_FILES) {
    const path = `${root}/${file.name}`;
    if (!planned.has(path)) result.skipped.push(path);
  }
  return result;
}

/** Write a new file; false when it already exists. A failed write leaves no partial file. */
async function createFile(path: string, content: string): Promise<boolean> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { write: true, createNew: true, mode: WORKSPACE_FILE_MODE });
  } catch (err) {
    if (err instanceof Deno.errors.AlreadyExists) return false;
    throw explainFsError(err, path, "create");
  }
  try {
    const bytes = new TextEncoder().encode(content);
    let written = 0;
    while (written < bytes.length) written += await file.write(bytes.subarray(written));
  } catch (err) {
    file.close();
    await Deno.remove(path).catch(() => {});
    throw explainFsError(err, path, "write");
  }
  file.close();
  return true;
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.replace(/\/+$/, "") || "/" : path;
}
