/**
 * Moving files and folders to the user's trash. Reset never deletes: whatever
 * it removes lands where the desktop's "Restore" (or a plain `mv`) brings it
 * back. Linux and other unixes follow the freedesktop.org Trash spec, so file
 * managers list the item with its original location; macOS uses ~/.Trash.
 * When the trash is on another file system, the item is copied there and only
 * then removed from its old place.
 */
import { ActionableError } from "../errors.ts";
import type { Host } from "../host.ts";
import { absolute, basename, normalize } from "../config/paths.ts";
import { explainFsError, pathExists as exists } from "./files.ts";

export interface TrashedItem {
  /** The absolute path the item had. */
  from: string;
  /** Where it is now, inside the trash. */
  to: string;
}

const TRASH_DIR_MODE = 0o700;
const TRASH_INFO_MODE = 0o600;
/** Past this many same-named items something is wrong; stop rather than loop forever. */
const MAX_NAME_TRIES = 10_000;

export async function moveToTrash(host: Host, path: string): Promise<TrashedItem> {
  if (host.platform === "windows") {
    throw new ActionableError(
      "openclaw cannot move files to the Windows Recycle Bin, and it never deletes them outright.\n" +
        "Run openclaw inside WSL2 (wsl --install), where reset moves files to the Linux trash.",
    );
  }
  const from = absolute(path);
  await mustExist(from);
  if (host.platform === "darwin") return await moveToMacTrash(host, from);
  return await moveToFreedesktopTrash(host, from);
}

/** Is `path` the folder `folder` itself or somewhere inside it? (Both absolute, normalized.) */
export function isWithin(path: string, folder: string): boolean {
  return folder === "/" || path === folder || path.startsWith(folder + "/");
}

/** The home trash of the freedesktop spec: $XDG_DATA_HOME/Trash. */
export function freedesktopTrashDir(host: Host): string {
  const dataHome = host.env("XDG_DATA_HOME");
  // The XDG spec says a relative value is invalid and must be ignored.
  const base = dataHome && dataHome.startsWith("/")
    ? normalize(dataHome)
    : `${host.home}/.local/share`;
  return `${base}/Trash`;
}

// --- freedesktop.org (Linux, BSDs) ---------------------------------------

async function moveToFreedesktopTrash(host: Host, from: string): Promise<TrashedItem> {
  const trashDir = freedesktopTrashDir(host);
  refuseTrashingTheTrash(from, trashDir);
  const filesDir = `${trashDir}/files`;
  const infoDir = `${trashDir}/info`;
  await makeTrashDir(trashDir);
  await makeTrashDir(filesDir);
  await makeTrashDir(infoDir);

  const info = trashInfo(from, host.now());
  const name = await reserveName(basename(from), filesDir, infoDir, info);
  const to = `${filesDir}/${name}`;
  const infoPath = `${infoDir}/${name}.trashinfo`;
  let copied: boolean;
  try {
    copied = await moveItem(from, to);
  } catch (err) {
    // Without the item the info file would show a ghost entry in the file manager.
    await Deno.remove(infoPath).catch(() => {});
    throw explainTrashError(err, from, host);
  }
  if (copied) await removeOriginal(from, to);
  return { from, to };
}

/**
 * Claim a name by creating its .trashinfo with createNew: the spec's way to
 * make two processes trashing same-named files at once pick different names.
 */
async function reserveName(
  name: string,
  filesDir: string,
  infoDir: string,
  info: string,
): Promise<string> {
  for (let n = 1; n <= MAX_NAME_TRIES; n++) {
    const candidate = n === 1 ? name : `${name}.${n}`;
    if (await exists(`${filesDir}/${candidate}`)) continue;
    try {
      await Deno.writeTextFile(`${infoDir}/${candidate}.trashinfo`, info, {
        createNew: true,
        mode: TRASH_INFO_MODE,
      });
      return candidate;
    } catch (err) {
      if (err instanceof Deno.errors.AlreadyExists) continue;
      throw explainFsError(err, infoDir, "write to the trash folder");
    }
  }
  throw new ActionableError(
    `The trash already holds ${MAX_NAME_TRIES} items named "${name}". Empty the trash and try again.`,
  );
}

/** The .trashinfo text: original path (URI-escaped) and local deletion time. */
export function trashInfo(path: string, when: Date): string {
  return `[Trash Info]\nPath=${escapePath(path)}\nDeletionDate=${localTimestamp(when)}\n`;
}

/**
 * Percent-encode every byte except RFC 2396 unreserved characters and "/".
 * encodeURIComponent leaves exactly those unreserved characters alone and
 * encodes UTF-8, which is what the spec asks for.
 */
function escapePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** YYYY-MM-DDThh:mm:ss in local time, no zone: the spec's DeletionDate format. */
function localTimestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}` +
    `T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

// --- macOS -----------------------------------------------------------------

async function moveToMacTrash(host: Host, from: string): Promise<TrashedItem> {
  const trashDir = `${host.home}/.Trash`;
  refuseTrashingTheTrash(from, trashDir);
  await makeTrashDir(trashDir);
  // No info file to reserve a name with: Finder keeps the origin in its own
  // database, so a check right before the rename is the best we can do.
  const to = await freeMacName(trashDir, basename(from));
  let copied: boolean;
  try {
    copied = await moveItem(from, to);
  } catch (err) {
    throw explainTrashError(err, from, host);
  }
  if (copied) await removeOriginal(from, to);
  return { from, to };
}

/** `name`, then `name 2`, `name 3`, … like Finder. */
async function freeMacName(trashDir: string, name: string): Promise<string> {
  for (let n = 1; n <= MAX_NAME_TRIES; n++) {
    const candidate = `${trashDir}/${n === 1 ? name : `${name} ${n}`}`;
    if (!await exists(candidate)) return candidate;
  }
  throw new ActionableError(
    `The trash already holds ${MAX_NAME_TRIES} items named "${name}". Empty the trash and try again.`,
  );
}

// --- moving ----------------------------------------------------------------

/**
 * Rename `from` to `to`; across file systems, copy instead. Returns true when
 * it copied, so the caller removes the original once its bookkeeping is done.
 * On failure nothing has changed: a partial copy is cleaned up.
 */
async function moveItem(from: string, to: string): Promise<boolean> {
  try {
    await Deno.rename(from, to);
    return false;
  } catch (err) {
    if (!isCrossDevice(err)) throw err;
  }
  try {
    await copyTree(from, to);
  } catch (err) {
    // Only our own incomplete copy inside the trash is removed; the original is untouched.
    await Deno.remove(to, { recursive: true }).catch(() => {});
    throw err;
  }
  return true;
}

function isCrossDevice(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  // Deno has no Deno.errors class for EXDEV; the code (or errno 18 on Linux and macOS) tells.
  return code === "EXDEV" || (err instanceof Error && err.message.includes("(os error 18)"));
}

/** Copy a file, link or folder tree, keeping modes and modification times. */
async function copyTree(from: string, to: string): Promise<void> {
  const info = await Deno.lstat(from);
  if (info.isSymlink) {
    await Deno.symlink(await Deno.readLink(from), to);
  } else if (info.isFile) {
    await Deno.copyFile(from, to);
    await keepModeAndTimes(to, info);
  } else if (info.isDirectory) {
    // Private while it fills up; the original mode is set once the children are in.
    await Deno.mkdir(to, { mode: TRASH_DIR_MODE });
    for await (const entry of Deno.readDir(from)) {
      await copyTree(`${from}/${entry.name}`, `${to}/${entry.name}`);
    }
    await keepModeAndTimes(to, info);
  } else {
    throw new ActionableError(
      `Cannot copy ${from} to the trash on another disk: it is not a file, folder or link ` +
        `(a socket or device?). Move or remove it by hand.`,
    );
  }
}

async function keepModeAndTimes(path: string, info: Deno.FileInfo): Promise<void> {
  if (info.mode !== null) await Deno.chmod(path, info.mode & 0o7777);
  if (info.mtime) await Deno.utime(path, info.atime ?? info.mtime, info.mtime);
}

/** After a cross-device copy: the trash holds a full copy, so the original can go. */
async function removeOriginal(from: string, to: string): Promise<void> {
  try {
    await Deno.remove(from, { recursive: true });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ActionableError(
      `Copied ${from} to the trash (${to}), but could not remove the original: ${why}\n` +
        `The copy in the trash is complete; remove what is left of ${from} by hand.`,
    );
  }
}

// --- checks and messages ---------------------------------------------------

/** lstat, not stat: a dangling symlink still exists and can be trashed. */
async function mustExist(path: string): Promise<void> {
  try {
    await Deno.lstat(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound || err instanceof Deno.errors.NotADirectory) {
      throw new ActionableError(`Cannot move ${path} to the trash: it does not exist.`);
    }
    throw explainFsError(err, path, "look at");
  }
}

/** Renaming a folder into itself fails late and oddly; say why up front. */
function refuseTrashingTheTrash(path: string, trashDir: string): void {
  if (isWithin(trashDir, path) || isWithin(path, trashDir)) {
    throw new ActionableError(
      `Cannot move ${path} to the trash: the trash (${trashDir}) is ${
        isWithin(path, trashDir) ? "where it already is" : "inside it"
      }. Choose a narrower path.`,
    );
  }
}

async function makeTrashDir(path: string): Promise<void> {
  try {
    await Deno.mkdir(path, { recursive: true, mode: TRASH_DIR_MODE });
  } catch (err) {
    throw explainFsError(err, path, "create the trash folder");
  }
}

function explainTrashError(err: unknown, path: string, host: Host): unknown {
  if (err instanceof Deno.errors.PermissionDenied && host.platform === "darwin") {
    return new ActionableError(
      `Cannot move ${path} to the trash: permission denied.\n` +
        `Check that you own it and its folder; if macOS blocks ~/.Trash, give your terminal ` +
        `Full Disk Access (System Settings > Privacy & Security).`,
    );
  }
  return explainFsError(err, path, "move to the trash");
}
