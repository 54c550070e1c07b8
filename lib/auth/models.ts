/**
 * The built-in model catalog (the models openclaw knows without any
 * models.providers entry), the model rules of each auth choice, and the
 * model check run after the auth step: unknown model, or no credentials for
 * its provider.
 */
import type { AuthChoice } from "./catalog.ts";
import { cli } from "../platform/invocation.ts";

export const BUILTIN_MODELS: Readonly<Record<string, readonly string[]>> = {
  anthropic: [
    "claude-opus-4-5",
    "claude-sonnet-4-5",
    "claude-haiku-4-5",
    "claude-opus-4-1",
    "claude-sonnet-4",
  ],
  openai: ["gpt-5.1-codex", "gpt-5.1", "gpt-5.1-codex-mini", "gpt-5", "gpt-5-mini", "gpt-4.1"],
  "openai-codex": ["gpt-5.3-codex", "gpt-5.2-codex", "gpt-5.1-codex", "gpt-5.1-codex-mini"],
  xai: ["grok-4", "grok-4-fast", "grok-code-fast-1"],
  opencode: ["claude-opus-4-5", "claude-sonnet-4-5", "gpt-5.1-codex"],
  "vercel-ai-gateway": [
    "anthropic/claude-sonnet-4.5",
    "anthropic/claude-opus-4.5",
    "openai/gpt-5.1",
  ],
};

/** "openai/gpt-5.1" → "openai"; "vercel-ai-gateway/anthropic/x" → "vercel-ai-gateway". */
export function providerOf(model: string): string {
  return model.split("/")[0];
}

export function isBuiltinModel(model: string): boolean {
  const i = model.indexOf("/");
  return i > 0 && (BUILTIN_MODELS[model.slice(0, i)]?.includes(model.slice(i + 1)) ?? false);
}

/** Model refs offered for a provider: built in, plus those of a provider entry. */
export function modelsOfProvider(
  provider: string,
  entries: Record<string, { models?: { id: string }[] }> = {},
): string[] {
  const ids = [
    ...(BUILTIN_MODELS[provider] ?? []),
    ...(entries[provider]?.models ?? []).map((m) => m.id),
  ];
  return [...new Set(ids)].map((id) => `${provider}/${id}`);
}

/**
 * The model a choice sets, given the current one; undefined keeps the
 * current model. OpenAI's sign-ins replace openai/* (the API-key models);
 * the OpenAI API key replaces both openai/* and openai-codex/*; every other
 * choice sets its model only when none is set.
 */
export function modelAfterChoice(
  choice: AuthChoice,
  current: string | undefined,
): string | undefined {
  const target = choice.defaultModel;
  if (!target) return undefined;
  if (!current) return target;
  const p = providerOf(current);
  if (choice.kind === "codex-cli" || choice.kind === "openai-codex-oauth") {
    return p === "openai" ? target : undefined;
  }
  if (choice.id === "openai-api-key") {
    return p === "openai" || p === "openai-codex" ? target : undefined;
  }
  return undefined;
}

export interface ModelCheckInput {
  model: string;
  /** Providers with credentials after this run (profiles, env vars, keyless custom providers). */
  authedProviders: Set<string>;
  /** models.providers entries after this run. */
  providerEntries: Record<string, { models?: { id: string }[] }>;
}

/** Warnings about the configured model; empty when all is well. */
export function modelWarnings(input: ModelCheckInput): string[] {
  const { model, authedProviders, providerEntries } = input;
  const provider = providerOf(model);
  const id = model.slice(provider.length + 1);
  const warnings: string[] = [];
  const known = isBuiltinModel(model) ||
    (providerEntries[provider]?.models ?? []).some((m) => m.id === id);
  if (!known) {
    warnings.push(
      `${model} is not in the built-in model catalog` +
        (providerEntries[provider] ? ` nor in models.providers.${provider}` : "") +
        "; check the spelling (it will still be tried as written).",
    );
  }
  if (!authedProviders.has(provider)) {
    warnings.push(
      `No credentials for ${provider}, which ${model} needs: ` +
        `add them with \`${cli("configure --section model")}\`.`,
    );
  }
  return warnings;
}
