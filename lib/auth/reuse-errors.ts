/**
 * A credential the user asked us to reuse (Claude Code, Codex CLI, a pasted
 * sign-in) could not be used. The message says what was looked at and how to
 * fix it; interactively the wizard offers the choices again, otherwise exit 1.
 * Nothing is written either way.
 */
import { ActionableError } from "../errors.ts";

export class CredentialUnavailableError extends ActionableError {
  constructor(message: string) {
    super(message, 1);
  }
}
