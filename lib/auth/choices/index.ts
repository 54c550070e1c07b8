/** Which handler serves which kind of auth choice. */
import type { AuthKind } from "../catalog.ts";
import type { ChoiceHandler } from "./types.ts";
import { apiKeyChoice } from "./api-key.ts";
import { claudeCliChoice } from "./claude-cli.ts";
import { setupTokenChoice } from "./setup-token.ts";
import { codexCliChoice, openaiCodexOAuthChoice } from "./codex.ts";
import { genericKeyChoice } from "./generic.ts";
import { customProviderChoice } from "./custom.ts";

export const CHOICE_HANDLERS: Record<Exclude<AuthKind, "skip">, ChoiceHandler> = {
  "api-key": apiKeyChoice,
  "claude-cli": claudeCliChoice,
  "setup-token": setupTokenChoice,
  "codex-cli": codexCliChoice,
  "openai-codex-oauth": openaiCodexOAuthChoice,
  "generic-api-key": genericKeyChoice,
  custom: customProviderChoice,
};
