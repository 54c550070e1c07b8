/**
 * What the OAuth logins share (the ChatGPT refresh, Claude Code's login):
 * reading their tokens from an auth profile, writing renewed tokens back
 * atomically (0600) to auth-profiles.json and, when it holds the same login,
 * credentials/oauth.json — and doing it one at a time, because a refresh
 * token is single-use and two renewals at once would spend it twice.
 */
import type { AuthProfile } from "../auth/profiles.ts";
import { withProfile } from "../auth/profiles.ts";
import { withOAuthCredential } from "../auth/oauth-store.ts";
import { readTextIfExists, SECRET_FILE_MODE, writeFilesTogether } from "../platform/files.ts";
import type { FileWrite } from "../platform/files.ts";
import type { CredentialContext } from "./credentials.ts";

export interface LoginTokens {
  access: string;
  refresh?: string;
  /** Epoch milliseconds. */
  expires?: number;
  accountId?: string;
}

/** Renew this long before the stated expiry, so a turn never starts with a dying token. */
const EXPIRY_MARGIN_MS = 60_000;

/** Expired, or will be within the margin; a token without an expiry never is. */
export function expiresSoon(tokens: LoginTokens, now: Date): boolean {
  return tokens.expires !== undefined && tokens.expires - EXPIRY_MARGIN_MS <= now.getTime();
}

let queue: Promise<unknown> = Promise.resolve();

export function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => {});
  return next;
}

export async function writeRenewed(
  ctx: CredentialContext,
  path: string,
  id: string,
  profile: AuthProfile,
  old: LoginTokens,
  fresh: LoginTokens,
): Promise<void> {
  const renewed = { access: fresh.access, refresh: fresh.refresh, expires: fresh.expires };
  const writes: FileWrite[] = [{
    path,
    text: withProfile(await readTextIfExists(path), path, id, { ...profile, ...renewed }),
    mode: SECRET_FILE_MODE,
  }];
  const storeText = await readTextIfExists(ctx.oauthStorePath);
  const stored = parseStore(storeText)?.[profile.provider] as Record<string, unknown> | undefined;
  if (stored && stored.refresh === old.refresh) {
    writes.push({
      path: ctx.oauthStorePath,
      text: withOAuthCredential(storeText, ctx.oauthStorePath, profile.provider, {
        ...stored,
        ...renewed,
        access: fresh.access,
      }),
      mode: SECRET_FILE_MODE,
    });
  }
  await writeFilesTogether(writes);
}

export function tokensOf(profile: AuthProfile): LoginTokens {
  const p = profile as Record<string, unknown>;
  return {
    access: String(p.access ?? ""),
    refresh: typeof p.refresh === "string" ? p.refresh : undefined,
    expires: typeof p.expires === "number" ? p.expires : undefined,
    accountId: typeof p.accountId === "string" ? p.accountId : undefined,
  };
}

function parseStore(text: string | undefined): Record<string, unknown> | undefined {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
