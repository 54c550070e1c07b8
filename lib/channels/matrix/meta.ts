/**
 * Matrix, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { channelMeta, field, secret } from "../meta.ts";

export const matrixMeta = channelMeta("matrix", "Matrix", "homeserver + access token", {
  fields: [
    field("homeserver", "--matrix-homeserver <url>", "--homeserver <url>")
      .help("Matrix homeserver URL, e.g. https://matrix.example.org"),
    secret(
      "accessToken",
      "--matrix-access-token <token>",
      "--access-token <token>",
      "MATRIX_ACCESS_TOKEN",
    )
      .help("access token of the bot's Matrix account"),
  ],
  config: { homeserver: "httpUrl", accessToken: "secret" },
  senderIds: {
    isId: (e) => /^@[a-z0-9._=\-/+]+:[A-Za-z0-9.-]+(:\d+)?$/i.test(e),
    hint: "full Matrix ids like @jane:example.org",
  },
  load: () => import("./channel.ts").then((m) => m.matrixChannel),
});
