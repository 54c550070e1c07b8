/**
 * What `openclaw agent` does: ask the running gateway (chat.send) so the
 * turn shares its sessions and its one agent; when nothing answers there,
 * make the turn here with the agent built from the config. Only "nothing
 * answers" falls back: a gateway that refuses our secret is reported, not
 * worked around.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { readConfigOrStop } from "../config/read-valid.ts";
import type { ChatOutcome } from "../gateway/chat-client.ts";
import type { OpenclawConfig } from "../config/schema.ts";

export interface AgentCommandRequest {
  host: Host;
  paths: StatePaths;
  message: string;
  sessionKey?: string;
  agentId?: string;
  local: boolean;
  json: boolean;
  timeoutMs: number;
}

/** How long to wait for a gateway to answer `connect` before making the turn here. */
const CONNECT_TIMEOUT_MS = 3000;

export async function runAgentCommand(req: AgentCommandRequest): Promise<number> {
  const { host } = req;
  const { config } = await readConfigOrStop(host, req.paths);
  // Streamed to a terminal as it comes; piped output gets the whole reply at once.
  const stream = !req.json && host.stdoutIsTerminal;
  const onDelta = stream ? (t: string) => host.stdout(t) : undefined;
  const viaGateway = req.local ? undefined : await askGateway(req, config, onDelta);
  const result = viaGateway ?? { via: "local" as const, ...await askHere(req, config, onDelta) };
  if (req.json) {
    host.stdout(
      JSON.stringify(
        {
          ok: result.ok,
          via: result.via,
          sessionKey: result.sessionKey,
          ...(result.runId ? { runId: result.runId } : {}),
          model: result.model,
          text: result.text,
          ...(result.ok ? {} : { error: { kind: result.errorKind ?? "model" } }),
        },
        null,
        2,
      ) + "\n",
    );
  } else if (result.ok) {
    host.stdout(stream ? "\n" : `${result.text}\n`);
  } else {
    if (stream) host.stdout("\n");
    host.stderr(`${result.text}\n`);
  }
  return result.ok ? 0 : 1;
}

type Outcome = Omit<ChatOutcome, "runId"> & { runId?: string };

/** The turn through the gateway, or undefined when no gateway answers. */
async function askGateway(
  req: AgentCommandRequest,
  config: OpenclawConfig,
  onDelta?: (t: string) => void,
): Promise<(Outcome & { via: "gateway" }) | undefined> {
  const [{ gatewayTarget }, { GatewayCallError, openGateway }, { chatOverGateway }] = await Promise
    .all([
      import("../gateway/target.ts"),
      import("../gateway/client.ts"),
      import("../gateway/chat-client.ts"),
    ]);
  const target = await gatewayTarget(req.host, config);
  let conn;
  try {
    conn = await openGateway({ ...target, timeoutMs: CONNECT_TIMEOUT_MS });
  } catch (err) {
    if (err instanceof GatewayCallError && err.kind === "unreachable" && !target.remote) {
      return undefined;
    }
    if (!(err instanceof GatewayCallError)) throw err;
    const { renderCallFailure } = await import("../gateway/report.ts");
    return {
      via: "gateway",
      ok: false,
      sessionKey: req.sessionKey ?? "main",
      text: renderCallFailure(err, target.url, target.remote),
      errorKind: err.kind,
    };
  }
  try {
    const out = await chatOverGateway(conn, {
      message: req.message,
      sessionKey: req.sessionKey,
      agentId: req.agentId,
      timeoutMs: req.timeoutMs,
      onDelta,
    });
    return { via: "gateway", ...out };
  } finally {
    conn.close();
  }
}

/** The turn in this process (no gateway running): the same agent the gateway would build. */
async function askHere(
  req: AgentCommandRequest,
  config: OpenclawConfig,
  onDelta?: (t: string) => void,
): Promise<Outcome> {
  const { createAgent } = await import("../agent/create.ts");
  const agent = await createAgent({ host: req.host, paths: req.paths, config, log: () => {} });
  const r = await agent.turn({
    agentId: req.agentId,
    sessionKey: req.sessionKey,
    message: req.message,
    origin: { surface: "cli" },
    signal: AbortSignal.timeout(req.timeoutMs),
    onDelta,
  });
  return {
    ok: r.ok,
    sessionKey: r.sessionKey,
    text: r.text,
    model: r.model,
    errorKind: r.error?.kind,
  };
}
