/**
 * What counts as a sender id in each channel's allowFrom. An allowlist
 * matches the platform's stable ids only, never a display name: anyone can
 * call themselves "@alice" or "Jane Doe", but nobody can take another
 * account's id. Setup resolves names to ids where the platform's API can,
 * and warns about the rest; the Telegram runtime and `openclaw doctor` judge
 * entries by the same rules, declared once here.
 *
 * Data and pure functions only: the doctor and the gateway load it.
 */
import type { ChannelId } from "./flags.ts";
import { cli } from "../platform/invocation.ts";

/** allowFrom ["*"] is the open policy's "everyone", not a name. */
export const ALLOW_ANYONE = "*";

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SenderIdRule {
  /** Whether an allowFrom entry is an id the runtime can match. */
  isId(entry: string): boolean;
  /** What the ids look like and where to find one, for warnings and doctor. */
  hint: string;
  /** How to learn a person's id when the platform cannot look a name up. */
  findId?: string;
}

export const SENDER_ID_RULES: Record<ChannelId, SenderIdRule> = {
  telegram: {
    // User ids are positive integers; names and @usernames can be chosen by anyone.
    isId: (e) => /^[1-9]\d{0,19}$/.test(e),
    hint: "numeric Telegram user ids, e.g. 123456789",
    // A getter: the commands are written the way this run was started, known only at run time.
    get findId() {
      return "to learn someone's id, use --dm-policy pairing, let them message the bot and run " +
        `\`${cli("pairing list telegram")}\` then \`${cli("pairing approve telegram <code>")}\` ` +
        "(that records their id), or ask them to message @userinfobot";
    },
  },
  whatsapp: {
    isId: (e) => E164.test(e),
    hint: "phone numbers in international form, e.g. +15551234567",
  },
  discord: {
    isId: (e) => /^\d{15,21}$/.test(e),
    hint: "Discord user ids (Developer Mode → right-click the user → Copy User ID)",
  },
  googlechat: {
    // users/<id> is the stable resource name; the email is the account's own address.
    isId: (e) => /^users\/[^\s/]+$/.test(e) || EMAIL.test(e),
    hint: "users/<id> or the account's email address",
  },
  mattermost: {
    isId: (e) => /^[a-z0-9]{26}$/.test(e),
    hint: "Mattermost user ids (26 letters and digits; System Console → Users)",
  },
  signal: {
    isId: (e) => E164.test(e) || UUID.test(e.replace(/^uuid:/, "")),
    hint: "phone numbers like +15551234567, or Signal account UUIDs",
  },
  bluebubbles: {
    // iMessage handles: the phone number or Apple ID the account is registered with.
    isId: (e) => E164.test(e) || EMAIL.test(e),
    hint: "iMessage handles: phone numbers (+15551234567) or Apple ID emails",
  },
  imessage: {
    isId: (e) => E164.test(e) || EMAIL.test(e),
    hint: "iMessage handles: phone numbers (+15551234567) or Apple ID emails",
  },
  slack: {
    isId: (e) => /^[UW][A-Z0-9]{6,}$/.test(e),
    hint: "Slack member ids like U0123ABCD (profile → ⋮ → Copy member ID)",
  },
  matrix: {
    isId: (e) => /^@[a-z0-9._=\-/+]+:[A-Za-z0-9.-]+(:\d+)?$/i.test(e),
    hint: "full Matrix ids like @jane:example.org",
  },
  msteams: {
    isId: (e) => UUID.test(e),
    hint: "Microsoft Entra user object ids (GUIDs)",
  },
};

/** The allowFrom entries of a channel that are neither ids nor "*": they never match. */
export function unresolvedEntries(channel: ChannelId, allowFrom: readonly unknown[]): string[] {
  const rule = SENDER_ID_RULES[channel];
  return allowFrom.map((e) => String(e).trim()).filter((e) => e !== ALLOW_ANYONE && !rule.isId(e));
}
