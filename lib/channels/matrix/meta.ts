/**
 * Matrix, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { type ChannelMeta, dmFields } from "../meta.ts";

export const matrixMeta = {
  id: "matrix",
  label: "Matrix",
  hint: "homeserver + access token",
  fields: [
    {
      key: "homeserver",
      onboard: "--matrix-homeserver <url>",
      add: "--homeserver <url>",
      description: "Matrix homeserver URL, e.g. https://matrix.example.org",
    },
    {
      key: "accessToken",
      onboard: "--matrix-access-token <token>",
      add: "--access-token <token>",
      description: "access token of the bot's Matrix account",
      env: "MATRIX_ACCESS_TOKEN",
    },
    ...dmFields("matrix"),
  ],
  config: { homeserver: "httpUrl", accessToken: "secret" },
  legacyKeys: ["matrix"],
  senderIds: {
    isId: (e) => /^@[a-z0-9._=\-/+]+:[A-Za-z0-9.-]+(:\d+)?$/i.test(e),
    hint: "full Matrix ids like @jane:example.org",
  },
  load: () => import("./channel.ts").then((m) => m.matrixChannel),
} as const satisfies ChannelMeta<"matrix">;
