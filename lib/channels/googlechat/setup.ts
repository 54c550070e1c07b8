/**
 * Google Chat: a service-account JSON key (checked: type service_account,
 * client_email, private_key), copied into the credentials folder with mode
 * 0600, plus the webhook audience the Chat app is configured with.
 */
import { absolute } from "../../config/paths.ts";
import { SECRET_DIR_MODE, SECRET_FILE_MODE } from "../../platform/files.ts";
import type { Validator } from "../../wizard/prompter.ts";
import { type ChannelPlan, channelQuestions, type ChannelSetupContext } from "../context.ts";
import { askDmAccess } from "../dm-access.ts";
import { validateWebhookPath } from "../schemas.ts";
import type { GOOGLECHAT_AUDIENCE_TYPES } from "./meta.ts";
import type { Host } from "../../host.ts";

export const DEFAULT_GOOGLECHAT_WEBHOOK_PATH = "/googlechat";

export interface ServiceAccount {
  type: "service_account";
  client_email: string;
  private_key: string;
  [k: string]: unknown;
}

/** Check a service-account key's text; returns the problem, or the parsed key. */
export function parseServiceAccount(
  text: string,
): { ok: true; key: ServiceAccount } | { ok: false; problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {
      ok: false,
      problem:
        "it is not JSON. Download the key again (IAM → Service accounts → Keys → Add key → JSON).",
    };
  }
  const d = data as Record<string, unknown>;
  if (!d || typeof d !== "object" || Array.isArray(d)) {
    return { ok: false, problem: "it is not a JSON object." };
  }
  if (d.type !== "service_account") {
    return {
      ok: false,
      problem: `its "type" is ${JSON.stringify(d.type ?? null)}, not "service_account" ` +
        "(an OAuth client file is not a service-account key). Create a JSON key for a service account.",
    };
  }
  if (typeof d.client_email !== "string" || !/^[^@\s]+@[^@\s]+$/.test(d.client_email)) {
    return { ok: false, problem: 'it has no valid "client_email". Download the key again.' };
  }
  if (typeof d.private_key !== "string" || !d.private_key.includes("PRIVATE KEY-----")) {
    return { ok: false, problem: 'it has no "private_key" (a PEM block). Download the key again.' };
  }
  return { ok: true, key: d as ServiceAccount };
}

/** The prompt/flag validator: the file must exist, be readable and hold a service-account key. */
export function serviceAccountValidator(host: Host): Validator {
  return (input) => {
    const raw = input.trim();
    if (raw === "") return "Enter the path of the service-account JSON key file.";
    const path = absolute(raw, host);
    let text: string;
    try {
      text = Deno.readTextFileSync(path);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return `${path} does not exist.`;
      if (err instanceof Deno.errors.IsADirectory) {
        return `${path} is a folder, not a JSON key file.`;
      }
      return `Cannot read ${path}: ${(err as Error).message}`;
    }
    const r = parseServiceAccount(text);
    return r.ok ? undefined : `${path}: ${r.problem}`;
  };
}

export function googleChatKeyPath(credentialsDir: string): string {
  return `${credentialsDir}/googlechat/service-account.json`;
}

const AUDIENCE_HINT = {
  "app-url": "the HTTPS URL Google Chat calls (your gateway's public URL + webhook path)",
  "project-number": "your Google Cloud project number (digits)",
};

export async function setupGoogleChat(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const q = channelQuestions(ctx, "googlechat");
  const stored = googleChatKeyPath(ctx.paths.credentialsDir);
  const existing = q.current("serviceAccountFile");
  const validate = serviceAccountValidator(ctx.host);
  const given = await q.text("serviceAccountFile", {
    message: existing
      ? "Service-account JSON key file (Enter keeps the current one)"
      : "Service-account JSON key file",
    placeholder: "~/Downloads/project-123abc.json",
    required: !existing,
    initialValue: existing ? "" : undefined,
    validate: (v) => (existing && v.trim() === "" ? undefined : validate(v)),
  });
  const source = given ? absolute(given, ctx.host) : undefined;
  const keyText = source ? Deno.readTextFileSync(source) : undefined;

  const audienceType = await q.select<typeof GOOGLECHAT_AUDIENCE_TYPES[number]>(
    "audienceType",
    {
      message: "Webhook audience type (as set in your Chat app's connection settings)",
      options: [
        { value: "app-url", label: "App URL", hint: "the HTTPS endpoint URL" },
        { value: "project-number", label: "Project number", hint: "the Cloud project's number" },
      ],
      initialValue: (ctx.current.audienceType as "app-url" | "project-number") ?? "app-url",
    },
  );
  const audience = await q.text("audience", {
    message: `Webhook audience: ${AUDIENCE_HINT[audienceType]}`,
    initialValue: q.current("audience"),
    required: q.current("audience") === undefined,
    validate: audienceType === "project-number"
      ? (
        v,
      ) => (/^\d{6,}$/.test(v.trim())
        ? undefined
        : "A project number is digits only, e.g. 123456789012.")
      : (v) => (/^https:\/\/\S+$/.test(v.trim()) ? undefined : "The app URL starts with https://."),
  });
  const webhookPath = await q.text("webhookPath", {
    message: "Webhook path on the gateway",
    initialValue: q.current("webhookPath") ?? DEFAULT_GOOGLECHAT_WEBHOOK_PATH,
    validate: validateWebhookPath,
  });
  const dm = await askDmAccess(ctx, "googlechat", { idHint: "users/<id> or email addresses" });
  return {
    dirs: [{ path: `${ctx.paths.credentialsDir}/googlechat`, mode: SECRET_DIR_MODE }],
    files: keyText === undefined ? [] : [{
      path: stored,
      description: `Google Chat service-account key (copied from ${source})`,
      mode: SECRET_FILE_MODE,
      merge: () => keyText,
    }],
    configEdits: [
      ...q.enable({
        serviceAccountFile: keyText === undefined ? existing : stored,
        audienceType,
        audience,
        webhookPath,
      }),
      ...dm,
    ],
    nextSteps: [
      `Google Chat: point the Chat app's HTTP endpoint at your gateway's public URL + ${webhookPath}.`,
    ],
  };
}
