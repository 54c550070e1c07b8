/** Google Chat, the whole channel (loaded through the registry; see ../meta.ts). */
import type { Section } from "../meta.ts";
import { describeChannel } from "../descriptor.ts";
import { type ProbeResult, str } from "../probe.ts";
import { googlechatMeta } from "./meta.ts";
import { parseServiceAccount, setupGoogleChat } from "./setup.ts";
import { googlechatRuntime } from "./runtime.ts";

/** The key file: there, a service-account key, and readable by us only. */
async function probeGoogleChat(s: Section): Promise<ProbeResult> {
  const file = str(s.serviceAccountFile);
  if (!file) return { status: "error", detail: "no serviceAccountFile" };
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (err) {
    return { status: "error", detail: `cannot read ${file}: ${(err as Error).name}` };
  }
  const r = parseServiceAccount(text);
  if (!r.ok) return { status: "error", detail: `${file}: ${r.problem}` };
  const mode = ((await Deno.stat(file)).mode ?? 0o600) & 0o777;
  if (mode & 0o077) {
    return {
      status: "warn",
      detail: `${file} is readable by others (mode ${mode.toString(8)}): chmod 600 it`,
    };
  }
  return { status: "ok", detail: `service account ${r.key.client_email}` };
}

export const googlechatChannel = describeChannel(googlechatMeta, {
  setup: setupGoogleChat,
  probe: probeGoogleChat,
  runtime: googlechatRuntime,
});
