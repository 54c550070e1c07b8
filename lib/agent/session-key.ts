/**
 * Session keys: which conversation a message belongs to. One per (channel,
 * sender) — "<channel>:dm:<peerId>" — and "main" for the CLI and the Control
 * UI, which are the owner's own seat. Keys never become file names (the
 * session index maps them to random ids, see sessions.ts), so a hostile peer
 * id cannot name a path.
 */
import type { TurnOrigin } from "./types.ts";

export const MAIN_SESSION = "main";

/** The surfaces that speak for the owner and share the `main` session. */
const OWNER_SURFACES = new Set(["cli", "control-ui"]);

/** At most this many characters: a key is an index entry, not a document. */
export const MAX_SESSION_KEY_CHARS = 256;

export function sessionKeyFor(origin: TurnOrigin): string {
  if (OWNER_SURFACES.has(origin.surface) || !origin.peerId) return MAIN_SESSION;
  return `${origin.surface}:dm:${origin.peerId}`;
}

/** Why a caller-given key is refused, or undefined when it is usable. */
export function sessionKeyProblem(key: string): string | undefined {
  if (key.trim() === "") return "A session key is not empty.";
  if (key.length > MAX_SESSION_KEY_CHARS) {
    return `A session key has at most ${MAX_SESSION_KEY_CHARS} characters.`;
  }
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) return "A session key has no control characters.";
  return undefined;
}

/** "/new" and "/reset" (any case, surrounding space, a bot suffix like /new@mybot). */
export function isResetCommand(message: string): boolean {
  return /^\/(new|reset)(@\S+)?$/i.test(message.trim());
}
