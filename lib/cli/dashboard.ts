/**
 * `openclaw dashboard [--no-open]`: open the Control UI signed in (the
 * credential travels in the URL fragment). Thin: lib/gateway/dashboard.ts
 * does the work.
 */
import type { Command } from "commander";
import { exitAction, terminalConfirm } from "./action.ts";

export function registerDashboard(program: Command, setExit: (code: number) => void): Command {
  return program.command("dashboard")
    .description("Open the Control UI, signed in (prints its link; --no-open: only print it).")
    .option("--no-open", "print the link, do not open a browser")
    .action(exitAction(setExit, async (raw: { open: boolean }, { host, paths }) => {
      const { runDashboard } = await import("../gateway/dashboard.ts");
      return await runDashboard({
        host,
        paths,
        open: raw.open,
        interactive: host.stdinIsTerminal && host.stdoutIsTerminal,
        confirm: terminalConfirm("dashboard.startGateway", true),
      });
    }));
}
