/**
 * `openclaw dashboard [--no-open]`: open the Control UI signed in (the
 * credential travels in the URL fragment). Thin: lib/gateway/dashboard.ts
 * does the work.
 */
import type { Command } from "commander";
import { commandSetup } from "./program.ts";

export function registerDashboard(program: Command, setExit: (code: number) => void): Command {
  return program.command("dashboard")
    .description("Open the Control UI, signed in (prints its link; --no-open: only print it).")
    .option("--no-open", "print the link, do not open a browser")
    .action(async (raw: { open: boolean }, self: Command) => {
      const { host, paths } = await commandSetup(self);
      const { runDashboard } = await import("../gateway/dashboard.ts");
      setExit(
        await runDashboard({
          host,
          paths,
          open: raw.open,
          interactive: host.stdinIsTerminal && host.stdoutIsTerminal,
          confirm: async (message) => {
            const { ClackPrompter } = await import("../wizard/clack-prompter.ts");
            return await new ClackPrompter().confirm({
              id: "dashboard.startGateway",
              message,
              initialValue: true,
            });
          },
        }),
      );
    });
}
