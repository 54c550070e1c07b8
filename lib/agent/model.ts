/**
 * Which model answers and how to reach it: "provider/model" from the agent's
 * own `model` or `agents.defaults.model`, the wire API and base URL of that
 * provider (built in, or a `models.providers.<id>` entry written by
 * onboarding), with `OPENCLAW_<PROVIDER>_BASE_URL` applied last.
 */
import type { Host } from "../host.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { AUTH_CHOICES } from "../auth/catalog.ts";
import { providerBaseUrl } from "../auth/base-url.ts";
import { cli } from "../platform/invocation.ts";
import { TurnError } from "./turn-error.ts";
import { agentEntry } from "../config/agent-entries.ts";

export type WireApi =
  | "anthropic-messages"
  | "openai-completions"
  | "openai-responses"
  | "openai-codex";

export interface ResolvedModel {
  /** "anthropic/claude-sonnet-4-5" */
  ref: string;
  provider: string;
  modelId: string;
  api: WireApi;
  baseUrl: string;
  /** How many tokens of conversation the model takes (history is cut to fit). */
  contextTokens: number;
}

/** The ChatGPT subscription's endpoint (the Codex CLI's), which speaks the Responses API. */
export const CODEX_BASE_URL = "https://chatgpt.com/backend-api/codex";

/** Providers openclaw knows without a models.providers entry, and the API each speaks. */
const BUILTIN_API: Record<string, WireApi> = {
  anthropic: "anthropic-messages",
  openai: "openai-responses",
  "openai-codex": "openai-codex",
  xai: "openai-completions",
  opencode: "openai-completions",
  "vercel-ai-gateway": "openai-completions",
};

const DEFAULT_CONTEXT_TOKENS = 128_000;
const ANTHROPIC_CONTEXT_TOKENS = 200_000;

/** The model ref an agent uses: its own, else the defaults'. */
export function modelRefOf(config: OpenclawConfig, agentId: string): string | undefined {
  const own = agentEntry(config, agentId)?.model;
  const m = own ?? config.agents?.defaults?.model;
  if (typeof m === "string") return m;
  return m?.primary;
}

export function resolveModel(host: Host, config: OpenclawConfig, agentId: string): ResolvedModel {
  const ref = modelRefOf(config, agentId);
  if (!ref) {
    throw new TurnError(
      "config",
      `agent ${agentId} has no model (agents.defaults.model is not set)`,
      `No model is set up yet. Run \`${cli("onboard")}\` (or \`${
        cli("configure")
      }\`) to choose one.`,
    );
  }
  const slash = ref.indexOf("/");
  const provider = ref.slice(0, slash);
  const modelId = ref.slice(slash + 1);
  const entry = config.models?.providers?.[provider];
  if (entry) {
    const api = entryApi(entry.api);
    const window = entry.models?.find((m) => m.id === modelId)?.contextWindow;
    return {
      ref,
      provider,
      modelId,
      api,
      baseUrl: providerBaseUrl(host, provider, entry.baseUrl),
      contextTokens: typeof window === "number" && window > 0
        ? window
        : api === "anthropic-messages"
        ? ANTHROPIC_CONTEXT_TOKENS
        : DEFAULT_CONTEXT_TOKENS,
    };
  }
  const api = BUILTIN_API[provider];
  const fallback = provider === "openai-codex"
    ? CODEX_BASE_URL
    : AUTH_CHOICES.find((c) => c.provider === provider && c.baseUrl)?.baseUrl;
  if (!api || !fallback) {
    throw new TurnError(
      "config",
      `model ${ref}: provider ${provider} is neither built in nor in models.providers`,
      `The model ${ref} names a provider openclaw does not know. ` +
        `Choose another model with \`${cli("configure")}\`.`,
    );
  }
  return {
    ref,
    provider,
    modelId,
    api,
    baseUrl: providerBaseUrl(host, provider, fallback),
    contextTokens: api === "anthropic-messages" ? ANTHROPIC_CONTEXT_TOKENS : DEFAULT_CONTEXT_TOKENS,
  };
}

function entryApi(api: string | undefined): WireApi {
  if (api === "anthropic-messages" || api === "openai-responses") return api;
  return "openai-completions";
}
