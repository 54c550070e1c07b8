/**
 * The program's version. Kept in a module of its own with no imports so that
 * `openclaw --version` loads nothing else.
 */
export const VERSION = "0.1.0";

/**
 * The build commit: scripts/compile.ts stamps it into binaries; "dev" in a
 * source checkout, where lib/build-commit.ts asks git instead.
 */
export const COMMIT: string = "dev";
