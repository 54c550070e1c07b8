/**
 * The shapes most command actions share, written once: set up the host and
 * paths for this run (global flags, profile, how commands are printed), run
 * the command's module and turn its result into the exit code; and the one
 * yes/no question a command asks outside any wizard.
 *
 * The command's module stays a lazy `import()` in the caller's `run`: start-up
 * and `--help` load no command code.
 */
import type { Command } from "commander";
import { commandSetup } from "./program.ts";

/** What commandSetup hands an action: host, paths and the global options. */
export type CommandContext = Awaited<ReturnType<typeof commandSetup>>;

/** A commander action for a command without arguments: its options in, an exit code out. */
export function exitAction<Raw>(
  setExit: (code: number) => void,
  run: (raw: Raw, ctx: CommandContext) => Promise<number>,
): (raw: Raw, self: Command) => Promise<void> {
  return async (raw, self) => setExit(await run(raw, await commandSetup(self)));
}

/**
 * A confirm on the terminal (clack, loaded only when the question is asked),
 * for the commands that may ask one thing before they act.
 */
export function terminalConfirm(id: string, initialValue: boolean) {
  return async (message: string): Promise<boolean> => {
    const { ClackPrompter } = await import("../wizard/clack-prompter.ts");
    return await new ClackPrompter().confirm({ id, message, initialValue });
  };
}
