/**
 * openclaw: the onboarding wizard, the gateway daemon and the admin CLI in
 * one program. `--version` is answered here without loading anything else
 * (the command tree, prompts, schemas and JSONC parser load lazily).
 */
import { VERSION } from "./lib/version.ts";
import { ignoreUncaughtBrokenPipe } from "./lib/platform/broken-pipe.ts";

if (import.meta.main) {
  ignoreUncaughtBrokenPipe();
  const args = Deno.args;
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    console.log(VERSION);
  } else if (args[0] === "__whatsapp-worker" && Deno.build.standalone) {
    // A compiled binary runs its WhatsApp worker as itself (lib/channels/whatsapp/login.ts);
    // from source, deno runs the worker's entry point directly.
    const worker: string = "./lib/cli/whatsapp-worker.ts";
    const { whatsappWorkerMain } = await import(
      worker
    ) as typeof import("./lib/cli/whatsapp-worker.ts");
    await whatsappWorkerMain(args.slice(1));
  } else {
    // A computed specifier: without deno.json's lazy-dynamic-imports (run with another
    // config), `deno run` builds the module graph of every literal import() before running
    // anything (~25 ms for the whole command tree, even for --version). `deno task compile`
    // puts the tree in the binary with --include.
    const program: string = "./lib/cli/program.ts";
    const { runCli } = await import(program) as typeof import("./lib/cli/program.ts");
    Deno.exitCode = await runCli(args);
  }
}
