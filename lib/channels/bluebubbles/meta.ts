/**
 * BlueBubbles, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { channelMeta, E164, EMAIL, field, secret } from "../meta.ts";

export const bluebubblesMeta = channelMeta(
  "bluebubbles",
  "BlueBubbles",
  "recommended for iMessage",
  {
    fields: [
      field("serverUrl", "--bluebubbles-url <url>", "--http-url <url>")
        .help("BlueBubbles server URL"),
      secret(
        "password",
        "--bluebubbles-password <password>",
        "--password <password>",
        "BLUEBUBBLES_PASSWORD",
      )
        .help("BlueBubbles server password"),
      field("webhookPath", "--bluebubbles-webhook-path <path>", "--webhook-path <path>")
        .help("webhook path BlueBubbles posts to (default /bluebubbles-webhook)"),
    ],
    // mentionNames: who the bot is in a group ("Claw, Clawd"); see ../name-mention.ts.
    config: {
      serverUrl: "httpUrl",
      password: "text",
      webhookPath: "webhookPath",
      mentionNames: "text",
    },
    senderIds: {
      // iMessage handles: the phone number or Apple ID the account is registered with.
      isId: (e) => E164.test(e) || EMAIL.test(e),
      hint: "iMessage handles: phone numbers (+15551234567) or Apple ID emails",
    },
    load: () => import("./channel.ts").then((m) => m.bluebubblesChannel),
  },
);
