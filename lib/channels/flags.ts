/**
 * Every channel question's flag twins. `openclaw onboard` takes the
 * prefixed form (`--telegram-bot-token`), `openclaw channels add --channel X`
 * the short form the public CLI uses (`--token`, `--bot-token`, `--cli-path`).
 * Question ids are `channels.<channel>.<key>` everywhere (prompts, flags,
 * tests, the gateway's wizard RPC). The fields themselves are declared in
 * each channel's folder (<id>/meta.ts).
 *
 * Data only (no zod, no channel code): the onboard command registers these
 * at start-up, which must stay cheap.
 */
import { UsageError } from "../errors.ts";
import type { ChannelField } from "./meta.ts";
import { CHANNEL_IDS, type ChannelId, CHANNELS } from "./registry.ts";

export { CHANNEL_IDS, type ChannelField, type ChannelId };

/** Each channel's fields, by id. */
export const CHANNEL_FIELDS = Object.fromEntries(
  CHANNEL_IDS.map((id) => [id, CHANNELS[id].fields]),
) as Record<ChannelId, readonly ChannelField[]>;

export function questionId(channel: string, key: string): string {
  return `channels.${channel}.${key}`;
}

/** commander's attribute name for a flag: "--telegram-bot-token <t>" → "telegramBotToken". */
export function attributeName(flag: string): string {
  const long = flag.split(/\s+/)[0].replace(/^--/, "");
  return long.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The onboard flags of every channel, once each (for commander and the options schema). */
export function onboardChannelFlags(): { channel: ChannelId; field: ChannelField }[] {
  return CHANNEL_IDS.flatMap((channel) =>
    CHANNEL_FIELDS[channel].map((field) => ({ channel, field }))
  );
}

/** The `channels add` flags, deduplicated (several channels share --token, --cli-path…). */
export function addChannelFlags(): ChannelField[] {
  const seen = new Map<string, ChannelField>();
  for (const channel of CHANNEL_IDS) {
    for (const f of CHANNEL_FIELDS[channel]) {
      if (f.add && !seen.has(f.add)) seen.set(f.add, f);
    }
  }
  return [...seen.values()];
}

/**
 * A sender list only means something with the allowlist policy: `--allow-from`
 * alone chooses that policy, and with another `--dm-policy` it is a usage
 * error rather than a list silently dropped. `flag` names the flags the way
 * the command spells them.
 */
export function dmFlagRules(
  answers: Map<string, unknown>,
  channels: readonly string[],
  flag: (channel: string, key: "allowFrom" | "dmPolicy") => string,
): void {
  for (const channel of channels) {
    const listId = questionId(channel, "allowFrom");
    const policyId = questionId(channel, "dmPolicy");
    if (!answers.has(listId)) continue;
    const policy = answers.get(policyId);
    if (policy === undefined) answers.set(policyId, "allowlist");
    else if (policy !== "allowlist") {
      throw new UsageError(
        `${flag(channel, "allowFrom")} lists allowed senders, which only applies with ` +
          `${flag(channel, "dmPolicy")} allowlist (got "${String(policy)}"). ` +
          `Drop one of the two. Nothing was changed.`,
        [flag(channel, "allowFrom")],
      );
    }
  }
}

/** The flag's name without its value placeholder, in the given style. */
export function flagNameOf(channel: ChannelId, key: string, style: "onboard" | "add"): string {
  const f = CHANNEL_FIELDS[channel].find((x) => x.key === key);
  const spelled = (style === "add" ? f?.add : f?.onboard) ?? f?.onboard ?? key;
  return spelled.split(/\s+/)[0];
}
