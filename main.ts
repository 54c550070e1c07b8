/**
 * openclaw: the onboarding wizard, the gateway daemon and the admin CLI in
 * one program. `--version` is answered here without loading anything else
 * (the command tree, prompts, schemas and JSONC parser load lazily).
 */
import { VERSION } from "./lib/version.ts";

if (import.meta.main) {
  const args = Deno.args;
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    console.log(VERSION);
  } else {
    const { runCli } = await import("./lib/cli/program.ts");
    Deno.exitCode = await runCli(args);
  }
}
