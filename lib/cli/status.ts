/**
 * `openclaw status [--deep] [--json]`: the gateway's state; --deep adds its
 * health probes. Exit 1 when the gateway cannot be reached.
 */
import type { Command } from "commander";
import { commandSetup } from "./program.ts";
import { parseTimeout } from "./timeout.ts";

export function registerStatus(program: Command, setExit: (code: number) => void): Command {
  return program.command("status")
    .description("Show the gateway's status (--deep: with health probes).")
    .option("--deep", "also run the gateway's health probes")
    .option("--json", "print the answer as JSON")
    .option("--timeout <ms>", "how long to wait for the gateway, in milliseconds", "10000")
    .action(async (raw: { deep?: boolean; json?: boolean; timeout: string }, self: Command) => {
      const timeoutMs = parseTimeout(raw.timeout);
      const { host, paths } = await commandSetup(self);
      const { runStatus } = await import("../gateway/probe.ts");
      setExit(
        await runStatus({
          host,
          paths,
          json: Boolean(raw.json),
          deep: Boolean(raw.deep),
          timeoutMs,
        }),
      );
    });
}
