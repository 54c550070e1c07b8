/** WhatsApp, the whole channel (loaded through the registry; see ../meta.ts). */
import type { Section } from "../meta.ts";
import { describeChannel } from "../descriptor.ts";
import { isFile, type ProbeContext, type ProbeResult } from "../probe.ts";
import { whatsappMeta } from "./meta.ts";
import { setupWhatsApp, whatsappAuthDir } from "./setup.ts";
import { whatsappRuntime } from "./runtime.ts";

/** Every account is linked once its credentials folder holds creds.json. */
async function probeWhatsApp(s: Section, ctx: ProbeContext): Promise<ProbeResult> {
  const accounts = Object.entries((s.accounts ?? {}) as Record<string, { authDir?: string }>);
  if (accounts.length === 0) return { status: "warn", detail: "no account set up" };
  const unlinked: string[] = [];
  for (const [id, a] of accounts) {
    const dir = a.authDir ?? whatsappAuthDir(ctx.paths.credentialsDir, id);
    if (!(await isFile(`${dir}/creds.json`))) unlinked.push(id);
  }
  return unlinked.length
    ? {
      status: "warn",
      detail: `not linked yet: ${unlinked.join(", ")} (scan the QR code to link)`,
    }
    : { status: "ok", detail: `linked: ${accounts.map(([id]) => id).join(", ")}` };
}

export const whatsappChannel = describeChannel(whatsappMeta, {
  setup: setupWhatsApp,
  probe: probeWhatsApp,
  runtime: whatsappRuntime,
});
