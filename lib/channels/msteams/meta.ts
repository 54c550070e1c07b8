/**
 * Microsoft Teams, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { type ChannelMeta, dmFields, UUID } from "../meta.ts";

export const msteamsMeta = {
  id: "msteams",
  label: "Microsoft Teams",
  hint: "Azure Bot app id, secret, tenant",
  fields: [
    {
      key: "appId",
      onboard: "--msteams-app-id <id>",
      add: "--app-id <id>",
      description: "Microsoft Teams bot's app (client) id, a GUID from Azure Bot",
    },
    {
      key: "appPassword",
      onboard: "--msteams-app-password <secret>",
      add: "--app-password <secret>",
      description: "Microsoft Teams bot's client secret",
      env: "MSTEAMS_APP_PASSWORD",
    },
    {
      key: "tenantId",
      onboard: "--msteams-tenant-id <id>",
      add: "--tenant-id <id>",
      description: "Microsoft Entra tenant id (GUID) the bot belongs to",
    },
    ...dmFields("msteams"),
  ],
  config: { appId: "guid", appPassword: "secret", tenantId: "guid" },
  legacyKeys: ["msteams"],
  senderIds: {
    isId: (e) => UUID.test(e),
    hint: "Microsoft Entra user object ids (GUIDs)",
  },
  load: () => import("./channel.ts").then((m) => m.msteamsChannel),
} as const satisfies ChannelMeta<"msteams">;
