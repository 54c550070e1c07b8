/**
 * The typed errors every command may throw. One top-level handler
 * (lib/cli/run.ts) prints them without a stack trace and exits with their code.
 */

/** Base class: an expected failure with a message meant for the user. */
export class OpenclawError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = new.target.name;
  }
}

/** A wrong or missing flag. Exit 2, like a usage error in any CLI. */
export class UsageError extends OpenclawError {
  constructor(message: string, readonly flags: string[] = []) {
    super(message, 2);
  }
}

/** A non-interactive run lacked answers: exit 2 naming every missing flag. */
export class MissingAnswersError extends UsageError {
  constructor(readonly missing: { flag: string; why: string }[]) {
    super(
      "Missing answers for a non-interactive run. Pass:\n" +
        missing.map((m) => `  ${m.flag}  (${m.why})`).join("\n"),
      missing.map((m) => m.flag),
    );
  }
}

/** The user pressed Ctrl-C or chose cancel. Exit 130; nothing was written. */
export class CancelledError extends OpenclawError {
  constructor(message = "Cancelled. Nothing was changed.") {
    super(message, 130);
  }
}

/**
 * A signal came while a plan was being written: the writes finished (they
 * are all-or-nothing), and the run stops there. Exit 130, like a Ctrl-C.
 */
export class InterruptedError extends OpenclawError {
  constructor() {
    super("Interrupted after the changes were written; they are complete.", 130);
  }
}

/** Something went wrong and the message says how to fix it. Exit 1. */
export class ActionableError extends OpenclawError {
  constructor(message: string, exitCode = 1) {
    super(message, exitCode);
  }
}

/** Format an unexpected error (a bug or an OS error we did not anticipate). */
export function describeUnexpected(err: unknown): string {
  if (err instanceof Deno.errors.PermissionDenied) {
    return `${err.message}\nCheck the permissions of that path, or point OPENCLAW_STATE_DIR at a writable folder.`;
  }
  if (err instanceof Error) return err.stack ?? err.message;
  return String(err);
}
