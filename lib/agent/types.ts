/**
 * The agent's contract with the surfaces that reach it (channels, the RPC
 * `chat.*` methods, `openclaw agent`). lib/agent/ implements it; the
 * surfaces only hold an `Agent` and never reach into how a turn is made.
 */

/** Where a message came from: the reply goes back there. */
export interface TurnOrigin {
  /** "cli", "control-ui", or a channel id ("telegram", …). */
  surface: string;
  /** The sender's platform id on a channel (never a display name). */
  peerId?: string;
}

export interface TurnRequest {
  /** The agent that answers; absent: the binding for `origin`, else the default agent. */
  agentId?: string;
  /** Absent: derived from the origin ("main" for cli/control-ui, "<channel>:dm:<peerId>"). */
  sessionKey?: string;
  /** The user's text. "/new" or "/reset" starts a fresh session instead of a model turn. */
  message: string;
  origin: TurnOrigin;
  /** Aborting ends the turn: the model request is cancelled, what streamed so far is kept. */
  signal?: AbortSignal;
  /** Each piece of the reply's text as it streams from the model. */
  onDelta?: (text: string) => void;
  /** A tool call's name as it starts (its arguments are never passed on or logged). */
  onToolCall?: (name: string) => void;
}

/** Why a turn did not produce a model answer. */
export type TurnErrorKind =
  | "config" // no model, no credentials, unknown agent
  | "auth" // 401/403
  | "rate-limit" // 429
  | "unreachable"
  | "context" // the conversation is too long for the model
  | "timeout"
  | "aborted"
  | "model"; // any other error the provider returned

export interface TurnResult {
  agentId: string;
  sessionKey: string;
  /** The text to send back: the model's answer, or a short message saying what went wrong. */
  text: string;
  ok: boolean;
  error?: { kind: TurnErrorKind; message: string };
  /** "provider/model" that answered (or was asked). */
  model?: string;
  /** ISO time the turn ended. */
  endedAt: string;
}

/** One line of a session transcript as the surfaces see it. */
export interface TranscriptMessage {
  role: "user" | "assistant";
  text: string;
  /** ISO time. */
  at: string;
}

export interface Agent {
  turn(req: TurnRequest): Promise<TurnResult>;
  /** The session's messages, oldest first (at most `limit`, the newest ones). */
  history(
    req: { agentId?: string; sessionKey: string; limit?: number },
  ): Promise<TranscriptMessage[]>;
  /** The last turn this process made (for `health` and `status --deep`). */
  lastTurn(): TurnResult | undefined;
}
