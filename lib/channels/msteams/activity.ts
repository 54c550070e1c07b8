/**
 * What the Bot Framework POSTs to the messaging endpoint (an Activity), and
 * how it is trusted. The bearer token is signed by the Bot Connector with a
 * key listed in its OpenID metadata; its issuer is
 * https://api.botframework.com, its audience the bot's app id, and its
 * `serviceurl` claim must be the activity's serviceUrl: the replies go
 * there with the bot's access token, so an activity that names another
 * service URL than the one the connector signed is refused (a forged one
 * could make the bot hand its token to someone else).
 *
 * An activity of type "message" becomes an InboundCandidate for the gate;
 * the other types (conversationUpdate, typing, invoke …) are ignored.
 */
import type { JWTPayload } from "jose";
import type { Host } from "../../host.ts";
import type { InboundCandidate } from "../inbound-gate.ts";
import type { JwtRules } from "../signed-webhook.ts";
import { fetchJson } from "../live-check.ts";
import { UUID } from "../meta.ts";

const OPENID_METADATA = "https://login.botframework.com/v1/.well-known/openidconfiguration";
const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";
/** The Bot Framework's own guidance: tolerate five minutes of clock difference. */
const CLOCK_TOLERANCE_SEC = 300;
const METADATA_TIMEOUT_MS = 10_000;

/** The token rules; OPENCLAW_MSTEAMS_OPENID_URL moves the OpenID metadata. */
export function teamsTokenRules(appId: string, host: Host): JwtRules {
  const metadata = host.env("OPENCLAW_MSTEAMS_OPENID_URL") ?? OPENID_METADATA;
  return {
    jwksUrl: async (signal) => {
      const r = await fetchJson(metadata, { signal, timeoutMs: METADATA_TIMEOUT_MS });
      const uri = (r.body as { jwks_uri?: unknown } | undefined)?.jwks_uri;
      if (!r.ok || typeof uri !== "string" || !/^https?:\/\//.test(uri)) {
        throw new Error(
          `the Bot Framework's OpenID metadata answered ${r.status} without jwks_uri`,
        );
      }
      return uri;
    },
    issuer: BOT_FRAMEWORK_ISSUER,
    audience: appId,
    clockToleranceSec: CLOCK_TOLERANCE_SEC,
  };
}

interface Account {
  id?: unknown;
  name?: unknown;
  aadObjectId?: unknown;
  role?: unknown;
}

interface Activity {
  type?: unknown;
  serviceUrl?: unknown;
  from?: Account;
  recipient?: Account;
  conversation?: { id?: unknown; conversationType?: unknown; isGroup?: unknown };
  text?: unknown;
  entities?: unknown;
}

interface Entity {
  type?: unknown;
  mentioned?: { id?: unknown };
  text?: unknown;
}

/** A message activity: what the gate judges, and where the answer goes. */
export interface TeamsMessage {
  candidate: InboundCandidate;
  serviceUrl: string;
}

/** Ids are opaque strings; these bounds keep a hostile one out of logs and URLs. */
const ID = /^[^\s\p{Cc}]{1,512}$/u;

/** The activity, checked against the verified claims. */
export function teamsMessage(
  body: unknown,
  claims: JWTPayload,
): { event: TeamsMessage } | { refuse: string } | { ignore: string } {
  const a = (body && typeof body === "object" ? body : {}) as Activity;
  if (typeof a.serviceUrl !== "string" || a.serviceUrl !== claims.serviceurl) {
    return { refuse: "the activity's serviceUrl is not the one the token was signed for" };
  }
  const type = typeof a.type === "string" ? a.type.slice(0, 40) : "untyped";
  if (type !== "message") return { ignore: `a ${type} activity` };
  const from = a.from ?? {};
  const conversation = a.conversation ?? {};
  const botId = a.recipient?.id;
  if (typeof from.id !== "string" || !ID.test(from.id)) {
    return { ignore: "a message without a sender id" };
  }
  if (typeof conversation.id !== "string" || !ID.test(conversation.id)) {
    return { ignore: "a message without a conversation id" };
  }
  const kind = conversation.conversationType;
  const direct = kind === "personal" || (kind === undefined && conversation.isGroup !== true);
  const mentions = botMentions(a.entities, botId);
  let text = typeof a.text === "string" ? a.text : "";
  for (const tag of mentions) text = text.split(tag).join("");
  return {
    event: {
      serviceUrl: a.serviceUrl,
      candidate: {
        // Allowlists hold Entra object ids (meta.ts); Teams' own 29:… id stands in without one.
        senderId: typeof from.aadObjectId === "string" && UUID.test(from.aadObjectId)
          ? from.aadObjectId
          : from.id,
        chatId: conversation.id,
        chatType: direct ? "direct" : "group",
        name: typeof from.name === "string" ? from.name : undefined,
        text: text.trim(),
        mentioned: mentions.length > 0,
        fromBot: from.role === "bot" || (typeof botId === "string" && from.id === botId),
      },
    },
  };
}

/** The `<at>…</at>` texts of the mentions of the bot itself (recipient.id). */
function botMentions(entities: unknown, botId: unknown): string[] {
  if (!Array.isArray(entities) || typeof botId !== "string") return [];
  return (entities as Entity[])
    .filter((e) => e?.type === "mention" && e.mentioned?.id === botId)
    .map((e) => typeof e.text === "string" && e.text ? e.text : "<at></at>");
}
