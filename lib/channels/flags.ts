/**
 * Every channel question's flag twins, as data. `openclaw onboard` takes the
 * prefixed form (`--telegram-bot-token`), `openclaw channels add --channel X`
 * the short form the public CLI uses (`--token`, `--bot-token`, `--cli-path`).
 * Question ids are `channels.<channel>.<key>` everywhere (prompts, flags,
 * tests, the gateway's wizard RPC).
 *
 * Data only (no zod, no channel code): the onboard command registers these
 * at start-up, which must stay cheap.
 */
import { UsageError } from "../errors.ts";
import { attributeName, type Flag, type Question } from "../wizard/question.ts";

export { attributeName };

export const CHANNEL_IDS = [
  "telegram",
  "whatsapp",
  "discord",
  "googlechat",
  "mattermost",
  "signal",
  "bluebubbles",
  "imessage",
  "slack",
  "matrix",
  "msteams",
] as const;
export type ChannelId = typeof CHANNEL_IDS[number];

/** Which channels to set up (`--channels a,b`): its help names every channel. */
export const CHANNELS_SELECT = {
  id: "channels.select",
  flag: "--channels <ids>",
  help: `chat channels to set up, comma-separated: ${CHANNEL_IDS.join(", ")}`,
  derived: true,
} as const satisfies Question;

export interface ChannelField {
  key: string;
  /** `openclaw onboard` flag, with its value placeholder. */
  onboard: string;
  /** `openclaw channels add` flag, when it has one. */
  add?: string;
  description: string;
  /** A boolean flag (no value). */
  boolean?: boolean;
  /**
   * A secret: the environment variable that answers the question when the
   * flag is absent (flags are visible to other local users in `ps`).
   */
  env?: string;
}

/** Who may DM the bot: every channel has these two. */
function dmFields(id: string): ChannelField[] {
  return [
    {
      key: "dmPolicy",
      onboard: `--${id}-dm-policy <policy>`,
      add: "--dm-policy <policy>",
      description: "who may DM the bot: pairing (default), allowlist, open, disabled",
    },
    {
      key: "allowFrom",
      onboard: `--${id}-allow-from <ids>`,
      add: "--allow-from <ids>",
      description:
        "comma-separated senders allowed to DM the bot (ids, or names resolved when possible)",
    },
  ];
}

export const CHANNEL_FIELDS: Record<ChannelId, ChannelField[]> = {
  telegram: [
    {
      key: "botToken",
      onboard: "--telegram-bot-token <token>",
      add: "--token <token>",
      description: "Telegram bot token from @BotFather",
      env: "TELEGRAM_BOT_TOKEN",
    },
    ...dmFields("telegram"),
  ],
  whatsapp: [
    {
      key: "accountId",
      onboard: "--whatsapp-account <id>",
      add: "--account <id>",
      description: "WhatsApp account id (credentials folder name; default: default)",
    },
    {
      key: "link",
      onboard: "--whatsapp-link",
      add: "--link",
      boolean: true,
      description: "link the account now: shows a QR code to scan with WhatsApp (needs a terminal)",
    },
    ...dmFields("whatsapp"),
  ],
  discord: [
    {
      key: "token",
      onboard: "--discord-token <token>",
      add: "--token <token>",
      description: "Discord bot token",
      env: "DISCORD_BOT_TOKEN",
    },
    ...dmFields("discord"),
  ],
  googlechat: [
    {
      key: "serviceAccountFile",
      onboard: "--googlechat-service-account <file>",
      add: "--token-file <file>",
      description: "Google Chat service-account JSON key file (copied, stored 0600)",
    },
    {
      key: "audienceType",
      onboard: "--googlechat-audience-type <type>",
      add: "--audience-type <type>",
      description: "Google Chat webhook audience type: app-url or project-number",
    },
    {
      key: "audience",
      onboard: "--googlechat-audience <value>",
      add: "--audience <value>",
      description: "Google Chat webhook audience (the app URL or the project number)",
    },
    {
      key: "webhookPath",
      onboard: "--googlechat-webhook-path <path>",
      add: "--webhook-path <path>",
      description: "Google Chat webhook path on the gateway (default /googlechat)",
    },
    ...dmFields("googlechat"),
  ],
  mattermost: [
    {
      key: "plugin",
      onboard: "--mattermost-plugin <spec>",
      add: "--plugin <spec>",
      description: "Mattermost plugin to install: an npm package or a local folder",
    },
    {
      key: "botToken",
      onboard: "--mattermost-bot-token <token>",
      add: "--bot-token <token>",
      description: "Mattermost bot access token",
      env: "MATTERMOST_BOT_TOKEN",
    },
    {
      key: "baseUrl",
      onboard: "--mattermost-url <url>",
      add: "--base-url <url>",
      description: "Mattermost server URL, e.g. https://chat.example.com",
    },
    ...dmFields("mattermost"),
  ],
  signal: [
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
  bluebubbles: [
    {
      key: "serverUrl",
      onboard: "--bluebubbles-url <url>",
      add: "--http-url <url>",
      description: "BlueBubbles server URL",
    },
    {
      key: "password",
      onboard: "--bluebubbles-password <password>",
      add: "--password <password>",
      description: "BlueBubbles server password",
      env: "BLUEBUBBLES_PASSWORD",
    },
    {
      key: "webhookPath",
      onboard: "--bluebubbles-webhook-path <path>",
      add: "--webhook-path <path>",
      description: "webhook path BlueBubbles posts to (default /bluebubbles-webhook)",
    },
    ...dmFields("bluebubbles"),
  ],
  imessage: [
    {
      key: "cliPath",
      onboard: "--imessage-cli-path <path>",
      add: "--cli-path <path>",
      description: "path of the imsg CLI (default: imsg on PATH)",
    },
    {
      key: "dbPath",
      onboard: "--imessage-db-path <path>",
      add: "--db-path <path>",
      description: "Messages database (default ~/Library/Messages/chat.db)",
    },
    ...dmFields("imessage"),
  ],
  slack: [
    {
      key: "botToken",
      onboard: "--slack-bot-token <token>",
      add: "--bot-token <token>",
      description: "Slack bot token (xoxb-…, OAuth & Permissions)",
      env: "SLACK_BOT_TOKEN",
    },
    {
      key: "appToken",
      onboard: "--slack-app-token <token>",
      add: "--app-token <token>",
      description: "Slack app-level token (xapp-…) for Socket Mode; optional",
      env: "SLACK_APP_TOKEN",
    },
    ...dmFields("slack"),
  ],
  matrix: [
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
  msteams: [
    {
      key: "appId",
      onboard: "--msteams-app-id <id>",
      add: "--app-id <id>",
      description: "Microsoft Teams bot's app (client) id, a GUID from Azure Bot",
    },
    {
      key: "appPassword",
      onboard: "--msteams-app-password <secret>",
      add: "--app-password <secret>",
      description: "Microsoft Teams bot's client secret",
      env: "MSTEAMS_APP_PASSWORD",
    },
    {
      key: "tenantId",
      onboard: "--msteams-tenant-id <id>",
      add: "--tenant-id <id>",
      description: "Microsoft Entra tenant id (GUID) the bot belongs to",
    },
    ...dmFields("msteams"),
  ],
};

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
