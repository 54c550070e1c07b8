/**
 * A closed pipe (`openclaw --help | head`, a service whose log reader went
 * away) is not an error of ours: nobody is reading any more. Writes that hit
 * it are dropped, and the program ends as it would have, without a stack.
 */

/** Whether `err` is the EPIPE of a write to a reader that is gone. */
export function isBrokenPipe(err: unknown): boolean {
  if (err instanceof Deno.errors.BrokenPipe) return true;
  // node:stream (clack, commander's fallbacks) reports it as a plain Error with code EPIPE.
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "EPIPE";
}

/**
 * The last line of defence, for a write outside host.stdout (a library's
 * own): an uncaught broken pipe is dropped instead of printed as a crash.
 */
export function ignoreUncaughtBrokenPipe(): void {
  globalThis.addEventListener("error", (e) => {
    if (isBrokenPipe(e.error)) e.preventDefault();
  });
  globalThis.addEventListener("unhandledrejection", (e) => {
    if (isBrokenPipe(e.reason)) e.preventDefault();
  });
}
