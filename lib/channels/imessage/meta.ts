/**
 * iMessage, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { channelMeta, E164, EMAIL, field } from "../meta.ts";

export const imessageMeta = channelMeta("imessage", "iMessage", "legacy: imsg + Messages DB", {
  fields: [
    field("cliPath", "--imessage-cli-path <path>", "--cli-path <path>")
      .help("path of the imsg CLI (default: imsg on PATH)"),
    field("dbPath", "--imessage-db-path <path>", "--db-path <path>")
      .help("Messages database (default ~/Library/Messages/chat.db)"),
  ],
  // mentionNames: who the bot is in a group ("Claw, Clawd"); see ../name-mention.ts.
  config: { cliPath: "text", dbPath: "text", mentionNames: "text" },
  senderIds: {
    isId: (e) => E164.test(e) || EMAIL.test(e),
    hint: "iMessage handles: phone numbers (+15551234567) or Apple ID emails",
  },
  load: () => import("./channel.ts").then((m) => m.imessageChannel),
});
