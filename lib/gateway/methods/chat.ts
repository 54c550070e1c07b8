/**
 * `chat.send`, `chat.history`, `chat.abort`: talking to the agent over the
 * gateway (the Control UI's chat, `openclaw agent`, onboarding's hello).
 *
 * chat.send answers at once with a run id; the reply then streams to the
 * connection that asked, as `chat` events {runId, sessionKey, seq, state,
 * text}: "delta" pieces, then one "final", "error" or "aborted". The same
 * idempotency key names the same run (a retried send does not ask the model
 * twice). Runs are capped per connection and per gateway; message text is
 * never logged.
 */
import { z } from "zod";
import type { GatewayContext } from "../context.ts";
import type { Caller } from "./registry.ts";
import { ERROR, parseParams, RpcError } from "../protocol.ts";
import type { TurnOrigin, TurnResult } from "../../agent/types.ts";

/** Longest message accepted (characters); a frame can carry more, a turn should not. */
export const MAX_CHAT_MESSAGE_CHARS = 32_000;
/** Runs one connection may have in flight, and the whole gateway. */
export const MAX_RUNS_PER_CONNECTION = 4;
export const MAX_RUNS = 32;
/** Idempotency keys remembered (oldest forgotten first). */
const MAX_REMEMBERED_KEYS = 1000;

const SessionKey = z.string().min(1).max(256).regex(/^[^\s]+$/, "no spaces");
const AgentId = z.string().min(1).max(64);

const SendParams = z.object({
  sessionKey: SessionKey.optional(),
  message: z.string().min(1).max(MAX_CHAT_MESSAGE_CHARS),
  agentId: AgentId.optional(),
  idempotencyKey: z.string().min(1).max(128).optional(),
});
const HistoryParams = z.object({
  sessionKey: SessionKey,
  limit: z.number().int().min(1).max(1000).optional(),
  agentId: AgentId.optional(),
});
const AbortParams = z.object({
  runId: z.string().max(128).optional(),
  sessionKey: SessionKey.optional(),
})
  .refine((p) => p.runId !== undefined || p.sessionKey !== undefined, "give runId or sessionKey");

export type ChatState = "delta" | "final" | "error" | "aborted";

/** The payload of a `chat` event. */
export interface ChatEvent {
  runId: string;
  sessionKey: string;
  /** 0, 1, 2, … per run: a client sees a gap if it missed one. */
  seq: number;
  state: ChatState;
  /** delta: the new piece; final: the whole reply; error: the short message; aborted: what streamed. */
  text: string;
  /** final/error: the model asked ("provider/model"). */
  model?: string;
  /** error: why (config, auth, rate-limit, unreachable, context, timeout, model). */
  errorKind?: string;
}

interface Run {
  runId: string;
  sessionKey: string;
  callerId: string;
  controller: AbortController;
  done: boolean;
}

/** The runs in flight and the idempotency keys seen, for one gateway. */
export class ChatRuns {
  readonly runs = new Map<string, Run>();
  private readonly keys = new Map<string, Run>();
  private readonly watched = new Set<string>();

  inFlight(callerId?: string): number {
    let n = 0;
    for (const r of this.runs.values()) if (callerId === undefined || r.callerId === callerId) n++;
    return n;
  }

  remember(key: string, run: Run): void {
    this.keys.set(key, run);
    if (this.keys.size > MAX_REMEMBERED_KEYS) this.keys.delete(this.keys.keys().next().value!);
  }

  byKey(key: string): Run | undefined {
    return this.keys.get(key);
  }

  /** Abort the runs matching; returns their ids. */
  abort(match: (r: Run) => boolean): string[] {
    const ids: string[] = [];
    for (const r of this.runs.values()) {
      if (!match(r)) continue;
      r.controller.abort();
      ids.push(r.runId);
    }
    return ids;
  }

  /** A connection's runs end when it closes (one hook per connection, not one per run). */
  abortWhenClosed(caller: Caller): void {
    if (this.watched.has(caller.id)) return;
    this.watched.add(caller.id);
    caller.onClose(() => {
      this.watched.delete(caller.id);
      this.abort((r) => r.callerId === caller.id);
    });
  }

  abortAll(): void {
    this.abort(() => true);
  }
}

export function chatSend(ctx: GatewayContext, raw: unknown, caller: Caller) {
  const p = parseParams(SendParams, raw);
  if (p.idempotencyKey !== undefined) {
    const seen = ctx.chat.byKey(p.idempotencyKey);
    if (seen) return { runId: seen.runId, status: seen.done ? "done" : "in_flight" };
  }
  if (ctx.chat.inFlight(caller.id) >= MAX_RUNS_PER_CONNECTION || ctx.chat.inFlight() >= MAX_RUNS) {
    throw new RpcError(ERROR.busy, "Too many chats are running; wait for one to end or abort it.");
  }
  const run: Run = {
    runId: crypto.randomUUID(),
    sessionKey: p.sessionKey ?? "main",
    callerId: caller.id,
    controller: new AbortController(),
    done: false,
  };
  ctx.chat.runs.set(run.runId, run);
  if (p.idempotencyKey !== undefined) ctx.chat.remember(p.idempotencyKey, run);
  ctx.chat.abortWhenClosed(caller);
  void streamTurn(ctx, caller, run, p).finally(() => {
    run.done = true;
    ctx.chat.runs.delete(run.runId);
  });
  return { runId: run.runId, sessionKey: run.sessionKey, status: "started" };
}

async function streamTurn(
  ctx: GatewayContext,
  caller: Caller,
  run: Run,
  p: z.infer<typeof SendParams>,
): Promise<void> {
  let seq = 0;
  const emit = (state: ChatState, text: string, extra: Partial<ChatEvent> = {}) => {
    const event: ChatEvent = {
      runId: run.runId,
      sessionKey: run.sessionKey,
      seq: seq++,
      state,
      text,
      ...extra,
    };
    caller.emit("chat", event);
  };
  const started = performance.now();
  let result: TurnResult;
  try {
    const agent = await ctx.agent.get();
    result = await agent.turn({
      agentId: p.agentId,
      sessionKey: run.sessionKey,
      message: p.message,
      origin: originOf(caller),
      signal: run.controller.signal,
      onDelta: (text) => emit("delta", text),
    });
  } catch (err) {
    // The agent promises not to throw; if it does, the client still gets an end to its run.
    ctx.log(`chat run ${run.runId} failed: ${(err as Error)?.message ?? err}`);
    emit("error", "The agent failed; see the gateway log.", { errorKind: "model" });
    return;
  }
  const ms = Math.round(performance.now() - started);
  const kind = result.error?.kind;
  ctx.log(
    `chat: run ${run.runId} session ${result.sessionKey} ${
      kind ? `failed (${kind})` : "answered"
    } in ${ms} ms`,
  );
  if (kind === "aborted") emit("aborted", result.text);
  else if (kind) emit("error", result.text, { model: result.model, errorKind: kind });
  else emit("final", result.text, { model: result.model });
}

/** The Control UI's socket says it is one (connect's client.mode); every other client is a CLI. */
function originOf(caller: Caller): TurnOrigin {
  return { surface: caller.client?.mode === "ui" ? "control-ui" : "cli" };
}

export async function chatHistory(ctx: GatewayContext, raw: unknown) {
  const p = parseParams(HistoryParams, raw);
  const agent = await ctx.agent.get();
  const messages = await agent.history({
    agentId: p.agentId,
    sessionKey: p.sessionKey,
    limit: p.limit ?? 200,
  });
  return { sessionKey: p.sessionKey, messages };
}

export function chatAbort(ctx: GatewayContext, raw: unknown) {
  const p = parseParams(AbortParams, raw);
  const runIds = ctx.chat.abort((r) =>
    p.runId !== undefined ? r.runId === p.runId : r.sessionKey === p.sessionKey
  );
  return { aborted: runIds.length > 0, runIds };
}
