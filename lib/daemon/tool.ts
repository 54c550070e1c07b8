/**
 * Running systemctl, loginctl, launchctl and sudo through the host: a missing
 * program becomes exit 127 (never a crash), and a failure becomes an error
 * that shows the program's own message and the command to run by hand.
 */
import type { CommandResult, Host, RunOptions } from "../host.ts";
import { ActionableError } from "../errors.ts";
import { shellQuoteKeepingTilde } from "../platform/invocation.ts";

export async function runTool(
  host: Host,
  cmd: string,
  args: string[],
  opts?: RunOptions,
): Promise<CommandResult> {
  try {
    return await host.run(cmd, args, opts);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      return { code: 127, stdout: "", stderr: `${cmd}: command not found` };
    }
    throw err;
  }
}

/** Run and require success; on failure throw ToolFailedError. */
export async function runChecked(
  host: Host,
  cmd: string,
  args: string[],
  hint: string,
  opts?: RunOptions,
): Promise<CommandResult> {
  const r = await runTool(host, cmd, args, opts);
  if (r.code !== 0) throw new ToolFailedError(cmd, args, r, hint);
  return r;
}

export class ToolFailedError extends ActionableError {
  constructor(
    readonly cmd: string,
    readonly args: string[],
    readonly result: CommandResult,
    hint: string,
  ) {
    const shown = shellJoin([cmd, ...args]);
    const said = (result.stderr.trim() || result.stdout.trim() || "(no output)")
      .split("\n").slice(0, 8).map((l) => `  ${l}`).join("\n");
    super(
      (result.code === 127
        ? `${cmd} was not found, so \`${shown}\` could not run.\n`
        : `\`${shown}\` failed (exit ${result.code}):\n${said}\n`) +
        `To do this step by hand: ${shown}` + (hint ? `\n${hint}` : ""),
    );
  }
}

/** A command line as the user would type it in a POSIX shell. */
export function shellJoin(argv: string[]): string {
  return argv.map((a) => shellQuoteKeepingTilde(a)).join(" ");
}
