/**
 * The WhatsApp worker's process entry point (lib/channels/whatsapp/worker.ts
 * is the session): run by deno on this file from source, or by a compiled
 * binary as itself (main.ts). It imports nothing but the worker, so it runs
 * with --no-config and the worker's own lock.
 */
import { runWorker } from "../channels/whatsapp/worker.ts";

/** Run the session for the credentials folder `args[0]`, then end the process. */
export async function whatsappWorkerMain(args: string[]): Promise<never> {
  const [authDir] = args;
  if (!authDir) {
    console.error("usage: whatsapp-worker.ts <credentials folder>");
    Deno.exit(2);
  }
  await runWorker(authDir, Deno.env.get("OPENCLAW_WHATSAPP_WS_URL"));
  // Baileys keeps timers after the session ends; the session is over, so is the process.
  Deno.exit(0);
}

if (import.meta.main) await whatsappWorkerMain(Deno.args);
