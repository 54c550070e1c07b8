/**
 * Google Chat, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { type ChannelMeta, dmFields, EMAIL } from "../meta.ts";

export const GOOGLECHAT_AUDIENCE_TYPES = ["app-url", "project-number"] as const;

export const googlechatMeta = {
  id: "googlechat",
  label: "Google Chat",
  hint: "service account + webhook",
  fields: [
    {
      key: "serviceAccountFile",
      onboard: "--googlechat-service-account <file>",
      add: "--token-file <file>",
      description: "Google Chat service-account JSON key file (copied, stored 0600)",
    },
    {
      key: "audienceType",
      onboard: "--googlechat-audience-type <type>",
      add: "--audience-type <type>",
      description: "Google Chat webhook audience type: app-url or project-number",
    },
    {
      key: "audience",
      onboard: "--googlechat-audience <value>",
      add: "--audience <value>",
      description: "Google Chat webhook audience (the app URL or the project number)",
    },
    {
      key: "webhookPath",
      onboard: "--googlechat-webhook-path <path>",
      add: "--webhook-path <path>",
      description: "Google Chat webhook path on the gateway (default /googlechat)",
    },
    ...dmFields("googlechat"),
  ],
  config: {
    serviceAccountFile: "text",
    audienceType: GOOGLECHAT_AUDIENCE_TYPES,
    audience: "text",
    webhookPath: "webhookPath",
  },
  legacyKeys: ["googlechat"],
  senderIds: {
    // users/<id> is the stable resource name; the email is the account's own address.
    isId: (e) => /^users\/[^\s/]+$/.test(e) || EMAIL.test(e),
    hint: "users/<id> or the account's email address",
  },
  load: () => import("./channel.ts").then((m) => m.googlechatChannel),
} as const satisfies ChannelMeta<"googlechat">;
