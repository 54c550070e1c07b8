/**
 * `openclaw channels add|list|remove`: chat channels. `add` is guided
 * without flags and scriptable with `--channel <id>` plus the channel's
 * flags (the public CLI's names: --token, --bot-token, --cli-path, …).
 */
import type { Command } from "commander";
import { commandSetup } from "./program.ts";
import { exitAction } from "./action.ts";
import { pickPrompter } from "./prompter-choice.ts";
import { addChannelFlags, attributeName, CHANNEL_FIELDS, CHANNEL_IDS } from "../channels/flags.ts";
import { channelAddSecretEnv, describeSecretInputs } from "./secret-inputs.ts";
import { addFlagOptions } from "./flag-options.ts";
import { parseTimeout } from "./timeout.ts";

export function registerChannels(program: Command, setExit: (code: number) => void): Command {
  const channels = program.command("channels")
    .description("Set up chat channels: add, list, status, remove.");

  const add = channels.command("add")
    .description("Add or change a chat channel (guided without flags).")
    .argument("[channel]", `channel id: ${CHANNEL_IDS.join(", ")}`)
    .option("--channel <id>", "the channel to add")
    .option(
      "--non-interactive",
      "ask nothing: take answers from flags; exit 2 naming any missing flag",
    )
    .option("--json", "print the result as JSON (secrets elided)")
    .option("--dry-run", "print the plan and write nothing");
  addFlagOptions(
    add,
    addChannelFlags().map((f) => ({ flag: f.add!, help: describeAddFlag(f.add!) })),
  );
  describeSecretInputs(add, channelAddSecretEnv);
  add.action(async (arg: string | undefined, raw: Record<string, unknown>, self: Command) => {
    const { host, paths } = await commandSetup(self);
    const { addAnswers, channelsAdd, unusedAddFlags } = await import("../channels/commands.ts");
    const { requireChannelId } = await import("../channels/registry.ts");
    const { UsageError } = await import("../errors.ts");
    const given = (raw.channel as string | undefined) ?? arg;
    const channel = given === undefined ? undefined : requireChannelId(given);
    const attrs = addChannelFlags().map((f) => attributeName(f.add!));
    let answers = new Map<string, unknown>();
    if (channel) {
      const unused = unusedAddFlags(channel, raw, attrs);
      if (unused.length) {
        throw new UsageError(
          `${channel} does not use ${
            unused.map((a) => `--${a.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")
          }. ` +
            `Its flags: ${CHANNEL_FIELDS[channel].map((f) => f.add).filter(Boolean).join(", ")}.`,
        );
      }
      answers = addAnswers(channel, raw);
    } else if (attrs.some((a) => raw[a] !== undefined)) {
      throw new UsageError("Channel flags need --channel <id> to say which channel they are for.", [
        "--channel",
      ]);
    }
    const prompter = await pickPrompter(
      host,
      { nonInteractive: Boolean(raw.nonInteractive), json: Boolean(raw.json) },
      answers,
    );
    setExit(
      await channelsAdd({
        host,
        paths,
        prompter,
        channel,
        json: Boolean(raw.json),
        dryRun: Boolean(raw.dryRun),
      }),
    );
  });

  channels.command("login")
    .description("Link a WhatsApp account: shows a QR code to scan with your phone.")
    .option("--channel <id>", "the channel (whatsapp)", "whatsapp")
    .option("--account <id>", "account id (credentials folder name)", "default")
    .action(
      exitAction(setExit, async (raw: { channel?: string; account?: string }, { host, paths }) => {
        const { channelsLogin } = await import("../channels/commands.ts");
        return await channelsLogin({ host, paths, channel: raw.channel, account: raw.account });
      }),
    );

  channels.command("list")
    .description("List the chat channels that are set up (secrets masked).")
    .option("--all", "also list the channels you could add")
    .option("--json", "print JSON")
    .action(exitAction(setExit, async (raw: { all?: boolean; json?: boolean }, { host, paths }) => {
      const { channelsList } = await import("../channels/commands.ts");
      return await channelsList({ host, paths, json: Boolean(raw.json), all: Boolean(raw.all) });
    }));

  channels.command("status")
    .description(
      "Show each channel the gateway runs: running, connecting or stopped (and why), " +
        "the last message, pairing requests waiting.",
    )
    .option("--json", "print JSON")
    .option("--timeout <ms>", "how long to wait for the gateway, in milliseconds", "10000")
    .action(
      exitAction(setExit, async (raw: { json?: boolean; timeout: string }, { host, paths }) => {
        const { channelsStatusCommand } = await import("../channels/status-command.ts");
        return await channelsStatusCommand({
          host,
          paths,
          json: Boolean(raw.json),
          timeoutMs: parseTimeout(raw.timeout),
        });
      }),
    );

  channels.command("remove")
    .description("Disable a chat channel, or delete its settings with --delete.")
    .argument("[channel]", "channel id")
    .option("--channel <id>", "the channel to remove")
    .option("--delete", "delete the channel's settings instead of disabling it")
    .option("--non-interactive", "ask nothing (needs --channel)")
    .option("--json", "print the result as JSON")
    .action(async (arg: string | undefined, raw: Record<string, unknown>, self: Command) => {
      const { host, paths } = await commandSetup(self);
      const { channelsRemove } = await import("../channels/commands.ts");
      const prompter = await pickPrompter(
        host,
        { nonInteractive: Boolean(raw.nonInteractive), json: Boolean(raw.json) },
        new Map(),
      );
      setExit(
        await channelsRemove({
          host,
          paths,
          prompter,
          channel: (raw.channel as string | undefined) ?? arg,
          del: Boolean(raw.delete),
          json: Boolean(raw.json),
        }),
      );
    });
  return channels;
}

/** One description per shared flag, naming the channels that use it. */
function describeAddFlag(flag: string): string {
  const users = CHANNEL_IDS.filter((id) => CHANNEL_FIELDS[id].some((f) => f.add === flag));
  const first = CHANNEL_FIELDS[users[0]].find((f) => f.add === flag)!;
  return users.length === 1
    ? `${first.description} (${users[0]})`
    : `${shared(flag, first.description)} (${users.join(", ")})`;
}

function shared(flag: string, fallback: string): string {
  const general: Record<string, string> = {
    "--token <token>": "bot token",
    "--bot-token <token>": "bot token",
    "--dm-policy <policy>": "who may DM the bot: pairing (default), allowlist, open, disabled",
    "--allow-from <ids>":
      "comma-separated senders allowed to DM the bot (names resolved where the API allows)",
    "--cli-path <path>": "path of the channel's CLI (signal-cli, imsg)",
    "--password <password>": "server password",
    "--webhook-path <path>": "webhook path on the gateway",
  };
  return general[flag] ?? fallback;
}
