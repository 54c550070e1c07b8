/**
 * The reset scopes and the one default, as data with no imports: the
 * `onboard` and `reset` commands register their flags from this on every
 * run, and the scripts of both flows use the same default.
 */
export const RESET_SCOPES = ["config", "config+creds+sessions", "full"] as const;
export type ResetScope = typeof RESET_SCOPES[number];

/**
 * What a reset moves to the trash unless told otherwise: `openclaw reset`
 * offers it first, `onboard --reset` uses it, onboarding's Reset offers it
 * first. Credentials and sessions go with the config (a fresh start), the
 * workspace stays (it holds the user's own files).
 */
export const DEFAULT_RESET_SCOPE: ResetScope = "config+creds+sessions";
