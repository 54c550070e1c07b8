/**
 * `openclaw reset`: move local state to the trash (never rm), by scope:
 * config; config + credentials + sessions; or everything including the
 * workspace. Keeps the CLI installed.
 */
import { type Command, Option } from "commander";
import { commandSetup } from "./program.ts";
import { pickPrompter } from "./prompter-choice.ts";
import { DEFAULT_RESET_SCOPE, RESET_SCOPES } from "../config/reset-scopes.ts";

export function registerReset(program: Command, setExit: (code: number) => void): Command {
  return program.command("reset")
    .description("Move openclaw's local config and state to the trash (the CLI stays installed).")
    .addOption(
      new Option(
        "--scope <scope>",
        `what to move to the trash (asked when omitted; ${DEFAULT_RESET_SCOPE} is offered first)`,
      ).choices(RESET_SCOPES),
    )
    .option("--yes", "do not ask for confirmation")
    .option("--dry-run", "list what would move to the trash; change nothing")
    .option("--non-interactive", "ask nothing (needs --scope and --yes)")
    .option("--json", "print the result as JSON")
    .action(async (raw: ResetFlags, self: Command) => {
      const { host, paths } = await commandSetup(self);
      const answers = new Map<string, unknown>();
      if (raw.scope) answers.set("reset.scope", raw.scope);
      if (raw.yes) answers.set("reset.confirm", true);
      const prompter = await pickPrompter(
        host,
        { nonInteractive: Boolean(raw.nonInteractive), json: Boolean(raw.json) },
        answers,
      );
      const { runReset } = await import("../reset/run.ts");
      setExit(
        await runReset({
          host,
          paths,
          prompter,
          dryRun: Boolean(raw.dryRun),
          json: Boolean(raw.json),
        }),
      );
    });
}

interface ResetFlags {
  scope?: string;
  yes?: boolean;
  dryRun?: boolean;
  nonInteractive?: boolean;
  json?: boolean;
}
