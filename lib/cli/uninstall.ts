/**
 * `openclaw uninstall`: remove the gateway service and what install.sh
 * installed (binary, PATH scripts and profile lines, from its receipt), and
 * the state or workspace only when asked, to the trash.
 */
import type { Command } from "commander";
import { fileURLToPath } from "node:url";
import { commandSetup } from "./program.ts";
import { pickPrompter } from "./prompter-choice.ts";

export function registerUninstall(program: Command, setExit: (code: number) => void): Command {
  return program.command("uninstall")
    .description(
      "Remove openclaw: its gateway service, the program install.sh put in place and its PATH " +
        "lines; state and workspace only when asked (to the trash).",
    )
    .option("--service", "only the gateway service (the CLI stays)")
    .option("--state", "move the state and config to the trash (the CLI stays)")
    .option("--workspace", "move the workspace to the trash (the CLI stays)")
    .option("--all", "everything: service, program, PATH lines, state and workspace")
    .option("--yes", "do not ask for confirmation")
    .option("--non-interactive", "ask nothing (needs --yes)")
    .option("--dry-run", "list what would be removed; change nothing")
    .addHelpText(
      "after",
      "\nWith no scope flag: the service, the binary, its PATH scripts and profile lines.\n" +
        "--service, --state and --workspace remove only what they name (combine them freely).\n" +
        "Data (state, workspace) always goes to the trash, never deleted outright.",
    )
    .action(async (raw: UninstallFlags, self: Command) => {
      const { host, paths } = await commandSetup(self);
      const answers = new Map<string, unknown>();
      if (raw.yes) answers.set("uninstall.confirm", true);
      const prompter = await pickPrompter(
        host,
        { nonInteractive: Boolean(raw.nonInteractive), json: false },
        answers,
      );
      const { runUninstall, scopesFromFlags } = await import("../uninstall/run.ts");
      const standalone = (Deno.build as { standalone?: boolean }).standalone === true;
      setExit(
        await runUninstall({
          host,
          paths,
          prompter,
          scopes: scopesFromFlags(raw),
          dryRun: Boolean(raw.dryRun),
          selfBinary: standalone ? Deno.execPath() : undefined,
          daemonCommand: hasCommand(program, "daemon")
            ? [...selfCommand(standalone), ...(paths.profile ? ["--profile", paths.profile] : [])]
            : undefined,
          uid: Deno.uid() ?? 0,
        }),
      );
    });
}

function hasCommand(program: Command, name: string): boolean {
  return program.commands.some((c) => c.name() === name);
}

/** How to run this same openclaw again: the binary itself, or deno with main.ts. */
function selfCommand(standalone: boolean): string[] {
  if (standalone) return [Deno.execPath()];
  const main = fileURLToPath(new URL("../../main.ts", import.meta.url));
  return [Deno.execPath(), "run", "-A", "--quiet", main];
}

interface UninstallFlags {
  service?: boolean;
  state?: boolean;
  workspace?: boolean;
  all?: boolean;
  yes?: boolean;
  nonInteractive?: boolean;
  dryRun?: boolean;
}
