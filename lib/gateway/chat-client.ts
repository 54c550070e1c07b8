/**
 * The client side of chat.send: send a message on an open connection, pass
 * each delta on, and resolve with how the run ended (final, error, aborted,
 * or our own deadline, after which the run is aborted on the gateway).
 * Used by `openclaw agent` and onboarding's "say hello".
 */
import type { GatewayConnection } from "./client.ts";
import type { ChatEvent } from "./methods/chat.ts";

export interface ChatOutcome {
  ok: boolean;
  runId: string;
  sessionKey: string;
  /** The reply, or the short message saying what went wrong. */
  text: string;
  model?: string;
  /** Why it failed: the agent's error kind, "aborted", or "timeout" (our deadline). */
  errorKind?: string;
}

export interface ChatRequest {
  message: string;
  sessionKey?: string;
  agentId?: string;
  /** The whole turn's deadline. */
  timeoutMs: number;
  onDelta?: (text: string) => void;
}

export async function chatOverGateway(
  conn: GatewayConnection,
  req: ChatRequest,
): Promise<ChatOutcome> {
  // Events are kept from the start: one may come before chat.send's answer is read.
  const seen: ChatEvent[] = [];
  let wake = () => {};
  let stopped = false;
  const previous = conn.onEvent;
  conn.onEvent = (event, payload) => {
    if (event === "chat") seen.push(payload as ChatEvent);
    else previous?.(event, payload);
    if (event === "shutdown") stopped = true;
    wake();
  };
  try {
    const ack = await conn.call<{ runId: string; sessionKey: string }>("chat.send", {
      message: req.message,
      sessionKey: req.sessionKey,
      agentId: req.agentId,
      idempotencyKey: crypto.randomUUID(),
    });
    const deadline = Date.now() + req.timeoutMs;
    let delivered = 0;
    while (true) {
      const mine = seen.filter((e) => e.runId === ack.runId);
      for (const e of mine.slice(delivered)) {
        delivered++;
        if (e.state === "delta") req.onDelta?.(e.text);
        else return outcome(ack.runId, e);
      }
      if (stopped) {
        return {
          ok: false,
          runId: ack.runId,
          sessionKey: ack.sessionKey,
          text: "The gateway stopped before the agent answered.",
          errorKind: "unreachable",
        };
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        await conn.call("chat.abort", { runId: ack.runId }).catch(() => {});
        return {
          ok: false,
          runId: ack.runId,
          sessionKey: ack.sessionKey,
          text: `No answer within ${Math.round(req.timeoutMs / 1000)} s; the turn was stopped.`,
          errorKind: "timeout",
        };
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        wake = () => (clearTimeout(t), r());
      });
    }
  } finally {
    conn.onEvent = previous;
  }
}

function outcome(runId: string, e: ChatEvent): ChatOutcome {
  const base = { runId, sessionKey: e.sessionKey, text: e.text, model: e.model };
  if (e.state === "final") return { ...base, ok: true };
  return { ...base, ok: false, errorKind: e.state === "aborted" ? "aborted" : e.errorKind };
}
