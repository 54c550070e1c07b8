/**
 * WhatsApp, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { type ChannelMeta, dmFields, E164 } from "../meta.ts";

export const whatsappMeta = {
  id: "whatsapp",
  label: "WhatsApp",
  hint: "link a phone (QR)",
  fields: [
    {
      key: "accountId",
      onboard: "--whatsapp-account <id>",
      add: "--account <id>",
      description: "WhatsApp account id (credentials folder name; default: default)",
    },
    {
      key: "link",
      onboard: "--whatsapp-link",
      add: "--link",
      boolean: true,
      description: "link the account now: shows a QR code to scan with WhatsApp (needs a terminal)",
    },
    ...dmFields("whatsapp"),
  ],
  config: { accounts: "accounts" },
  legacyKeys: ["whatsapp"],
  senderIds: {
    isId: (e) => E164.test(e),
    hint: "phone numbers in international form, e.g. +15551234567",
  },
  load: () => import("./channel.ts").then((m) => m.whatsappChannel),
} as const satisfies ChannelMeta<"whatsapp">;
