/**
 * `openclaw health [--json] [--timeout <ms>]`: ask the gateway how it is.
 * Exit 1 when it cannot be reached (the message says how to start it).
 */
import type { Command } from "commander";
import { commandSetup } from "./program.ts";
import { parseTimeout } from "./timeout.ts";

export function registerHealth(program: Command, setExit: (code: number) => void): Command {
  return program.command("health")
    .description("Ask the running gateway for its health.")
    .option("--json", "print the answer as JSON")
    .option("--timeout <ms>", "how long to wait for the gateway, in milliseconds", "10000")
    .action(async (raw: { json?: boolean; timeout: string }, self: Command) => {
      const timeoutMs = parseTimeout(raw.timeout);
      const { host, paths } = await commandSetup(self);
      const { runHealth } = await import("../gateway/probe.ts");
      setExit(await runHealth({ host, paths, json: Boolean(raw.json), timeoutMs }));
    });
}
