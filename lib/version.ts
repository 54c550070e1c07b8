/**
 * The program's version. Kept in a module of its own with no imports so that
 * `openclaw --version` loads nothing else.
 */
export const VERSION = "0.1.0";

/** The build commit; "dev" until release builds stamp it (not done yet: see README, Releases). */
export const COMMIT = "dev";
