/**
 * iMessage, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { type ChannelMeta, dmFields, E164, EMAIL } from "../meta.ts";

export const imessageMeta = {
  id: "imessage",
  label: "iMessage",
  hint: "legacy: imsg + Messages DB",
  fields: [
    {
      key: "cliPath",
      onboard: "--imessage-cli-path <path>",
      add: "--cli-path <path>",
      description: "path of the imsg CLI (default: imsg on PATH)",
    },
    {
      key: "dbPath",
      onboard: "--imessage-db-path <path>",
      add: "--db-path <path>",
      description: "Messages database (default ~/Library/Messages/chat.db)",
    },
    ...dmFields("imessage"),
  ],
  config: { cliPath: "text", dbPath: "text" },
  legacyKeys: ["imessage"],
  senderIds: {
    isId: (e) => E164.test(e) || EMAIL.test(e),
    hint: "iMessage handles: phone numbers (+15551234567) or Apple ID emails",
  },
  load: () => import("./channel.ts").then((m) => m.imessageChannel),
} as const satisfies ChannelMeta<"imessage">;
