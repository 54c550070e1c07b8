/**
 * Placeholder until the agent itself lands (issue 15, "agentcore"): an Agent
 * whose every turn says it is not built yet, so the surfaces type-check and
 * answer something. The real createAgent replaces this file whole.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import type { Agent, TurnResult } from "./types.ts";

export interface CreateAgentOptions {
  host: Host;
  paths: StatePaths;
  config: OpenclawConfig;
  log: (line: string) => void;
}

export function createAgent(opts: CreateAgentOptions): Agent {
  let last: TurnResult | undefined;
  return {
    turn(req) {
      last = {
        agentId: req.agentId ?? "main",
        sessionKey: req.sessionKey ?? "main",
        text: "The agent is not built yet",
        ok: false,
        error: { kind: "config", message: "The agent is not built yet" },
        endedAt: opts.host.now().toISOString(),
      };
      return Promise.resolve(last);
    },
    history: () => Promise.resolve([]),
    lastTurn: () => last,
  };
}
