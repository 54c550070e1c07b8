/**
 * The channel part of "the same setup without questions": the onboard flags
 * that reproduce the channel answers of a run, read back from the plan's
 * config edits, as declared flags (channelQuestion). The one renderer prints
 * a secret field as its environment reference ("$TELEGRAM_BOT_TOKEN").
 */
import type { ConfigEdit } from "../plan/types.ts";
import {
  CHANNEL_FIELDS,
  CHANNEL_IDS,
  type ChannelId,
  channelQuestion,
  CHANNELS_SELECT,
} from "./flags.ts";
import { equivalentArgs, type FlagArg } from "../wizard/equivalent-command.ts";

/** The flags, rendered as shell words (`quote` quotes a plain value). */
export function channelFlags(edits: ConfigEdit[], quote: (s: string) => string): string[] {
  return equivalentArgs(channelFlagArgs(edits), quote);
}

export function channelFlagArgs(edits: ConfigEdit[]): FlagArg[] {
  const picked: string[] = [];
  const args: FlagArg[] = [];
  for (const channel of CHANNEL_IDS) {
    const mine = edits.filter((e) =>
      e.path[0] === "channels" && e.path[1] === channel && e.value !== undefined
    );
    if (mine.length === 0) continue;
    picked.push(channel);
    for (const field of CHANNEL_FIELDS[channel]) {
      const edit = field.key === "plugin"
        ? pluginEdit(edits, channel)
        : mine.find((e) => e.path.length === 3 && e.path[2] === field.key);
      if (!edit || field.boolean) continue;
      const value = Array.isArray(edit.value) ? edit.value.join(",") : String(edit.value);
      if (field.key === "dmPolicy" && value === "pairing") continue; // the default
      args.push({ flag: channelQuestion(channel, field), value });
    }
    if (channel === "whatsapp") {
      const account = mine.find((e) => e.path[2] === "accounts")?.path[3];
      if (account !== undefined && account !== "default") {
        args.push({ flag: fieldQuestion("whatsapp", "accountId"), value: String(account) });
      }
    }
  }
  return picked.length ? [{ flag: CHANNELS_SELECT, value: picked.join(",") }, ...args] : [];
}

function fieldQuestion(channel: ChannelId, key: string) {
  return channelQuestion(channel, CHANNEL_FIELDS[channel].find((f) => f.key === key)!);
}

/**
 * A plugin is recorded under plugins.installs.<id>, not in the channel's own
 * settings: an npm spec or the local folder it was installed from.
 */
function pluginEdit(edits: ConfigEdit[], channel: string): ConfigEdit | undefined {
  const install = edits.find((e) =>
    e.path.length === 3 && e.path[0] === "plugins" && e.path[1] === "installs" &&
    e.path[2] === channel
  );
  const record = install?.value as { source?: string; spec?: string; sourcePath?: string };
  const spec = record?.source === "path" ? record.sourcePath : record?.spec;
  return spec ? { path: ["channels", channel, "plugin"], value: spec } : undefined;
}
