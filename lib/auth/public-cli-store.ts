/**
 * The public OpenClaw CLI's credential store: ~/.openclaw/state/openclaw.sqlite,
 * table `config_machine_state` (state_key, value_json, updated_at_ms), row
 * `authProfiles.store`, whose value is the same `{ version, profiles }`
 * document as this program's auth-profiles.json. This program reads it only
 * to import it (lib/auth/public-cli-import.ts), read-only: the database is
 * the public CLI's and is never written, moved or deleted.
 *
 * The SQLite binding is `node:sqlite`, built into Deno 2 (no download, no
 * native addon); it is loaded only when the file exists, so no other run
 * pays for it (docs/compatibility.md has the figures).
 */
import type { StatePaths } from "../config/paths.ts";
import { type AuthProfile, AuthProfileSchema } from "./profiles.ts";
import { ActionableError } from "../errors.ts";

export const PUBLIC_STORE_TABLE = "config_machine_state";
export const PUBLIC_STORE_ROW = "authProfiles.store";

export function publicCliDatabasePath(paths: StatePaths): string {
  return `${paths.stateDir}/state/openclaw.sqlite`;
}

export interface PublicProfiles {
  /** Profiles with their secret in the store, by id: what can be imported. */
  usable: Record<string, AuthProfile>;
  /** Profile ids left out, and why (a secret held elsewhere, a kind not known here). */
  skipped: { id: string; why: string }[];
}

/** A profile is usable here only with its secret in it (not a reference to one elsewhere). */
function secretOf(p: AuthProfile): unknown {
  return p.type === "api_key" ? p.key : p.type === "token" ? p.token : p.access;
}

/** The usable and skipped profiles of a parsed store document. */
export function profilesOfDocument(doc: unknown): PublicProfiles {
  const out: PublicProfiles = { usable: {}, skipped: [] };
  const profiles = (doc as { profiles?: unknown } | null)?.profiles;
  if (!profiles || typeof profiles !== "object" || Array.isArray(profiles)) return out;
  for (const [id, value] of Object.entries(profiles as Record<string, unknown>)) {
    const parsed = AuthProfileSchema.safeParse(value);
    if (!parsed.success) {
      out.skipped.push({ id, why: "a kind of profile this program does not know" });
    } else if (typeof secretOf(parsed.data) !== "string" || secretOf(parsed.data) === "") {
      out.skipped.push({
        id,
        why: "its secret is a reference to somewhere else, not in the store",
      });
    } else out.usable[id] = parsed.data;
  }
  return out;
}

/**
 * The auth profiles in the public CLI's database, or undefined when there is
 * no database or it holds no auth profile store. A database that cannot be
 * read is an ActionableError naming the file.
 */
export async function readPublicProfiles(path: string): Promise<PublicProfiles | undefined> {
  try {
    if (!(await Deno.stat(path)).isFile) return undefined;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return undefined;
    throw err;
  }
  const value = await readStoreRow(path);
  if (value === undefined) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch {
    throw new ActionableError(
      `${path}: its ${PUBLIC_STORE_ROW} row is not JSON; the public CLI's \`openclaw doctor\` ` +
        "can check it. Nothing was imported.",
    );
  }
  return profilesOfDocument(doc);
}

/** The row's JSON text, read through a read-only connection that is always closed. */
async function readStoreRow(path: string): Promise<string | undefined> {
  // Loaded here, not at the top: only a HOME with the public CLI's database needs SQLite.
  const { DatabaseSync } = await import("node:sqlite");
  let db: InstanceType<typeof DatabaseSync>;
  try {
    db = new DatabaseSync(path, { readOnly: true });
  } catch (err) {
    throw unreadable(path, err);
  }
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(PUBLIC_STORE_TABLE);
    if (!table) return undefined;
    const row = db.prepare(`SELECT value_json FROM ${PUBLIC_STORE_TABLE} WHERE state_key = ?`)
      .get(PUBLIC_STORE_ROW) as { value_json?: unknown } | undefined;
    return typeof row?.value_json === "string" ? row.value_json : undefined;
  } catch (err) {
    throw unreadable(path, err);
  } finally {
    db.close();
  }
}

function unreadable(path: string, err: unknown): ActionableError {
  return new ActionableError(
    `${path} cannot be read (${err instanceof Error ? err.message : String(err)}). ` +
      "If the public CLI's gateway is running, stop it and try again. Nothing was imported.",
  );
}
