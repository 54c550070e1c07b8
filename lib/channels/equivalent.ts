/**
 * The channel part of "the same setup without questions": the onboard flags
 * that reproduce the channel answers of a run, read back from the plan's
 * config edits. Secrets become environment references ("$TELEGRAM_BOT_TOKEN").
 */
import type { ConfigEdit } from "../plan/types.ts";
import { CHANNEL_FIELDS, CHANNEL_IDS } from "./flags.ts";

export function channelFlags(edits: ConfigEdit[], quote: (s: string) => string): string[] {
  const picked: string[] = [];
  const args: string[] = [];
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
      const flag = field.onboard.split(/\s+/)[0];
      const env = field.env; // a secret: shown as its variable, never as the value
      const value = Array.isArray(edit.value) ? edit.value.join(",") : String(edit.value);
      if (field.key === "dmPolicy" && value === "pairing") continue; // the default
      args.push(flag, env ? `"$${env}"` : quote(value));
    }
    if (channel === "whatsapp") {
      const account = mine.find((e) => e.path[2] === "accounts")?.path[3];
      if (account !== undefined && account !== "default") {
        args.push("--whatsapp-account", quote(String(account)));
      }
    }
  }
  return picked.length ? ["--channels", picked.join(","), ...args] : [];
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
