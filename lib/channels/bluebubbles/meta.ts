/**
 * BlueBubbles, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { type ChannelMeta, dmFields, E164, EMAIL } from "../meta.ts";

export const bluebubblesMeta = {
  id: "bluebubbles",
  label: "BlueBubbles",
  hint: "recommended for iMessage",
  fields: [
    {
      key: "serverUrl",
      onboard: "--bluebubbles-url <url>",
      add: "--http-url <url>",
      description: "BlueBubbles server URL",
    },
    {
      key: "password",
      onboard: "--bluebubbles-password <password>",
      add: "--password <password>",
      description: "BlueBubbles server password",
      env: "BLUEBUBBLES_PASSWORD",
    },
    {
      key: "webhookPath",
      onboard: "--bluebubbles-webhook-path <path>",
      add: "--webhook-path <path>",
      description: "webhook path BlueBubbles posts to (default /bluebubbles-webhook)",
    },
    ...dmFields("bluebubbles"),
  ],
  config: { serverUrl: "httpUrl", password: "text", webhookPath: "webhookPath" },
  legacyKeys: ["bluebubbles"],
  senderIds: {
    // iMessage handles: the phone number or Apple ID the account is registered with.
    isId: (e) => E164.test(e) || EMAIL.test(e),
    hint: "iMessage handles: phone numbers (+15551234567) or Apple ID emails",
  },
  load: () => import("./channel.ts").then((m) => m.bluebubblesChannel),
} as const satisfies ChannelMeta<"bluebubbles">;
