/**
 * `openclaw doctor [--fix]`: validate the config and state, explain every
 * problem with its fix, and migrate legacy keys and state after a backup.
 */
import type { Command } from "commander";
import { exitAction } from "./action.ts";

export function registerDoctor(program: Command, setExit: (code: number) => void): Command {
  return program.command("doctor")
    .description("Check the config and state; explain and fix problems (legacy keys, file modes).")
    .option("--fix", "apply the fixes (the config is backed up to openclaw.json.bak first)")
    .option("--non-interactive", "ask nothing: report, and fix only with --fix")
    .option("--json", "print the report as JSON")
    .action(exitAction(
      setExit,
      async (raw: { fix?: boolean; nonInteractive?: boolean; json?: boolean }, { host, paths }) => {
        const { runDoctor } = await import("../doctor/run.ts");
        return await runDoctor({
          host,
          paths,
          fix: Boolean(raw.fix),
          json: Boolean(raw.json),
          mayAsk: !raw.nonInteractive && !raw.json && host.stdinIsTerminal &&
            host.stdoutIsTerminal,
        });
      },
    ));
}
