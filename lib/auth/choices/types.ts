/**
 * What an auth-choice handler produces: the credential and where it goes.
 * Handlers ask and decide; lib/onboard/steps/auth.ts turns this into plan
 * parts, and lib/plan/apply.ts writes them.
 */
import type { AuthChoice, ProviderEntry } from "../catalog.ts";
import type { AuthProfile } from "../profiles.ts";
import type { OAuthCredential } from "../oauth-store.ts";
import type { CheckResult } from "../check.ts";
import type { StepContext } from "../../onboard/types.ts";

export interface ObtainedCredential {
  choice: AuthChoice;
  /** The provider id models use ("anthropic", "openai-codex", a custom id…). */
  provider: string;
  profileId?: string;
  profile?: AuthProfile;
  /** Merged into credentials/oauth.json under `provider`. */
  oauth?: OAuthCredential;
  /** Set in ~/.openclaw/.env for the gateway service. */
  envVar?: { name: string; value: string };
  /** Written to models.providers.<id>. */
  providerEntry?: { id: string; entry: ProviderEntry };
  /** Values to elide wherever the plan is shown. */
  secrets: string[];
  check?: CheckResult;
  /** Extra words for the summary, e.g. "from the macOS Keychain". */
  detail?: string;
  /** Replaces the catalog's default model (custom provider). */
  defaultModel?: string;
  /** An OAuth sign-in on a host without a browser: print the copy-oauth.json tip. */
  headless?: boolean;
}

/**
 * An OAuth login (Claude Code's, ChatGPT's): the auth profile and
 * credentials/oauth.json both get it, and both its tokens are secrets.
 */
export function oauthObtained(
  choice: AuthChoice,
  provider: string,
  profileId: string,
  credential: OAuthCredential,
): ObtainedCredential {
  return {
    choice,
    provider,
    profileId,
    profile: { type: "oauth", provider, ...credential },
    oauth: credential,
    secrets: [credential.access, credential.refresh ?? ""].filter(Boolean),
  };
}

export type ChoiceHandler = (ctx: StepContext, choice: AuthChoice) => Promise<ObtainedCredential>;
