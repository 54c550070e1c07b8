/**
 * Signal, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { type ChannelMeta, dmFields, E164, UUID } from "../meta.ts";

export const signalMeta = {
  id: "signal",
  label: "Signal",
  hint: "signal-cli (can install it)",
  fields: [
    {
      key: "install",
      onboard: "--signal-install",
      add: "--install",
      boolean: true,
      description: "download and install signal-cli under ~/.openclaw/tools/signal-cli/",
    },
    {
      key: "cliVersion",
      onboard: "--signal-cli-version <version>",
      add: "--cli-version <version>",
      description: "signal-cli version to install (default: the latest release)",
    },
    {
      key: "cliSha256",
      onboard: "--signal-cli-sha256 <hex>",
      add: "--cli-sha256 <hex>",
      description: "expected SHA-256 of the signal-cli download (when the release has no .sha256)",
    },
    {
      key: "cliPath",
      onboard: "--signal-cli-path <path>",
      add: "--cli-path <path>",
      description: "path of an existing signal-cli",
    },
    {
      key: "account",
      onboard: "--signal-number <e164>",
      add: "--signal-number <e164>",
      description: "the Signal account's phone number, e.g. +15551234567",
    },
    ...dmFields("signal"),
  ],
  config: { account: "e164", cliPath: "text", httpUrl: "httpUrl" },
  legacyKeys: ["signal"],
  senderIds: {
    isId: (e) => E164.test(e) || UUID.test(e.replace(/^uuid:/, "")),
    hint: "phone numbers like +15551234567, or Signal account UUIDs",
  },
  load: () => import("./channel.ts").then((m) => m.signalChannel),
} as const satisfies ChannelMeta<"signal">;
