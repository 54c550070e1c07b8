/**
 * `openclaw agents list|add|delete`: more agents beside the default one, each
 * with its own workspace, state and channel bindings. `openclaw agents` alone
 * lists them.
 */
import type { Command } from "commander";
import { commandSetup } from "./program.ts";
import { exitAction } from "./action.ts";
import { pickPrompter } from "./prompter-choice.ts";

interface ListFlags {
  json?: boolean;
  bindings?: boolean;
}

interface AddFlags {
  workspace?: string;
  model?: string;
  bind?: string[];
  nonInteractive?: boolean;
  json?: boolean;
}

interface DeleteFlags {
  force?: boolean;
  trashFiles?: boolean;
  nonInteractive?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerAgents(program: Command, setExit: (code: number) => void): Command {
  const agents = program.command("agents")
    .description("List, add and delete agents (workspace + state + channel bindings).");

  const list = exitAction(setExit, async (flags: ListFlags, { host, paths }) => {
    const { runAgentsList } = await import("../agents/list.ts");
    return await runAgentsList({ host, paths, json: !!flags.json, bindings: !!flags.bindings });
  });
  // The default subcommand: `openclaw agents` alone lists them.
  agents.command("list", { isDefault: true })
    .description("List the agents with their workspace, model and bindings.")
    .option("--json", "print the agents as JSON")
    .option("--bindings", "show every binding, not just how many")
    .action(list);

  agents.command("add [name]")
    .description("Add an agent: its workspace (seeded), state folders and channel bindings.")
    .option(
      "--workspace <dir>",
      "its workspace folder (default ~/.openclaw/workspace-<id>; relative: under your home)",
    )
    .option("--model <provider/model>", "its model (default: the default model)")
    .option(
      "--bind <channel[:accountId]>",
      "route a configured channel (or one account of it) to this agent; repeatable",
      collect,
    )
    .option("--non-interactive", "ask nothing: take answers from the arguments and flags")
    .option("--json", "print the result as JSON")
    .action(async (name: string | undefined, flags: AddFlags, self: Command) => {
      const { host, paths } = await commandSetup(self);
      const { AGENT_QUESTIONS, runAgentsAdd } = await import("../agents/add.ts");
      const answers = new Map<string, unknown>();
      if (name !== undefined) answers.set(AGENT_QUESTIONS.name.id, name);
      if (flags.workspace !== undefined) answers.set(AGENT_QUESTIONS.workspace.id, flags.workspace);
      if (flags.model !== undefined) answers.set(AGENT_QUESTIONS.model.id, flags.model);
      const prompter = await pickPrompter(
        host,
        { nonInteractive: Boolean(flags.nonInteractive), json: Boolean(flags.json) },
        answers,
      );
      setExit(
        await runAgentsAdd({ host, paths, prompter, bind: flags.bind, json: Boolean(flags.json) }),
      );
    });

  agents.command("delete <id>")
    .description("Remove an agent and its bindings; its files stay unless --trash-files.")
    .option("--force", "do not ask for confirmation")
    .option("--trash-files", "also move its workspace and sessions to the trash")
    .option("--non-interactive", "ask nothing (needs --force)")
    .option("--json", "print the result as JSON")
    .action(async (id: string, flags: DeleteFlags, self: Command) => {
      const { host, paths } = await commandSetup(self);
      const { runAgentsDelete } = await import("../agents/delete.ts");
      const answers = new Map<string, unknown>();
      if (flags.force) answers.set("agents.delete.confirm", true);
      if (flags.trashFiles) answers.set("agents.delete.trashFiles", true);
      const prompter = await pickPrompter(
        host,
        { nonInteractive: Boolean(flags.nonInteractive), json: Boolean(flags.json) },
        answers,
      );
      setExit(await runAgentsDelete({ host, paths, prompter, id, json: Boolean(flags.json) }));
    });

  return agents;
}
