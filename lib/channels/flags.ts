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
import { attributeName, type Flag, type Question } from "../wizard/question.ts";
import type { ChannelField } from "./meta.ts";
import { CHANNEL_IDS, type ChannelId, CHANNELS } from "./registry.ts";

export { attributeName };

export { CHANNEL_IDS, type ChannelField, type ChannelId };

/** Which channels to set up (`--channels a,b`): its help names every channel. */
export const CHANNELS_SELECT = {
  id: "channels.select",
  flag: "--channels <ids>",
  help: `chat channels to set up, comma-separated: ${CHANNEL_IDS.join(", ")}`,
  derived: true,
} as const satisfies Question;

/** Each channel's fields, by id. */
export const CHANNEL_FIELDS = Object.fromEntries(
  CHANNEL_IDS.map((id) => [id, CHANNELS[id].fields]),
) as Record<ChannelId, readonly ChannelField[]>;

export function questionId(channel: string, key: string): string {
  return `channels.${channel}.${key}`;
}

/**
 * A channel field as a question declaration (lib/wizard/question.ts), with
 * the flag as the command spells it: the one mapping through which channel
 * flags are registered, answered and printed like every other flag. A field
 * with an environment variable is a secret (see `env` above).
 */
export function channelQuestion(
  channel: ChannelId,
  field: ChannelField,
  style: "onboard" | "add" = "onboard",
): Question & Flag {
  return {
    id: questionId(channel, field.key),
    flag: style === "add" ? field.add ?? field.onboard : field.onboard,
    help: field.description,
    secret: field.env !== undefined,
    env: field.env,
  };
}

/**
 * Where each secret channel field is kept in the config (channels.<id>.<key>):
 * a plan shows the value there elided, whether or not the channel's setup
 * remembered to name it as a secret.
 */
export function secretChannelPaths(): string[] {
  return onboardChannelFlags().filter(({ channel, field }) =>
    channelQuestion(channel, field).secret
  )
    .map(({ channel, field }) => `channels.${channel}.${field.key}`);
}

/** Every channel's onboard flags as declarations (for commander and the secret inputs). */
export function onboardChannelQuestions(): Question[] {
  return onboardChannelFlags().map(({ channel, field }) => channelQuestion(channel, field));
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
