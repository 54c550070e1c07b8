/**
 * Google Chat, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { channelMeta, EMAIL, field } from "../meta.ts";

export const GOOGLECHAT_AUDIENCE_TYPES = ["app-url", "project-number"] as const;

/** The Chat API the replies go through; OPENCLAW_GOOGLECHAT_API_BASE moves it. */
export const GOOGLECHAT_API_BASE = "https://chat.googleapis.com";

export const googlechatMeta = channelMeta(
  "googlechat",
  "Google Chat",
  "service account + webhook",
  {
    fields: [
      field("serviceAccountFile", "--googlechat-service-account <file>", "--token-file <file>")
        .help("Google Chat service-account JSON key file (copied, stored 0600)"),
      field("audienceType", "--googlechat-audience-type <type>", "--audience-type <type>")
        .help("Google Chat webhook audience type: app-url or project-number"),
      field("audience", "--googlechat-audience <value>", "--audience <value>")
        .help("Google Chat webhook audience (the app URL or the project number)"),
      field("webhookPath", "--googlechat-webhook-path <path>", "--webhook-path <path>")
        .help("Google Chat webhook path on the gateway (default /googlechat)"),
    ],
    config: {
      serviceAccountFile: "text",
      audienceType: GOOGLECHAT_AUDIENCE_TYPES,
      audience: "text",
      webhookPath: "webhookPath",
    },
    apiBase: { url: GOOGLECHAT_API_BASE, env: "OPENCLAW_GOOGLECHAT_API_BASE" },
    senderIds: {
      // users/<id> is the stable resource name; the email is the account's own address.
      isId: (e) => /^users\/[^\s/]+$/.test(e) || EMAIL.test(e),
      hint: "users/<id> or the account's email address",
    },
    load: () => import("./channel.ts").then((m) => m.googlechatChannel),
  },
);
