/**
 * `openclaw agents delete <id>`: remove an agent's entry (agents.list[] or agents.entries) and the
 * bindings that route to it. Its files stay where they are unless asked
 * (`--trash-files`): then its workspace and its state folder (sessions,
 * credentials) move to the trash, never deleted, and never a workspace
 * another agent still uses.
 */
import type { Host } from "../host.ts";
import { type StatePaths, tildify } from "../config/paths.ts";
import { DEFAULT_AGENT_ID, dirname } from "../config/paths.ts";
import type { Prompter } from "../wizard/prompter.ts";
import { ActionableError, CancelledError } from "../errors.ts";
import { runPlan } from "../plan/runner.ts";
import { emptyPlan, mergePlan } from "../plan/types.ts";
import { moveToTrash, type TrashedItem } from "../platform/trash.ts";
import { pathExists } from "../platform/files.ts";
import { type AgentView, deleteAgentEdits, listAgents } from "./registry.ts";
import { agentsConfigNeed } from "./config-access.ts";
import { cli } from "../platform/invocation.ts";

export interface AgentsDeleteRequest {
  host: Host;
  paths: StatePaths;
  prompter: Prompter;
  id: string;
  json: boolean;
}

export function runAgentsDelete(req: AgentsDeleteRequest): Promise<number> {
  const { host, paths } = req;
  let agent: AgentView;
  let sharedBy: AgentView[] = [];
  let trashFiles = false;
  return runPlan({
    host,
    paths,
    prompter: req.prompter,
    command: "openclaw agents delete",
    config: agentsConfigNeed(host, paths),
    async ask({ config }, prompter) {
      // The edits (which list index to remove) are computed from the config read under the lock.
      const agents = listAgents(config, paths, host);
      agent = findAgent(agents, req.id);
      const sure = await prompter.confirm({
        id: "agents.delete.confirm",
        flag: "--force",
        message: `Remove the agent "${agent.id}" and its ${agent.bindings.length} binding(s)?`,
        initialValue: false,
        required: true,
      });
      sharedBy = agents.filter((a) => a.id !== agent.id && a.workspace === agent.workspace);
      trashFiles = await prompter.confirm({
        id: "agents.delete.trashFiles",
        flag: "--trash-files",
        message: `Also move its workspace (${tildify(agent.workspace, host.home)}) and sessions ` +
          "to the trash?",
        initialValue: false,
      });
      // A missing --force is named before "cancelled": the run was not complete.
      prompter.finish();
      if (!sure) throw new CancelledError();
      return mergePlan(emptyPlan(), { configEdits: deleteAgentEdits(config, agent.id) });
    },
    async report() {
      // Still under the lock: the files go once the config no longer names the agent.
      const trashed: TrashedItem[] = [];
      const kept: string[] = [];
      if (trashFiles) {
        if (sharedBy.length > 0) kept.push(agent.workspace);
        else if (await pathExists(agent.workspace)) {
          trashed.push(await moveToTrash(host, agent.workspace));
        }
        // The agent's state folder holds agent/ (credentials) and sessions/.
        const stateFolder = dirname(agent.agentDir);
        if (await pathExists(stateFolder)) trashed.push(await moveToTrash(host, stateFolder));
      }
      report(req, agent, trashed, kept, sharedBy);
      return 0;
    },
  });
}

function findAgent(agents: AgentView[], id: string): AgentView {
  if (id === DEFAULT_AGENT_ID) {
    throw new ActionableError(
      `"${DEFAULT_AGENT_ID}" is the default agent and cannot be deleted. ` +
        `To start over, use \`${cli("reset")}\`.`,
    );
  }
  const agent = agents.find((a) => a.id === id);
  if (!agent) {
    throw new ActionableError(
      `There is no agent "${id}". Agents: ${agents.map((a) => a.id).join(", ")}.`,
    );
  }
  return agent;
}

function report(
  req: AgentsDeleteRequest,
  agent: AgentView,
  trashed: TrashedItem[],
  kept: string[],
  sharedBy: AgentView[],
): void {
  const { host } = req;
  const t = (p: string) => tildify(p, host.home);
  if (req.json) {
    host.stdout(
      JSON.stringify(
        { ok: true, agentId: agent.id, removedBindings: agent.bindings.length, trashed, kept },
        null,
        2,
      ) + "\n",
    );
    return;
  }
  const lines = [`Agent "${agent.id}" removed from the config.`];
  for (const item of trashed) lines.push(`  moved to the trash: ${t(item.from)} → ${t(item.to)}`);
  for (const path of kept) {
    lines.push(
      `  kept ${t(path)}: the agent(s) ${sharedBy.map((a) => a.id).join(", ")} use it too.`,
    );
  }
  if (trashed.length === 0 && kept.length === 0) {
    lines.push(`  its files stay in ${t(agent.workspace)} and ${t(dirname(agent.agentDir))}.`);
  }
  host.stdout(`${lines.join("\n")}\n`);
}
