/**
 * credentials/oauth.json copied from another machine (the headless tip: sign
 * in where there is a browser, copy the file to the gateway host) becomes
 * auth profiles of the agent. Onboarding and `configure` import it on their
 * next run; `doctor` reports a copy not yet imported and `--fix` imports it.
 *
 * Only well-formed entries are taken, and a saved profile is replaced only
 * by a copy that expires later: importing never loses a fresher sign-in.
 */
import { type OAuthCredential, OAuthCredentialSchema } from "./oauth-store.ts";
import type { AuthProfile, AuthProfilesFile } from "./profiles.ts";
import { parseAuthProfiles, printAuthProfiles } from "./profiles.ts";

export interface OAuthImport {
  provider: string;
  profileId: string;
  credential: OAuthCredential;
  /** "add": a new profile; "update": the provider's OAuth profile gets the newer copy. */
  action: "add" | "update";
}

const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The profile ids the sign-ins themselves write (lib/auth/catalog.ts). */
const SIGN_IN_PROFILE: Readonly<Record<string, string>> = {
  "openai-codex": "openai-codex:default",
  anthropic: "anthropic:claude-cli",
};

/** oauth.json's entries by provider; undefined when the file is absent or not a JSON object. */
export function parseOAuthStore(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** What importing oauth.json would change in `store`; empty when it is all there. */
export function oauthImports(
  oauthText: string | undefined,
  store: AuthProfilesFile,
): OAuthImport[] {
  const entries = parseOAuthStore(oauthText) ?? {};
  const out: OAuthImport[] = [];
  for (const [provider, value] of Object.entries(entries)) {
    const parsed = OAuthCredentialSchema.safeParse(value);
    if (!PROVIDER_ID.test(provider) || !parsed.success || parsed.data.access === "") continue;
    const credential = parsed.data;
    const saved = Object.entries(store.profiles).filter(([, p]) =>
      p.provider === provider && p.type === "oauth"
    );
    if (saved.some(([, p]) => p.access === credential.access)) continue;
    if (saved.length > 0) {
      const [id, p] = saved[0];
      const savedExpires = typeof p.expires === "number" ? p.expires : 0;
      if ((credential.expires ?? 0) > savedExpires) {
        out.push({ provider, profileId: id, credential, action: "update" });
      }
      continue;
    }
    out.push({ provider, profileId: freeId(store, provider), credential, action: "add" });
  }
  return out;
}

function freeId(store: AuthProfilesFile, provider: string): string {
  const preferred = SIGN_IN_PROFILE[provider] ?? `${provider}:default`;
  return store.profiles[preferred] ? `${provider}:oauth` : preferred;
}

export function profileOf(imp: OAuthImport): AuthProfile {
  return { type: "oauth", provider: imp.provider, ...imp.credential };
}

/** The store text with the imports applied, every other profile kept. */
export function withOAuthImports(
  current: string | undefined,
  path: string,
  imports: OAuthImport[],
): string {
  const store = parseAuthProfiles(current, path);
  // Re-judged against the file as it is now: another run may have written meanwhile.
  for (const imp of imports) {
    const now = oauthImports(JSON.stringify({ [imp.provider]: imp.credential }), store);
    for (const i of now) store.profiles[i.profileId] = profileOf(i);
  }
  return printAuthProfiles(store);
}

/** "openai-codex (auth profile openai-codex:default)": for notes and doctor, no secrets. */
export function describeImports(imports: OAuthImport[]): string {
  return imports.map((i) =>
    `${i.provider} (${i.action === "add" ? "new" : "newer copy for"} auth profile ${i.profileId})`
  ).join(", ");
}

/** The secrets an import carries, for eliding them wherever a plan is shown. */
export function importSecrets(imports: OAuthImport[]): string[] {
  return imports.flatMap((i) => [i.credential.access, i.credential.refresh ?? ""]).filter(Boolean);
}
