/**
 * What went wrong in a turn, in two words for the log and one sentence for
 * the chat. The classification reads status codes and error names only; it
 * never copies a request, a header or a response body into a message, so no
 * key or token can reach the log or the chat.
 */
import { cli } from "../platform/invocation.ts";
import type { ResolvedModel } from "./model.ts";
import { TurnError } from "./turn-error.ts";

export interface TurnContext {
  model?: ResolvedModel;
  /** Our deadline fired (as opposed to the caller aborting). */
  timedOut: boolean;
  timeoutMs: number;
}

export function classifyError(err: unknown, ctx: TurnContext): TurnError {
  if (err instanceof TurnError) return err;
  const where = ctx.model ? hostOf(ctx.model.baseUrl) : "the model provider";
  const ref = ctx.model?.ref ?? "the model";
  if (ctx.timedOut) {
    return new TurnError(
      "timeout",
      `${ref} did not finish within ${ctx.timeoutMs / 1000} s`,
      "The model took too long to answer. Try again, or send /new to start afresh.",
    );
  }
  if (isAbort(err)) return new TurnError("aborted", "the turn was stopped", "Stopped.");
  const status = statusOf(err);
  if (status === 401 || status === 403) {
    return new TurnError(
      "auth",
      `${where} refused the credentials (HTTP ${status})`,
      `The model provider refused the credentials (HTTP ${status}). ` +
        `The owner can renew them with \`${cli("onboard")}\`.`,
    );
  }
  if (status === 429) {
    return new TurnError(
      "rate-limit",
      `${where} answered HTTP 429 (rate limit or quota)`,
      "The model is busy or its quota is used up (HTTP 429). Try again in a minute.",
    );
  }
  if (status !== undefined && isContextOverflow(err)) {
    return new TurnError(
      "context",
      `${ref}: the conversation is longer than the model's context (HTTP ${status})`,
      "This conversation has grown too long for the model. Send /new to start a fresh one.",
    );
  }
  if (status === undefined && isNetwork(err)) {
    return new TurnError(
      "unreachable",
      `could not reach ${where}`,
      `I could not reach the model provider (${where}). Try again in a moment.`,
    );
  }
  return new TurnError(
    "model",
    status === undefined ? `${ref} failed: ${nameOf(err)}` : `${where} answered HTTP ${status}`,
    status === undefined
      ? "Something went wrong while asking the model. Try again in a moment."
      : `The model provider answered with an error (HTTP ${status}). Try again in a moment.`,
  );
}

/** The HTTP status of a library error, looking through retry wrappers. */
function statusOf(err: unknown): number | undefined {
  for (const e of chain(err)) {
    const s = (e as { statusCode?: unknown }).statusCode;
    if (typeof s === "number") return s;
  }
  return undefined;
}

function isAbort(err: unknown): boolean {
  return chain(err).some((e) => (e as Error).name === "AbortError");
}

/** Connection refused, DNS, TLS, reset: the request never got an HTTP answer. */
function isNetwork(err: unknown): boolean {
  return chain(err).some((e) =>
    e instanceof TypeError || e instanceof Deno.errors.ConnectionRefused ||
    e instanceof Deno.errors.ConnectionReset || /fetch failed|error sending request|connect/i
      .test(String((e as Error).message ?? ""))
  );
}

/** Anthropic says "prompt is too long"; OpenAI-style APIs "context_length_exceeded". */
function isContextOverflow(err: unknown): boolean {
  return chain(err).some((e) => {
    const body = String((e as { responseBody?: unknown }).responseBody ?? "");
    return /prompt is too long|context_length_exceeded|maximum context length|context window/i
      .test(body);
  });
}

/** The error, its `lastError` (retries) and its causes, at most a few deep. */
function chain(err: unknown): unknown[] {
  const out: unknown[] = [];
  let e: unknown = err;
  for (let i = 0; i < 6 && e && typeof e === "object"; i++) {
    out.push(e);
    const next = (e as { lastError?: unknown }).lastError ?? (e as { cause?: unknown }).cause;
    e = next;
  }
  return out;
}

function nameOf(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the model provider";
  }
}
