/**
 * What `doctor --fix` may chmod. The paths come from HOME and the
 * OPENCLAW_* variables, so they can name anything: another user's file, a
 * shared /tmp-like folder, a symlink into /etc. Doctor changes a path only
 * when openclaw owns and recognises it: not a symlink (lstat), owned by the
 * current user, the right type, and for files, text that parses as the file
 * openclaw keeps there. Anything else is skipped, and the reason is shown.
 * node:fs is used for the change itself: Deno has no fchmod or O_NOFOLLOW.
 */
import {
  closeSync,
  constants as fsc,
  fchmodSync,
  fstatSync,
  openSync,
  readFileSync,
} from "node:fs";
import { parseConfigText } from "../config/store.ts";
import { ConfigSchema } from "../config/schema.ts";
// checks.ts imports this module too; both only call each other at run time.
import { migratedData } from "./checks.ts";
import { isEnvFileText } from "../platform/env-file.ts";

/** What openclaw keeps at a path, i.e. how to recognise it. */
export type OwnedKind =
  /** openclaw.json or its .bak: JSON with comments, an object at the top. */
  | "config"
  /** The .env file: KEY=value lines. */
  | "env"
  /** auth-profiles.json, the files under credentials/: JSON. */
  | "json"
  /** The state dir or the credentials folder. */
  | "dir";

/** A file larger than this is not one openclaw wrote (its files are a few KiB). */
const MAX_OWNED_FILE_BYTES = 4 * 1024 * 1024;

const STICKY = 0o1000;
const OTHERS_WRITE = 0o002;

/** What the rule looks at, from lstat (diagnose) or fstat of a no-follow descriptor (fix). */
interface Seen {
  isSymlink: boolean;
  isFile: boolean;
  isDirectory: boolean;
  uid: number | null;
  mode: number;
  size: number;
}

/**
 * Why doctor must not change `path`, or undefined when it may. Follows no
 * symlink. A path that is gone is "no longer there". For diagnose(): the
 * fix itself goes through chmodIfOurs, which checks again on the file it changes.
 */
export async function whyNotOurs(path: string, kind: OwnedKind): Promise<string | undefined> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(path);
  } catch (err) {
    return cannotInspect(err);
  }
  const seen = { ...info, mode: info.mode ?? 0 };
  return judge(path, kind, seen, () => Deno.readTextFile(path));
}

/**
 * chmod `path` only if it is openclaw's, deciding and changing on one
 * descriptor opened without following a symlink (O_NOFOLLOW): a file swapped
 * for a link or another user's file between the check and the change is not
 * touched. Returns why it was skipped, or undefined once changed.
 */
export async function chmodIfOurs(
  path: string,
  kind: OwnedKind,
  mode: number,
): Promise<string | undefined> {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO put there must not hang doctor; it is refused below.
    fd = openSync(path, fsc.O_RDONLY | fsc.O_NOFOLLOW | fsc.O_NONBLOCK);
  } catch (err) {
    if ((err as { code?: string }).code === "ELOOP") return judgeLink();
    return cannotInspect(err);
  }
  try {
    const st = fstatSync(fd);
    const seen: Seen = {
      isSymlink: false,
      isFile: st.isFile(),
      isDirectory: st.isDirectory(),
      uid: st.uid,
      mode: st.mode,
      size: st.size,
    };
    const skip = await judge(path, kind, seen, () => Promise.resolve(readFileSync(fd, "utf8")));
    if (skip) return skip;
    fchmodSync(fd, mode);
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function cannotInspect(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (err instanceof Deno.errors.NotFound || code === "ENOENT") return "it is no longer there";
  return `it cannot be inspected (${err instanceof Error ? err.message : String(err)})`;
}

function judgeLink(): string {
  return "it is a symbolic link, and doctor changes only the files it finds in place " +
    "(change the link's target by hand if it is yours)";
}

async function judge(
  path: string,
  kind: OwnedKind,
  seen: Seen,
  read: () => Promise<string>,
): Promise<string | undefined> {
  if (seen.isSymlink) return judgeLink();
  const uid = Deno.uid();
  if (uid !== null && seen.uid !== null && seen.uid !== uid) {
    return `it is owned by uid ${seen.uid}, not by you (uid ${uid})`;
  }
  if (kind === "dir") {
    return seen.isDirectory ? whyNotOurDir(path, seen.mode) : "it is not a folder";
  }
  if (!seen.isFile) return "it is not a regular file";
  if (seen.size > MAX_OWNED_FILE_BYTES) return "it is too large to be a file openclaw wrote";
  const text = await read().catch(() => undefined);
  if (text === undefined) return "it cannot be read";
  return recognises(kind, text) ? undefined : `it is not ${WHAT[kind]}`;
}

const WHAT: Record<Exclude<OwnedKind, "dir">, string> = {
  config: "an openclaw config (not JSON, or keys openclaw does not use at its top level)",
  env: "an openclaw .env file (not KEY=value lines)",
  json: "an openclaw credential file (it does not parse as JSON)",
};

/**
 * A folder with the sticky bit is shared by design (/tmp): never ours to
 * close. One others may write to is ours only when openclaw named it.
 */
function whyNotOurDir(path: string, mode: number): string | undefined {
  if (mode & STICKY) {
    return "it is a shared folder (sticky bit set, like /tmp); " +
      "set OPENCLAW_STATE_DIR to a folder of your own";
  }
  const name = path.slice(path.lastIndexOf("/") + 1);
  if ((mode & OTHERS_WRITE) && !/^\.openclaw(-|$)|^credentials$/.test(name)) {
    return "it is a shared folder (others may write to it) that openclaw did not name; " +
      "set OPENCLAW_STATE_DIR to a folder of your own";
  }
  return undefined;
}

function recognises(kind: Exclude<OwnedKind, "dir">, text: string): boolean {
  if (kind === "env") return isEnvFileText(text);
  if (kind === "config") {
    const { data, syntaxErrors } = parseConfigText(text);
    return syntaxErrors.length === 0 && isObject(data) && hasConfigKeys(text, data);
  }
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Some other program's JSON (a package.json, a settings file) parses too:
 * openclaw's config is empty or has at least one of openclaw's top-level
 * keys (legacy ones moved first, as doctor would). Keys of the public CLI's
 * beside them, and wrong values below them, still make it a config.
 */
function hasConfigKeys(text: string, data: unknown): boolean {
  const migrated = migratedData({ text, data });
  const keys = isObject(migrated) ? Object.keys(migrated as Record<string, unknown>) : [];
  return keys.length === 0 || keys.some((k) => k !== "$schema" && Object.hasOwn(CONFIG_KEYS, k));
}

const CONFIG_KEYS = ConfigSchema.shape;

function isObject(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
