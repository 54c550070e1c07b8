/**
 * A model turn: model and credential, system prompt from the workspace,
 * history within budget, tools, the streamed call (model-call.ts, loaded
 * lazily), then the transcript and one log line. A deadline
 * (`agents.defaults.timeoutSeconds`, default 600) and the caller's signal
 * both stop it; what streamed before a stop is kept in the transcript.
 */
import type { Host } from "../host.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import type { StatePaths } from "../config/paths.ts";
import type { TurnRequest, TurnResult } from "./types.ts";
import type { SessionStore } from "./sessions.ts";
import type { PendingApprovals } from "./tools/approvals.ts";
import { type ResolvedModel, resolveModel } from "./model.ts";
import { credentialFor } from "./credentials.ts";
import { buildSystemPrompt } from "./prompt.ts";
import { cutHistory } from "./history.ts";
import { classifyError } from "./errors.ts";
import { fileTools } from "./tools/files.ts";
import { execSettings, execTool } from "./tools/exec.ts";
import type { AgentTool } from "./tools/types.ts";

export const DEFAULT_TURN_TIMEOUT_SECONDS = 600;

export interface ModelTurn {
  host: Host;
  paths: StatePaths;
  config: OpenclawConfig;
  log: (line: string) => void;
  req: TurnRequest;
  /** The text the model gets (the request's, or the /approve follow-up). */
  message: string;
  agentId: string;
  sessionKey: string;
  workspace: string;
  agentDir: string;
  store: SessionStore;
  approvals: PendingApprovals;
}

export async function runModelTurn(t: ModelTurn): Promise<TurnResult> {
  const started = performance.now();
  const timeoutMs = turnTimeoutMs(t.config);
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, timeoutMs);
  const signal = t.req.signal ? AbortSignal.any([t.req.signal, deadline.signal]) : deadline.signal;
  const partial = { text: "" };
  let model: ResolvedModel | undefined;
  let sessionId: string | undefined;
  const prefix = `agent ${t.agentId}: ${t.sessionKey}`;
  try {
    model = resolveModel(t.host, t.config, t.agentId);
    const credential = await credentialFor({
      host: t.host,
      config: t.config,
      agentDir: t.agentDir,
      oauthStorePath: `${t.paths.credentialsDir}/oauth.json`,
    }, model);
    const tools = turnTools(t);
    const system = await buildSystemPrompt({
      workspace: t.workspace,
      toolNames: tools.map((x) => x.name),
      now: t.host.now(),
    });
    sessionId = await t.store.current(t.sessionKey);
    const history = cutHistory(await t.store.read(sessionId), model.contextTokens, system);
    await t.store.append(sessionId, {
      role: "user",
      text: t.message,
      at: t.host.now().toISOString(),
    });
    const { callModel } = await import("./model-call.ts");
    const out = await callModel({
      model,
      credential,
      system,
      messages: [...history, { role: "user", text: t.message }],
      tools,
      signal,
      onDelta: (d) => t.req.onDelta?.(d),
      onToolCall: (name) => {
        t.log(`${prefix} tool ${name}`);
        t.req.onToolCall?.(name);
      },
    }, partial);
    const text = out.text.trim() === "" ? emptyAnswer(out.toolNames) : out.text;
    await t.store.append(sessionId, {
      role: "assistant",
      text,
      at: t.host.now().toISOString(),
      ...(out.toolNames.length ? { tools: out.toolNames } : {}),
    });
    t.log(`${prefix} answered by ${model.ref} in ${Math.round(performance.now() - started)} ms`);
    return {
      agentId: t.agentId,
      sessionKey: t.sessionKey,
      text,
      ok: true,
      model: model.ref,
      endedAt: t.host.now().toISOString(),
    };
  } catch (err) {
    const e = classifyError(err, { model, timedOut, timeoutMs });
    if (sessionId && partial.text.trim() !== "") {
      await t.store.append(sessionId, {
        role: "assistant",
        text: partial.text,
        at: t.host.now().toISOString(),
      }).catch(() => {});
    }
    t.log(`${prefix} failed (${e.kind}): ${e.message}`);
    return {
      agentId: t.agentId,
      sessionKey: t.sessionKey,
      text: e.kind === "aborted" && partial.text.trim() !== "" ? partial.text : e.chatText,
      ok: false,
      error: { kind: e.kind, message: e.message },
      ...(model ? { model: model.ref } : {}),
      endedAt: t.host.now().toISOString(),
    };
  } finally {
    clearTimeout(timer);
  }
}

function turnTools(t: ModelTurn): AgentTool[] {
  return [
    ...fileTools(t.workspace),
    ...execTool(
      t.host,
      t.workspace,
      execSettings(t.config),
      (command) => t.approvals.hold(t.agentId, t.sessionKey, command),
    ),
  ];
}

function turnTimeoutMs(config: OpenclawConfig): number {
  const s = config.agents?.defaults?.timeoutSeconds;
  return (typeof s === "number" && s > 0 ? s : DEFAULT_TURN_TIMEOUT_SECONDS) * 1000;
}

function emptyAnswer(toolNames: string[]): string {
  return toolNames.length > 0 ? "Done." : "(The model sent an empty answer.)";
}
