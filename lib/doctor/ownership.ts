/**
 * What `doctor --fix` may chmod. The paths come from HOME and the
 * OPENCLAW_* variables, so they can name anything: another user's file, a
 * shared /tmp-like folder, a symlink into /etc. Doctor changes a path only
 * when openclaw owns and recognises it: not a symlink (lstat), owned by the
 * current user, the right type, and for files, text that parses as the file
 * openclaw keeps there. Anything else is skipped, and the reason is shown.
 */
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

/**
 * Why doctor must not change `path`, or undefined when it may. Follows no
 * symlink. A path that is gone is "no longer there".
 */
export async function whyNotOurs(path: string, kind: OwnedKind): Promise<string | undefined> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return "it is no longer there";
    return `it cannot be inspected (${err instanceof Error ? err.message : String(err)})`;
  }
  if (info.isSymlink) {
    return "it is a symbolic link, and doctor changes only the files it finds in place " +
      "(change the link's target by hand if it is yours)";
  }
  const uid = Deno.uid();
  if (uid !== null && info.uid !== null && info.uid !== uid) {
    return `it is owned by uid ${info.uid}, not by you (uid ${uid})`;
  }
  const mode = info.mode ?? 0;
  if (kind === "dir") return info.isDirectory ? whyNotOurDir(path, mode) : "it is not a folder";
  if (!info.isFile) return "it is not a regular file";
  if (info.size > MAX_OWNED_FILE_BYTES) return "it is too large to be a file openclaw wrote";
  const text = await Deno.readTextFile(path).catch(() => undefined);
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
    return syntaxErrors.length === 0 && isObject(data) && onlyConfigKeys(text, data);
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
 * openclaw's config has only openclaw's top-level keys (legacy ones moved
 * first, as doctor would). Wrong values below them are still its config.
 */
function onlyConfigKeys(text: string, data: unknown): boolean {
  const parsed = ConfigSchema.safeParse(migratedData({ text, data }));
  return parsed.success ||
    !parsed.error.issues.some((i) => i.code === "unrecognized_keys" && i.path.length === 0);
}

function isObject(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
