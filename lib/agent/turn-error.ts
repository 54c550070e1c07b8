/**
 * A turn that cannot produce a model answer. `chatText` is what the person in
 * the chat reads (short, no jargon, no secret); `message` goes to the log
 * (no secret either: it never quotes a request, a header or a key).
 */
import type { TurnErrorKind } from "./types.ts";

export class TurnError extends Error {
  constructor(readonly kind: TurnErrorKind, message: string, readonly chatText: string) {
    super(message);
    this.name = "TurnError";
  }
}
