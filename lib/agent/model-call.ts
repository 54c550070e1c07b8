/**
 * The one module that talks to the model library (the Vercel AI SDK: `ai`
 * plus one provider package per wire API; see docs/agent.md for why). It is
 * imported lazily by turn.ts, so `--version`, `--help` and onboarding never
 * load the library: a static import here would cost every command ~30 MB of
 * modules and half a second.
 */
import type { ResolvedModel } from "./model.ts";
import type { Credential } from "./credentials.ts";
import type { AgentTool } from "./tools/types.ts";
import { ToolInputError } from "./tools/types.ts";

/** Anthropic serves Claude Code's tokens (setup token, Claude Code login) only with this frame. */
export const CLAUDE_CODE_FRAME = "You are Claude Code, Anthropic's official CLI for Claude.";
const ANTHROPIC_OAUTH_BETA = "oauth-2025-04-20";
/** A turn may go model → tools → model this many times before it must answer. */
export const MAX_STEPS = 12;
const MAX_OUTPUT_TOKENS = 4096;

export interface ModelCallInput {
  model: ResolvedModel;
  credential: Credential;
  system: string;
  messages: { role: "user" | "assistant"; text: string }[];
  tools: AgentTool[];
  signal: AbortSignal;
  onDelta: (text: string) => void;
  onToolCall: (name: string) => void;
}

export interface ModelCallOutput {
  text: string;
  toolNames: string[];
}

/**
 * Stream one turn (with its tool round trips). Throws what the library throws
 * (errors.ts classifies it); what streamed before a failure is in `partial`.
 */
export async function callModel(
  input: ModelCallInput,
  partial: { text: string },
): Promise<ModelCallOutput> {
  // The library prints warnings on the console by default; the gateway's log is ours.
  (globalThis as Record<string, unknown>).AI_SDK_LOG_WARNINGS = false;
  const { jsonSchema, stepCountIs, streamText, tool } = await import("ai");
  const languageModel = await languageModelFor(input.model, input.credential);
  const tools = Object.fromEntries(input.tools.map((t) => [
    t.name,
    tool({
      description: t.description,
      inputSchema: jsonSchema<Record<string, unknown>>(t.parameters as never),
      execute: (args: Record<string, unknown>) => runTool(t, args, input.signal),
    }),
  ]));
  const oauth = input.credential.kind === "anthropic-oauth";
  const codex = input.model.api === "openai-codex";
  const result = streamText({
    model: languageModel,
    // Codex takes the prompt as its own `instructions` (below). Claude Code's tokens want its
    // line as the first system block on its own, the persona in the next.
    instructions: codex ? undefined : oauth
      ? [
        { role: "system" as const, content: CLAUDE_CODE_FRAME },
        { role: "system" as const, content: input.system },
      ]
      : input.system,
    messages: input.messages.map((m) => ({ role: m.role, content: m.text })),
    tools,
    stopWhen: stepCountIs(MAX_STEPS),
    // A failed call is reported to the person at once; a silent retry loop would only delay it.
    maxRetries: 0,
    maxOutputTokens: MAX_OUTPUT_TOKENS,
    abortSignal: input.signal,
    // The default handler prints the error, request included, on the console.
    onError: () => {},
    providerOptions: codex ? { openai: { store: false, instructions: input.system } } : undefined,
  });
  const toolNames: string[] = [];
  for await (const part of result.fullStream) {
    if (part.type === "text-delta") {
      partial.text += part.text;
      input.onDelta(part.text);
    } else if (part.type === "tool-call") {
      toolNames.push(part.toolName);
      input.onToolCall(part.toolName);
    } else if (part.type === "error") {
      throw part.error;
    } else if (part.type === "abort") {
      throw new DOMException("aborted", "AbortError");
    }
  }
  return { text: partial.text, toolNames };
}

/** Load the library and every provider package (preload.ts). */
export async function loadLibrary(): Promise<void> {
  await Promise.all([
    import("ai"),
    import("@ai-sdk/anthropic"),
    import("@ai-sdk/openai"),
    import("@ai-sdk/openai-compatible"),
  ]);
}

async function runTool(
  t: AgentTool,
  args: Record<string, unknown>,
  signal: AbortSignal,
): Promise<string> {
  try {
    return await t.execute(args, signal);
  } catch (err) {
    // The model gets the reason and can correct itself; the turn goes on.
    if (err instanceof ToolInputError) return err.message;
    return `The tool failed: ${(err as Error).message ?? String(err)}`;
  }
}

async function languageModelFor(model: ResolvedModel, cred: Credential) {
  const key = cred.kind === "api-key" ? cred.key : cred.kind === "codex" ? cred.access : undefined;
  switch (model.api) {
    case "anthropic-messages": {
      const { createAnthropic } = await import("@ai-sdk/anthropic");
      const baseURL = anthropicBase(model.baseUrl);
      if (cred.kind === "anthropic-oauth") {
        return createAnthropic({
          baseURL,
          authToken: cred.token,
          headers: { "anthropic-beta": ANTHROPIC_OAUTH_BETA },
        })(model.modelId);
      }
      return createAnthropic({ baseURL, apiKey: key ?? "" })(model.modelId);
    }
    case "openai-responses": {
      const { createOpenAI } = await import("@ai-sdk/openai");
      return createOpenAI({ baseURL: model.baseUrl, apiKey: key ?? "" }).responses(model.modelId);
    }
    case "openai-codex": {
      const { createOpenAI } = await import("@ai-sdk/openai");
      const headers: Record<string, string> = {
        "OpenAI-Beta": "responses=experimental",
        originator: "codex_cli_rs",
      };
      if (cred.kind === "codex" && cred.accountId) headers["chatgpt-account-id"] = cred.accountId;
      return createOpenAI({ baseURL: model.baseUrl, apiKey: key ?? "", headers })
        .responses(model.modelId);
    }
    case "openai-completions": {
      const { createOpenAICompatible } = await import("@ai-sdk/openai-compatible");
      return createOpenAICompatible({
        name: model.provider,
        baseURL: model.baseUrl,
        ...(key ? { apiKey: key } : {}),
      }).chatModel(model.modelId);
    }
  }
}

/**
 * Anthropic-style bases are written with or without /v1 (api.anthropic.com/v1,
 * api.minimax.io/anthropic); the library appends /messages to what it gets.
 */
export function anthropicBase(base: string): string {
  const b = base.replace(/\/+$/, "");
  return /\/v1$/.test(b) ? b : `${b}/v1`;
}
