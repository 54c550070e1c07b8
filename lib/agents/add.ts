/**
 * `openclaw agents add`: ask (or take from flags) the new agent's name,
 * workspace, model and channel bindings, then write it in one go through the
 * one runner and apply phase (lib/plan/): its entry (agents.list[], or
 * agents.entries in a file that uses that shape) and bindings (comments in
 * the config kept), its agent and sessions folders (0700) and its seeded
 * workspace (existing files never overwritten).
 */
import type { Host } from "../host.ts";
import { sessionsDir, type StatePaths, tildify } from "../config/paths.ts";
import { resolveWorkspacePath } from "../config/workspace-path.ts";
import type { Prompter } from "../wizard/prompter.ts";
import { workspaceValidator } from "../config/validators.ts";
import { validatorFor } from "../config/validator-for.ts";
import { ModelRefSchema, type OpenclawConfig } from "../config/schema.ts";
import { UsageError } from "../errors.ts";
import { runPlan } from "../plan/runner.ts";
import type { ApplyResult } from "../plan/apply.ts";
import { emptyPlan, mergePlan } from "../plan/types.ts";
import { SECRET_DIR_MODE } from "../platform/files.ts";
import {
  addAgentEdits,
  agentDirFor,
  agentIdFromName,
  agentNameProblem,
  type BindingSpec,
  bindSpecProblem,
  configuredChannels,
  defaultAgentWorkspace,
  formatBindSpec,
  type NewAgent,
  parseBindSpec,
} from "./registry.ts";
import { agentsConfigNeed } from "./config-access.ts";

/** Question ids and the flags that answer them (the CLI fills answers by these ids). */
export const AGENT_QUESTIONS = {
  name: { id: "agents.name", flag: "<name>" },
  workspace: { id: "agents.workspace", flag: "--workspace <dir>" },
  model: { id: "agents.model", flag: "--model <provider/model>" },
  bind: { id: "agents.bind", flag: "--bind <channel[:accountId]>" },
} as const;

export interface AgentsAddRequest {
  host: Host;
  paths: StatePaths;
  prompter: Prompter;
  /** --bind values, checked here (a multiselect cannot carry account ids). */
  bind?: string[];
  json: boolean;
}

export function runAgentsAdd(req: AgentsAddRequest): Promise<number> {
  const { host, paths } = req;
  let agent: NewAgent;
  return runPlan({
    host,
    paths,
    prompter: req.prompter,
    command: "openclaw agents add",
    config: agentsConfigNeed(host, paths),
    intro: "openclaw agents add",
    async ask({ config }, prompter) {
      // The edits (the new agent's entry) are computed from the config read under the lock.
      agent = await askAgent({ ...req, prompter }, config);
      return mergePlan(emptyPlan(), {
        configEdits: addAgentEdits(config, agent),
        dirs: [
          { path: agent.agentDir, mode: SECRET_DIR_MODE },
          { path: sessionsDir(paths, agent.id), mode: SECRET_DIR_MODE },
        ],
        workspace: { path: agent.workspace, seedFiles: true },
      });
    },
    report: ({ result }) => report(req, agent, result!),
  });
}

async function report(req: AgentsAddRequest, agent: NewAgent, result: ApplyResult) {
  const { host, paths, prompter } = req;
  if (req.json) {
    host.stdout(
      JSON.stringify(
        {
          ok: true,
          agentId: agent.id,
          name: agent.name,
          workspace: agent.workspace,
          agentDir: agent.agentDir,
          sessionsDir: sessionsDir(paths, agent.id),
          model: agent.model ?? null,
          bindings: agent.bindings.map(formatBindSpec),
          workspaceFilesCreated: result.workspaceCreated,
        },
        null,
        2,
      ) + "\n",
    );
    return 0;
  }
  const t = (p: string) => tildify(p, host.home);
  const lines = [
    `Agent "${agent.id}" added.`,
    `  workspace  ${t(agent.workspace)} (${result.workspaceCreated.length} new files)`,
    `  state      ${t(agent.agentDir)}`,
    `  model      ${agent.model ?? "the default model"}`,
    `  bindings   ${agent.bindings.map(formatBindSpec).join(", ") || "none"}`,
  ];
  if (prompter.interactive) {
    await prompter.note(lines.slice(1).join("\n"), lines[0]);
    await prompter.outro("Restart the gateway to route messages to it.");
  } else {
    host.stdout(`${lines.join("\n")}\n`);
  }
  return 0;
}

async function askAgent(req: AgentsAddRequest, config: OpenclawConfig): Promise<NewAgent> {
  const { host, paths, prompter } = req;
  const name = (await prompter.text({
    ...AGENT_QUESTIONS.name,
    message: "Name of the new agent",
    placeholder: "work",
    required: true,
    validate: (v) => agentNameProblem(v, config),
  })).trim();
  const id = agentIdFromName(name);

  const workspaceInput = await prompter.text({
    ...AGENT_QUESTIONS.workspace,
    message: "Where should its workspace live?",
    initialValue: tildify(defaultAgentWorkspace(paths, id), host.home),
    validate: workspaceValidator(host, paths),
  });
  const model = (await prompter.text({
    ...AGENT_QUESTIONS.model,
    message: "Model (empty: the default model)",
    placeholder: "anthropic/claude-sonnet-4-5",
    initialValue: "",
    validate: (v) => (v.trim() === "" ? undefined : validatorFor(ModelRefSchema)(v.trim())),
  })).trim();

  return {
    id,
    name,
    workspace: resolveWorkspacePath(workspaceInput, host.home),
    agentDir: agentDirFor(paths, id),
    model: model || undefined,
    bindings: await askBindings(req, config),
  };
}

/** Flags win; otherwise, on a terminal, offer the configured channels. */
async function askBindings(req: AgentsAddRequest, config: OpenclawConfig): Promise<BindingSpec[]> {
  if (req.bind && req.bind.length > 0) {
    return req.bind.map((spec) => {
      const problem = bindSpecProblem(spec, config);
      if (problem) throw new UsageError(`--bind: ${problem}`, ["--bind"]);
      return parseBindSpec(spec)!;
    });
  }
  const channels = configuredChannels(config);
  if (!req.prompter.interactive || channels.length === 0) return [];
  const picked = await req.prompter.multiselect<string>({
    ...AGENT_QUESTIONS.bind,
    message: "Route which channels to this agent? (none: keep them on the default agent)",
    options: channels.map((c) => ({ value: c, label: c })),
    initialValues: [],
  });
  return picked.map((channel) => ({ channel }));
}
