/**
 * Signal, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { channelMeta, E164, field, toggle, UUID } from "../meta.ts";

export const signalMeta = channelMeta("signal", "Signal", "signal-cli (can install it)", {
  fields: [
    toggle("install", "--signal-install", "--install")
      .help("download and install signal-cli under ~/.openclaw/tools/signal-cli/"),
    field("cliVersion", "--signal-cli-version <version>", "--cli-version <version>")
      .help("signal-cli version to install (default: the latest release)"),
    field("cliSha256", "--signal-cli-sha256 <hex>", "--cli-sha256 <hex>")
      .help("expected SHA-256 of the signal-cli download (when the release has no .sha256)"),
    field("cliPath", "--signal-cli-path <path>", "--cli-path <path>")
      .help("path of an existing signal-cli"),
    field("account", "--signal-number <e164>", "--signal-number <e164>")
      .help("the Signal account's phone number, e.g. +15551234567"),
  ],
  config: { account: "e164", cliPath: "text", httpUrl: "httpUrl" },
  senderIds: {
    isId: (e) => E164.test(e) || UUID.test(e.replace(/^uuid:/i, "")),
    // signal-cli reports uuids in lowercase and without a prefix; allowFrom may have either.
    canonical: (e) => {
      const bare = e.replace(/^uuid:/i, "");
      return UUID.test(bare) ? bare.toLowerCase() : e;
    },
    hint: "phone numbers like +15551234567, or Signal account UUIDs",
  },
  load: () => import("./channel.ts").then((m) => m.signalChannel),
});
