/** `openclaw agents list`: every agent with its workspace, model and bindings. */
import type { Host } from "../host.ts";
import { type StatePaths, tildify } from "../config/paths.ts";
import { type AgentView, formatBindSpec, listAgents } from "./registry.ts";
import { readValidConfig } from "./config-access.ts";

export interface AgentsListRequest {
  host: Host;
  paths: StatePaths;
  json: boolean;
  /** Show every binding, not just how many. */
  bindings: boolean;
}

export async function runAgentsList(req: AgentsListRequest): Promise<number> {
  const config = await readValidConfig(req.host, req.paths);
  const agents = listAgents(config, req.paths, req.host);
  req.host.stdout(
    req.json
      ? JSON.stringify(agents.map(agentJson), null, 2) + "\n"
      : renderAgents(agents, req.host.home, req.bindings),
  );
  return 0;
}

function agentJson(a: AgentView) {
  return {
    id: a.id,
    name: a.name ?? null,
    default: a.isDefault,
    workspace: a.workspace,
    agentDir: a.agentDir,
    model: a.model ?? null,
    bindings: a.bindings.map(formatBindSpec),
  };
}

/** A plain table, one agent per block, that reads well in a narrow terminal. */
export function renderAgents(agents: AgentView[], home: string, showBindings: boolean): string {
  return agents.map((a) => {
    const title = `${a.id}${a.name && a.name !== a.id ? ` (${a.name})` : ""}` +
      (a.isDefault ? "  [default]" : "");
    const bindings = a.bindings.length === 0
      ? "none"
      : showBindings
      ? a.bindings.map(formatBindSpec).join(", ")
      : `${a.bindings.length}`;
    return [
      title,
      `  workspace  ${tildify(a.workspace, home)}`,
      `  model      ${a.model ?? "not set"}`,
      `  bindings   ${bindings}`,
    ].join("\n");
  }).join("\n\n") + "\n";
}
