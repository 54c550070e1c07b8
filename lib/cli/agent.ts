/**
 * `openclaw agent --message <text> [--session <key>] [--agent <id>] [--local]
 * [--json] [--timeout <s>]`: one turn of the agent, through the running
 * gateway when one answers, else in this process. Exit 0 answered, 1 the
 * turn failed (the reason on stderr), 2 usage.
 */
import type { Command } from "commander";
import { commandSetup } from "./program.ts";
import { UsageError } from "../errors.ts";

interface RawAgentOptions {
  message: string;
  session?: string;
  sessionKey?: string;
  agent?: string;
  local?: boolean;
  json?: boolean;
  timeout: string;
}

export function registerAgent(program: Command, setExit: (code: number) => void): Command {
  return program.command("agent")
    .description("Send the agent one message and print its reply.")
    .requiredOption("-m, --message <text>", "the message")
    .option("--session <key>", 'the session to talk in (default "main")')
    .option("--session-key <key>", "the same as --session (the public CLI's name)")
    .option("--agent <id>", "the agent that answers (default: the default agent)")
    .option("--local", "run the turn in this process even if a gateway is running")
    .option("--json", "print the result as JSON")
    .option("--timeout <seconds>", "how long the turn may take", "600")
    .action(async (raw: RawAgentOptions, self: Command) => {
      const timeoutSec = Number(raw.timeout);
      if (!/^\d+$/.test(raw.timeout.trim()) || timeoutSec < 1 || timeoutSec > 86_400) {
        throw new UsageError(`--timeout: "${raw.timeout}" is not a number of seconds (1–86400).`, [
          "--timeout",
        ]);
      }
      if (!raw.message.trim()) throw new UsageError("--message is empty.", ["--message"]);
      const { host, paths } = await commandSetup(self);
      const { runAgentCommand } = await import("./agent-run.ts");
      setExit(
        await runAgentCommand({
          host,
          paths,
          message: raw.message,
          sessionKey: raw.session ?? raw.sessionKey,
          agentId: raw.agent,
          local: Boolean(raw.local),
          json: Boolean(raw.json),
          timeoutMs: timeoutSec * 1000,
        }),
      );
    });
}
