/**
 * The agent: `createAgent` gives the surfaces (channels, chat.* RPC,
 * `openclaw agent`) the Agent of lib/agent/types.ts. A turn routes the
 * message to an agent and a session, answers the session commands (/new,
 * /reset, /approve, /deny) itself, and otherwise asks the model with the
 * workspace's persona as system prompt, the session's history and the tools.
 * Whatever fails becomes a TurnResult with ok:false, a short text for the
 * chat and one log line: turn() never throws.
 */
import type { Host } from "../host.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { sessionsDir, type StatePaths } from "../config/paths.ts";
import { agentIds, listAgents } from "../agents/registry.ts";
import type { Agent, TranscriptMessage, TurnRequest, TurnResult } from "./types.ts";
import { agentFor } from "./routing.ts";
import { isResetCommand, sessionKeyFor, sessionKeyProblem } from "./session-key.ts";
import { SessionStore } from "./sessions.ts";
import { TurnError } from "./turn-error.ts";
import { classifyError } from "./errors.ts";
import { type ModelTurn, runModelTurn } from "./turn.ts";
import { approvalCommand, PendingApprovals } from "./tools/approvals.ts";
import { execSettings, runInWorkspace } from "./tools/exec.ts";

export interface AgentOptions {
  host: Host;
  paths: StatePaths;
  config: OpenclawConfig;
  log: (line: string) => void;
}

export const RESET_REPLY = "Started a fresh session. The earlier conversation stays on disk.";

export function createAgent(opts: AgentOptions): Agent {
  const stores = new Map<string, SessionStore>();
  const sessionQueues = new Map<string, Promise<unknown>>();
  const approvals = new PendingApprovals();
  let last: TurnResult | undefined;

  const storeOf = (agentId: string): SessionStore => {
    let s = stores.get(agentId);
    if (!s) {
      s = new SessionStore(sessionsDir(opts.paths, agentId), opts.host);
      stores.set(agentId, s);
    }
    return s;
  };

  /** Turns of one session run one after another: each sees the one before. */
  const serial = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const prev = sessionQueues.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.catch(() => {});
    sessionQueues.set(key, settled);
    settled.then(() => {
      if (sessionQueues.get(key) === settled) sessionQueues.delete(key);
    });
    return next;
  };

  const finish = (result: TurnResult): TurnResult => {
    last = result;
    return result;
  };

  async function turn(req: TurnRequest): Promise<TurnResult> {
    let agentId = req.agentId ?? "?";
    let sessionKey = req.sessionKey ?? "?";
    try {
      agentId = req.agentId ?? agentFor(opts.config, req.origin);
      sessionKey = req.sessionKey ?? sessionKeyFor(req.origin);
      const keyProblem = sessionKeyProblem(sessionKey);
      if (keyProblem) throw new TurnError("config", keyProblem, keyProblem);
      const view = listAgents(opts.config, opts.paths, opts.host).find((a) => a.id === agentId);
      if (!view) {
        throw new TurnError(
          "config",
          `no agent ${agentId}`,
          `There is no agent "${agentId}" here.`,
        );
      }
      const store = storeOf(agentId);
      return await serial(`${agentId}\u0000${sessionKey}`, () =>
        sessionTurn({
          ...opts,
          req,
          agentId,
          sessionKey,
          workspace: view.workspace,
          agentDir: view.agentDir,
          store,
          approvals,
        }).then(finish));
    } catch (err) {
      // Whatever escaped the session turn (routing, a session file that cannot be written):
      // still one log line and a short answer, never a throw.
      const e = classifyError(err, { timedOut: false, timeoutMs: 0 });
      opts.log(`agent ${agentId}: ${sessionKey} failed (${e.kind}): ${e.message}`);
      return finish({
        agentId,
        sessionKey,
        text: e.chatText,
        ok: false,
        error: { kind: e.kind, message: e.message },
        endedAt: opts.host.now().toISOString(),
      });
    }
  }

  return {
    turn,
    async history({ agentId, sessionKey, limit }): Promise<TranscriptMessage[]> {
      const id = agentId ?? agentFor(opts.config, { surface: "cli" });
      // An id from a client names a folder: only the config's agents are read.
      if (!agentIds(opts.config).includes(id) || sessionKeyProblem(sessionKey)) return [];
      const lines = await storeOf(id).readKey(sessionKey);
      const messages = lines.map(({ role, text, at }) => ({ role, text, at }));
      if (limit === undefined) return messages;
      return limit <= 0 ? [] : messages.slice(-limit);
    },
    lastTurn: () => last,
  };
}

type SessionTurnInput = Omit<ModelTurn, "message">;

/** One turn inside its session: a session command, or a model turn. */
async function sessionTurn(s: SessionTurnInput): Promise<TurnResult> {
  const done = (text: string): TurnResult => ({
    agentId: s.agentId,
    sessionKey: s.sessionKey,
    text,
    ok: true,
    endedAt: s.host.now().toISOString(),
  });
  // An empty message (a sticker, a photo without a caption) has nothing to answer; providers
  // refuse an empty text anyway.
  if (s.req.message.trim() === "") return done("I can only read text messages for now.");
  if (isResetCommand(s.req.message)) {
    await s.store.reset(s.sessionKey);
    s.approvals.take(s.agentId, s.sessionKey);
    s.log(`agent ${s.agentId}: ${s.sessionKey} started a fresh session`);
    return done(RESET_REPLY);
  }
  const approval = approvalCommand(s.req.message);
  let message = s.req.message;
  if (approval) {
    const command = s.approvals.take(s.agentId, s.sessionKey);
    if (!command) return done("Nothing is waiting for approval.");
    if (approval === "deny") {
      s.log(`agent ${s.agentId}: ${s.sessionKey} dropped a held command`);
      return done("Dropped; the command was not run.");
    }
    s.log(`agent ${s.agentId}: ${s.sessionKey} approved a held command (exec)`);
    const output = await runInWorkspace(s.host, s.workspace, command, execSettings(s.config));
    // The model continues from the result, as if it had run the command itself.
    message = `I approved the command \`${command}\`. It ran in the workspace:\n${output}`;
  }
  const turn: ModelTurn = { ...s, message };
  return await runModelTurn(turn);
}
