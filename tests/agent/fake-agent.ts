/**
 * A scriptable Agent for the surfaces' tests: each turn takes the next
 * scripted reply (or the default), streams it as deltas, can fail with a
 * kind, can wait for a gate (to test typing and abort), and records every
 * request. History is what the turns said, per session key.
 */
import type {
  Agent,
  TranscriptMessage,
  TurnErrorKind,
  TurnRequest,
  TurnResult,
} from "../../lib/agent/types.ts";

export interface ScriptedReply {
  /** The reply's text, streamed as `deltas` (default: the whole text in one delta). */
  text: string;
  deltas?: string[];
  /** The turn fails with this kind; `text` is then the short message for the user. */
  error?: TurnErrorKind;
  /** The turn waits for this before answering (resolve it from the test). */
  gate?: Promise<void>;
}

export class FakeAgent implements Agent {
  readonly requests: TurnRequest[] = [];
  private readonly script: ScriptedReply[] = [];
  private readonly sessions = new Map<string, TranscriptMessage[]>();
  private last?: TurnResult;
  /** Called when a turn starts (after it is recorded). */
  onTurn?: (req: TurnRequest) => void;

  constructor(private readonly fallback: ScriptedReply = { text: "Hello from the fake agent." }) {}

  /** Queue replies for the next turns, in order. */
  reply(...replies: (ScriptedReply | string)[]): this {
    for (const r of replies) this.script.push(typeof r === "string" ? { text: r } : r);
    return this;
  }

  async turn(req: TurnRequest): Promise<TurnResult> {
    this.requests.push(req);
    this.onTurn?.(req);
    const r = this.script.shift() ?? this.fallback;
    const sessionKey = req.sessionKey ?? defaultKey(req);
    const agentId = req.agentId ?? "main";
    const at = new Date().toISOString();
    const log = this.sessions.get(sessionKey) ?? [];
    this.sessions.set(sessionKey, log);
    log.push({ role: "user", text: req.message, at });
    let streamed = "";
    const aborted = () => req.signal?.aborted ?? false;
    if (!r.error) {
      for (const d of r.deltas ?? [r.text]) {
        if (aborted()) break;
        streamed += d;
        req.onDelta?.(d);
      }
    }
    if (r.gate) await Promise.race([r.gate, abortPromise(req.signal)]);
    const base = { agentId, sessionKey, model: "fake/model", endedAt: new Date().toISOString() };
    if (aborted()) {
      this.last = {
        ...base,
        text: streamed,
        ok: false,
        error: { kind: "aborted", message: "aborted" },
      };
    } else if (r.error) {
      this.last = { ...base, text: r.text, ok: false, error: { kind: r.error, message: r.text } };
    } else {
      log.push({ role: "assistant", text: r.text, at: base.endedAt });
      this.last = { ...base, text: r.text, ok: true };
    }
    return this.last;
  }

  history(req: { sessionKey: string; limit?: number }): Promise<TranscriptMessage[]> {
    const all = this.sessions.get(req.sessionKey) ?? [];
    return Promise.resolve(req.limit ? all.slice(-req.limit) : [...all]);
  }

  lastTurn(): TurnResult | undefined {
    return this.last;
  }
}

function defaultKey(req: TurnRequest): string {
  const { surface, peerId } = req.origin;
  return surface === "cli" || surface === "control-ui" ? "main" : `${surface}:dm:${peerId}`;
}

function abortPromise(signal?: AbortSignal): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((r) => signal.addEventListener("abort", () => r(), { once: true }));
}
