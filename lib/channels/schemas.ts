/**
 * The config shape of every channel, and the validators made from it: the
 * wizard's prompts, the `channels add` / `onboard` flags and the config
 * loader all judge a value by these, with one message each.
 *
 * Secrets (tokens, passwords) are only checked for type here: a config
 * written by hand or by an older version may hold a token in another shape,
 * and the loader must still read it. Their shape is checked where they are
 * entered (validateTelegramToken, validateDiscordToken).
 */
import { z } from "zod";
import type { Validator } from "../wizard/prompter.ts";
import { validatorFor } from "../config/validator-for.ts";

export const DM_POLICIES = ["pairing", "allowlist", "open", "disabled"] as const;
export type DmPolicy = typeof DM_POLICIES[number];
export const DmPolicySchema = z.enum(DM_POLICIES, {
  error: `dmPolicy is one of: ${DM_POLICIES.join(", ")}.`,
});

const AllowFromSchema = z.array(z.union([z.string(), z.number()]), {
  error: 'allowFrom is a list of sender ids, e.g. ["123456789"].',
});

const HTTP_URL_MESSAGE =
  "Enter a URL that starts with http:// or https://, e.g. https://host:1234.";
export const HttpUrlSchema = z.string().trim().regex(
  /^https?:\/\/[^\s/?#]+[^\s]*$/i,
  HTTP_URL_MESSAGE,
);

export const WEBHOOK_PATH_MESSAGE =
  "A webhook path starts with / and has no spaces, e.g. /googlechat.";
export const WebhookPathSchema = z.string().trim().regex(/^\/[^\s?#]*$/, WEBHOOK_PATH_MESSAGE);

/** The fields every channel shares: who may DM the bot. */
const common = {
  enabled: z.boolean().optional(),
  dmPolicy: DmPolicySchema.optional(),
  allowFrom: AllowFromSchema.optional(),
};

export const TelegramConfigSchema = z.looseObject({
  ...common,
  botToken: z.string().min(1, "botToken is empty.").optional(),
});

export const DiscordConfigSchema = z.looseObject({
  ...common,
  token: z.string().min(1, "token is empty.").optional(),
});

export const GOOGLECHAT_AUDIENCE_TYPES = ["app-url", "project-number"] as const;
export const GoogleChatAudienceTypeSchema = z.enum(GOOGLECHAT_AUDIENCE_TYPES, {
  error: `audienceType is one of: ${GOOGLECHAT_AUDIENCE_TYPES.join(", ")}.`,
});

export const GoogleChatConfigSchema = z.looseObject({
  ...common,
  serviceAccountFile: z.string().min(1).optional(),
  audienceType: GoogleChatAudienceTypeSchema.optional(),
  audience: z.string().min(1).optional(),
  webhookPath: WebhookPathSchema.optional(),
});

export const MattermostConfigSchema = z.looseObject({
  ...common,
  botToken: z.string().min(1).optional(),
  baseUrl: HttpUrlSchema.optional(),
});

/** E.164: +, country code, up to 15 digits. */
export const E164_MESSAGE =
  "Write the number in international form: + then country code and number, e.g. +15551234567.";
export const E164Schema = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, E164_MESSAGE);

export const SignalConfigSchema = z.looseObject({
  ...common,
  account: E164Schema.optional(),
  cliPath: z.string().min(1).optional(),
  httpUrl: HttpUrlSchema.optional(),
});

export const BlueBubblesConfigSchema = z.looseObject({
  ...common,
  serverUrl: HttpUrlSchema.optional(),
  password: z.string().min(1).optional(),
  webhookPath: WebhookPathSchema.optional(),
});

export const IMessageConfigSchema = z.looseObject({
  ...common,
  cliPath: z.string().min(1).optional(),
  dbPath: z.string().min(1).optional(),
});

export const SlackConfigSchema = z.looseObject({
  ...common,
  botToken: z.string().min(1, "botToken is empty.").optional(),
  appToken: z.string().min(1, "appToken is empty.").optional(),
});

export const MatrixConfigSchema = z.looseObject({
  ...common,
  homeserver: HttpUrlSchema.optional(),
  accessToken: z.string().min(1, "accessToken is empty.").optional(),
});

const GUID_MESSAGE =
  "Enter a GUID like 00000000-0000-0000-0000-000000000000 (Azure portal → the bot's app registration).";
export const GuidSchema = z.string().trim().regex(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  GUID_MESSAGE,
);

export const MSTeamsConfigSchema = z.looseObject({
  ...common,
  appId: GuidSchema.optional(),
  appPassword: z.string().min(1, "appPassword is empty.").optional(),
  tenantId: GuidSchema.optional(),
});

export const WhatsAppConfigSchema = z.looseObject({
  ...common,
  accounts: z.record(z.string(), z.looseObject({ authDir: z.string().optional() })).optional(),
});

/** channels.*: known channels are checked; others (plugins) stay free-form objects. */
export const ChannelsConfigSchema = z.looseObject({
  telegram: TelegramConfigSchema.optional(),
  discord: DiscordConfigSchema.optional(),
  googlechat: GoogleChatConfigSchema.optional(),
  mattermost: MattermostConfigSchema.optional(),
  signal: SignalConfigSchema.optional(),
  bluebubbles: BlueBubblesConfigSchema.optional(),
  imessage: IMessageConfigSchema.optional(),
  whatsapp: WhatsAppConfigSchema.optional(),
  slack: SlackConfigSchema.optional(),
  matrix: MatrixConfigSchema.optional(),
  msteams: MSTeamsConfigSchema.optional(),
}).catchall(z.looseObject({}));

export const validateHttpUrl: Validator = validatorFor(HttpUrlSchema);
export const validateWebhookPath: Validator = validatorFor(WebhookPathSchema);
export const validateE164: Validator = validatorFor(E164Schema);
export const validateGuid: Validator = validatorFor(GuidSchema);

/** Telegram bot tokens look like 123456789:AA… (bot id, colon, 35 url-safe characters). */
export const validateTelegramToken: Validator = (input) => {
  const v = input.trim();
  if (v === "") return "Paste the bot token @BotFather gave you (it looks like 123456789:AA…).";
  if (/\s/.test(v)) return "A bot token has no spaces or line breaks.";
  if (!/^\d{3,}:[A-Za-z0-9_-]{30,}$/.test(v)) {
    return "That is not a Telegram bot token: it looks like 123456789:AAH… (digits, a colon, then " +
      "about 35 letters, digits, - or _). Copy it again from @BotFather.";
  }
  return undefined;
};

/** Discord bot tokens are three base64url parts joined by dots. */
export const validateDiscordToken: Validator = (input) => {
  const v = input.trim().replace(/^Bot\s+/i, "");
  if (v === "") return "Paste the bot token from the Discord Developer Portal (Bot → Reset Token).";
  if (/\s/.test(v)) return "A bot token has no spaces or line breaks.";
  if (!/^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/.test(v)) {
    return "That is not a Discord bot token: it has three parts separated by dots " +
      "(MTA…​.Gx….abc…). Copy it again from the Developer Portal, Bot tab.";
  }
  return undefined;
};

/** Slack tokens: a prefix (xoxb- for the bot, xapp- for the app) then dash-separated parts. */
function slackTokenValidator(prefix: string, what: string, where: string): Validator {
  return (input) => {
    const v = input.trim();
    if (v === "") return `Paste the ${what} (${where}).`;
    if (/\s/.test(v)) return "A token has no spaces or line breaks.";
    if (!new RegExp(`^${prefix}-[A-Za-z0-9-]{10,}$`).test(v)) {
      return `That is not a Slack ${what}: it starts with ${prefix}- (${where}).`;
    }
    return undefined;
  };
}

export const validateSlackBotToken: Validator = slackTokenValidator(
  "xoxb",
  "bot token",
  "OAuth & Permissions → Bot User OAuth Token",
);
export const validateSlackAppToken: Validator = slackTokenValidator(
  "xapp",
  "app-level token",
  "Basic Information → App-Level Tokens, scope connections:write",
);

export const validateNonEmpty = (what: string): Validator => (input) =>
  input.trim() === "" ? `Enter the ${what}.` : undefined;

/** An account id names a folder: letters, digits, - and _. */
export const validateAccountId: Validator = (input) =>
  /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(input.trim())
    ? undefined
    : "An account id is letters, digits, '-' and '_' (at most 64), e.g. default or work.";
