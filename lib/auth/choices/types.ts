/**
 * What an auth-choice handler produces: the credential and where it goes.
 * Handlers ask and decide; lib/onboard/steps/auth.ts turns this into plan
 * parts, and lib/plan/apply.ts writes them.
 */
import type { AuthChoice, ProviderEntry } from "../catalog.ts";
import type { AuthProfile } from "../profiles.ts";
import type { OAuthCredential } from "../oauth-store.ts";
import type { CheckResult } from "../check.ts";
import type { Host } from "../../host.ts";
import type { Prompter } from "../../wizard/prompter.ts";

/**
 * What a handler uses of the run that asks (onboarding, configure): the
 * host, the prompter and the checks made so far; nothing of the flow itself.
 */
export interface AuthChoiceContext {
  host: Host;
  prompter: Prompter;
  /**
   * Live credential checks already made in this run, by API, base URL and a
   * digest of the secret: "← Back" replays a choice without asking the
   * provider (and waiting for it) again.
   */
  checks?: Map<string, CheckResult>;
}

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

export type ChoiceHandler = (
  ctx: AuthChoiceContext,
  choice: AuthChoice,
) => Promise<ObtainedCredential>;
