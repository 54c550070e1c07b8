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
import type { ChannelMeta, ConfigKind } from "./meta.ts";
import { CHANNEL_METAS } from "./registry.ts";

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

/** The fields every channel shares: who may DM the bot, and whether groups need a mention. */
const common = {
  enabled: z.boolean().optional(),
  dmPolicy: DmPolicySchema.optional(),
  allowFrom: AllowFromSchema.optional(),
  requireMention: z.boolean({ error: "requireMention is true or false." }).optional(),
};

/** E.164: +, country code, up to 15 digits. */
export const E164_MESSAGE =
  "Write the number in international form: + then country code and number, e.g. +15551234567.";
export const E164Schema = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, E164_MESSAGE);

const GUID_MESSAGE =
  "Enter a GUID like 00000000-0000-0000-0000-000000000000 (Azure portal → the bot's app registration).";
export const GuidSchema = z.string().trim().regex(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  GUID_MESSAGE,
);

/** One zod schema per kind of key a channel declares (ConfigKind in meta.ts). */
function keySchema(key: string, kind: ConfigKind): z.ZodType {
  if (typeof kind !== "string") {
    return z.enum(kind as [string, ...string[]], {
      error: `${key} is one of: ${kind.join(", ")}.`,
    });
  }
  switch (kind) {
    case "text":
      return z.string().min(1);
    case "secret":
      return z.string().min(1, `${key} is empty.`);
    case "httpUrl":
      return HttpUrlSchema;
    case "webhookPath":
      return WebhookPathSchema;
    case "e164":
      return E164Schema;
    case "guid":
      return GuidSchema;
    case "accounts":
      return z.record(z.string(), z.looseObject({ authDir: z.string().optional() }));
  }
}

/** channels.<id>'s schema: the shared DM keys plus the keys the channel declares. */
export function channelSchema(meta: Pick<ChannelMeta, "config">) {
  const own = Object.entries(meta.config).map(([key, kind]) => [
    key,
    keySchema(key, kind).optional(),
  ]);
  return z.looseObject({ ...common, ...Object.fromEntries(own) });
}

/** channels.*: known channels are checked; others (plugins) stay free-form objects. */
export const ChannelsConfigSchema = z.looseObject(
  Object.fromEntries(CHANNEL_METAS.map((m) => [m.id, channelSchema(m).optional()])),
).catchall(z.looseObject({}));

export const validateHttpUrl: Validator = validatorFor(HttpUrlSchema);
export const validateWebhookPath: Validator = validatorFor(WebhookPathSchema);
export const validateE164: Validator = validatorFor(E164Schema);
export const validateGuid: Validator = validatorFor(GuidSchema);

export const validateNonEmpty = (what: string): Validator => (input) =>
  input.trim() === "" ? `Enter the ${what}.` : undefined;

/**
 * A token's shape, judged in order: pasted at all (`empty` says where to get
 * one), no spaces inside, then the platform's pattern (`wrong` says what it
 * looks like). `tidy` drops what may come with a paste (Discord's "Bot ").
 */
export function tokenShape(o: {
  empty: string;
  pattern: RegExp;
  wrong: string;
  spaces?: string;
  tidy?: (v: string) => string;
}): Validator {
  return (input) => {
    const v = o.tidy ? o.tidy(input.trim()) : input.trim();
    if (v === "") return o.empty;
    if (/\s/.test(v)) return o.spaces ?? "A bot token has no spaces or line breaks.";
    return o.pattern.test(v) ? undefined : o.wrong;
  };
}

/** A token typed by hand: not empty, and no spaces inside. */
export const validateToken = (what: string): Validator => (input) =>
  /\s/.test(input.trim()) ? "A token has no spaces." : validateNonEmpty(what)(input);

/** An account id names a folder: letters, digits, - and _. */
export const validateAccountId: Validator = (input) =>
  /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(input.trim())
    ? undefined
    : "An account id is letters, digits, '-' and '_' (at most 64), e.g. default or work.";
