/**
 * Microsoft Teams, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { channelMeta, field, secret, UUID } from "../meta.ts";

/** Where the bot's access tokens come from (Microsoft Entra); OPENCLAW_MSTEAMS_API_BASE moves it. */
export const MSTEAMS_LOGIN_BASE = "https://login.microsoftonline.com";
/** Bot Framework's messaging endpoint path on the gateway, unless webhookPath says otherwise. */
export const DEFAULT_MSTEAMS_WEBHOOK_PATH = "/api/messages";

export const msteamsMeta = channelMeta(
  "msteams",
  "Microsoft Teams",
  "Azure Bot app id, secret, tenant",
  {
    fields: [
      field("appId", "--msteams-app-id <id>", "--app-id <id>")
        .help("Microsoft Teams bot's app (client) id, a GUID from Azure Bot"),
      secret(
        "appPassword",
        "--msteams-app-password <secret>",
        "--app-password <secret>",
        "MSTEAMS_APP_PASSWORD",
      )
        .help("Microsoft Teams bot's client secret"),
      field("tenantId", "--msteams-tenant-id <id>", "--tenant-id <id>")
        .help("Microsoft Entra tenant id (GUID) the bot belongs to"),
    ],
    config: { appId: "guid", appPassword: "secret", tenantId: "guid", webhookPath: "webhookPath" },
    apiBase: { url: MSTEAMS_LOGIN_BASE, env: "OPENCLAW_MSTEAMS_API_BASE" },
    senderIds: {
      isId: (e) => UUID.test(e),
      hint: "Microsoft Entra user object ids (GUIDs)",
    },
    load: () => import("./channel.ts").then((m) => m.msteamsChannel),
  },
);
