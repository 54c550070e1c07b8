/**
 * The auth profile store: ~/.openclaw/agents/<agentId>/agent/auth-profiles.json
 * (0600). It holds API keys and OAuth tokens by profile id
 * ("anthropic:default"). Onboarding merges into it: other profiles are kept.
 */
import { z } from "zod";
import { ActionableError } from "../errors.ts";
import {
  ensureDir,
  readTextIfExists,
  SECRET_DIR_MODE,
  SECRET_FILE_MODE,
  writeFileAtomic,
} from "../platform/files.ts";
import { dirname } from "../config/paths.ts";

export const AuthProfileSchema = z.looseObject({
  type: z.enum(["api_key", "oauth", "token"]),
  provider: z.string(),
  key: z.string().optional(),
  token: z.string().optional(),
});
export type AuthProfile = z.infer<typeof AuthProfileSchema>;

export const AuthProfilesFileSchema = z.looseObject({
  version: z.number().int().default(1),
  profiles: z.record(z.string(), AuthProfileSchema).default({}),
});
export type AuthProfilesFile = z.infer<typeof AuthProfilesFileSchema>;

export function parseAuthProfiles(text: string | undefined, path: string): AuthProfilesFile {
  if (text === undefined || text.trim() === "") return { version: 1, profiles: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ActionableError(
      `${path} is not valid JSON (${(err as Error).message}).\n` +
        "Fix it by hand or move it aside, then run onboarding again. Nothing was changed.",
    );
  }
  const r = AuthProfilesFileSchema.safeParse(raw);
  if (!r.success) {
    throw new ActionableError(
      `${path} does not look like an auth profile store: ${r.error.issues[0]?.message}.\n` +
        "Move it aside and run onboarding again. Nothing was changed.",
    );
  }
  return r.data;
}

export async function readAuthProfiles(path: string): Promise<AuthProfilesFile> {
  return parseAuthProfiles(await readTextIfExists(path), path);
}

/** The new file text with `profile` set under `id`, every other profile kept. */
export function withProfile(
  current: string | undefined,
  path: string,
  id: string,
  profile: AuthProfile,
): string {
  const store = parseAuthProfiles(current, path);
  store.profiles[id] = profile;
  return printAuthProfiles(store);
}

/**
 * The new file text with each of `profiles` added whose id the file lacks:
 * a profile saved here wins over an imported one of the same id.
 */
export function withMissingProfiles(
  current: string | undefined,
  path: string,
  profiles: Readonly<Record<string, AuthProfile>>,
): string {
  const store = parseAuthProfiles(current, path);
  for (const [id, profile] of Object.entries(profiles)) {
    if (!Object.hasOwn(store.profiles, id)) store.profiles[id] = profile;
  }
  return printAuthProfiles(store);
}

/**
 * Write a store outside a plan (doctor's fixes): the agent's folders 0700,
 * the file 0600, replaced atomically.
 */
export async function writeAuthProfilesFile(path: string, text: string): Promise<void> {
  await ensureDir(dirname(dirname(path)), SECRET_DIR_MODE);
  await ensureDir(dirname(path), SECRET_DIR_MODE);
  await writeFileAtomic(path, text, { mode: SECRET_FILE_MODE });
}

/** The one way the store is printed, whoever writes it. */
export function printAuthProfiles(store: AuthProfilesFile): string {
  return JSON.stringify(store, null, 2) + "\n";
}

/** Below this length a secret's mask shows none of it: every character counts. */
const MASK_MIN_LENGTH = 16;
/** At most this many characters (the last ones) of a longer secret are shown. */
const MASK_SHOWN = 4;

/**
 * `…1234`: enough to tell two keys apart, never enough to use or guess one.
 * No prefix either (`sk-ant-` would say which service the rest is for).
 */
export function maskSecret(secret: string): string {
  if (secret.length < MASK_MIN_LENGTH) return "…";
  return `…${secret.slice(-MASK_SHOWN)}`;
}
