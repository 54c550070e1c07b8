/**
 * WhatsApp, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { channelMeta, E164, field, toggle } from "../meta.ts";

export const whatsappMeta = channelMeta("whatsapp", "WhatsApp", "link a phone (QR)", {
  fields: [
    field("accountId", "--whatsapp-account <id>", "--account <id>")
      .help("WhatsApp account id (credentials folder name; default: default)"),
    toggle("link", "--whatsapp-link", "--link")
      .help("link the account now: shows a QR code to scan with WhatsApp (needs a terminal)"),
  ],
  config: { accounts: "accounts" },
  senderIds: {
    isId: (e) => E164.test(e),
    hint: "phone numbers in international form, e.g. +15551234567",
  },
  load: () => import("./channel.ts").then((m) => m.whatsappChannel),
});
