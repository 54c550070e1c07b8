/**
 * `openclaw pairing list|approve`: DM pairing requests (who may talk to the
 * agent). Channel positionally or with --channel; left out when only one
 * channel is set up.
 */
import type { Command } from "commander";
import { commandSetup } from "./program.ts";

export function registerPairing(program: Command, setExit: (code: number) => void): Command {
  const pairing = program.command("pairing")
    .description("Approve or list DM pairing requests.");

  pairing.command("list")
    .description("List the pairing requests waiting on a channel.")
    .argument("[channel]", "channel id, e.g. telegram")
    .option("--channel <id>", "channel id")
    .option("--json", "print JSON")
    .action(
      async (arg: string | undefined, raw: { channel?: string; json?: boolean }, self: Command) => {
        const { host, paths } = await commandSetup(self);
        const { pairingList } = await import("../channels/pairing-commands.ts");
        setExit(
          await pairingList({ host, paths, channel: raw.channel ?? arg, json: Boolean(raw.json) }),
        );
      },
    );

  pairing.command("approve")
    .description("Approve a pairing code: its sender may then DM your agent.")
    .argument("<channelOrCode>", "channel id (or the code, when one channel is set up)")
    .argument("[code]", "the pairing code the bot sent")
    .option("--channel <id>", "channel id")
    .option("--notify", "tell the sender on the same channel")
    .option("--json", "print JSON")
    .action(
      async (
        first: string,
        second: string | undefined,
        raw: { channel?: string; notify?: boolean; json?: boolean },
        self: Command,
      ) => {
        const { host, paths } = await commandSetup(self);
        const { pairingApprove } = await import("../channels/pairing-commands.ts");
        const channel = raw.channel ?? (second !== undefined ? first : undefined);
        const code = second ?? first;
        setExit(
          await pairingApprove({
            host,
            paths,
            channel,
            code,
            notify: Boolean(raw.notify),
            json: Boolean(raw.json),
          }),
        );
      },
    );
  return pairing;
}
