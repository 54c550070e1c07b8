/**
 * The program's version. Kept in a module of its own with no imports so that
 * `openclaw --version` loads nothing else.
 */
export const VERSION = "0.1.0";

/** Set by `deno task compile` (OPENCLAW_COMMIT at build time); "dev" from a checkout. */
export const COMMIT = "dev";
