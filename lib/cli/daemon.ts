/**
 * `openclaw daemon install|uninstall|start|stop|restart|status`: the gateway
 * as a user service (systemd user unit on Linux and WSL2, LaunchAgent on
 * macOS). Thin: flags in, lib/daemon/run.ts does the work.
 */
import type { Command } from "commander";
import { commandSetup } from "./program.ts";
import { terminalConfirm } from "./action.ts";
import type { DaemonAction } from "../daemon/run.ts";

const ACTIONS: { name: Exclude<DaemonAction, "install" | "status">; what: string }[] = [
  { name: "uninstall", what: "stop, disable and remove the gateway service" },
  { name: "start", what: "start the gateway service" },
  { name: "stop", what: "stop the gateway service" },
  { name: "restart", what: "restart the gateway service" },
];

export function registerDaemon(program: Command, setExit: (code: number) => void): Command {
  const daemon = program.command("daemon")
    .description(
      "Run the gateway as a user service: systemd user unit (Linux, WSL2) or LaunchAgent (macOS).",
    );

  const run = async (self: Command, action: DaemonAction, raw: Record<string, unknown>) => {
    const { host, paths } = await commandSetup(self);
    const { runDaemon } = await import("../daemon/run.ts");
    const json = Boolean(raw.json);
    setExit(
      await runDaemon({
        host,
        paths,
        action,
        json,
        port: raw.port as string | undefined,
        force: Boolean(raw.force),
        runtime: raw.runtime as string | undefined,
        probe: raw.probe as boolean | undefined,
        confirm: terminalConfirm("daemon.replaceEdited", false),
      }),
    );
  };

  daemon.command("install")
    .description(
      "install (or update) the service and start it; on Linux also turn on lingering so it " +
        "keeps running after logout",
    )
    .option("--port <port>", "gateway port (default: gateway.port of the config, or 18789)")
    .option(
      "--runtime <runtime>",
      "accepted for compatibility: node or deno both mean openclaw's own runtime; bun is not offered",
    )
    .option("--force", "replace a service file that was edited by hand (kept as <file>.bak)")
    .option("--json", "print the result as JSON")
    .action((raw: Record<string, unknown>, self: Command) => run(self, "install", raw));

  for (const a of ACTIONS) {
    daemon.command(a.name)
      .description(a.what)
      .option("--json", "print the result as JSON")
      .action((raw: Record<string, unknown>, self: Command) => run(self, a.name, raw));
  }

  daemon.command("status")
    .description(
      "installed, enabled, running, its command line, last exit, and whether the gateway answers",
    )
    .option("--no-probe", "do not check whether the gateway answers")
    .option("--json", "print the status as JSON")
    .action((raw: Record<string, unknown>, self: Command) => run(self, "status", raw));

  return daemon;
}
