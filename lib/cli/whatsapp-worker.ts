/**
 * The WhatsApp worker's process entry point (lib/channels/whatsapp/worker.ts
 * is the session): run by deno on this file from source, or by a compiled
 * binary as itself (main.ts). It imports nothing but the worker, so it runs
 * with --no-config and the worker's own lock.
 */
import { runWorker } from "../channels/whatsapp/worker.ts";

/** Run the session for the credentials folder `args[0]` (mode `args[1]`), then end the process. */
export async function whatsappWorkerMain(args: string[]): Promise<never> {
  const [authDir, mode] = args;
  if (!authDir || (mode !== undefined && mode !== "run")) {
    console.error("usage: whatsapp-worker.ts <credentials folder> [run]");
    Deno.exit(2);
  }
  await runWorker(
    authDir,
    Deno.env.get("OPENCLAW_WHATSAPP_WS_URL"),
    mode === "run" ? "run" : "link",
    Deno.env.get("OPENCLAW_WHATSAPP_LIBRARY"),
  );
  // Baileys keeps timers after the session ends; the session is over, so is the process.
  Deno.exit(0);
}

if (import.meta.main) await whatsappWorkerMain(Deno.args);
