/**
 * What Google Chat POSTs to the app's HTTP endpoint, and how it is trusted.
 *
 * The bearer token depends on the Chat app's "authentication audience":
 * - project number: a JWT signed by chat@system.gserviceaccount.com (its
 *   own key set), audience the Cloud project's number;
 * - app URL: a Google ID token (Google's OAuth key set), audience the
 *   endpoint URL, for the email chat@system.gserviceaccount.com.
 *
 * An event of type MESSAGE becomes an InboundCandidate for the gate; the
 * other types (added to / removed from a space, card clicks) are ignored.
 */
import type { JWTPayload } from "jose";
import type { Host } from "../../host.ts";
import type { InboundCandidate } from "../inbound-gate.ts";
import type { JwtRules } from "../signed-webhook.ts";
import { SPACE_NAME } from "./chat-api.ts";

const CHAT_ISSUER = "chat@system.gserviceaccount.com";
const CHAT_KEYS = `https://www.googleapis.com/service_accounts/v1/jwk/${CHAT_ISSUER}`;
const GOOGLE_ID_KEYS = "https://www.googleapis.com/oauth2/v3/certs";
/** Google's tokens tolerate this much clock difference in its own libraries. */
const CLOCK_TOLERANCE_SEC = 300;

export type AudienceType = "app-url" | "project-number";

/** The token rules for the configured audience; OPENCLAW_GOOGLECHAT_JWKS_URL moves the key set. */
export function chatTokenRules(type: AudienceType, audience: string, host: Host): JwtRules {
  const keys = host.env("OPENCLAW_GOOGLECHAT_JWKS_URL");
  if (type === "project-number") {
    return {
      jwksUrl: keys ?? CHAT_KEYS,
      issuer: CHAT_ISSUER,
      audience,
      clockToleranceSec: CLOCK_TOLERANCE_SEC,
    };
  }
  return {
    jwksUrl: keys ?? GOOGLE_ID_KEYS,
    issuer: ["https://accounts.google.com", "accounts.google.com"],
    audience,
    clockToleranceSec: CLOCK_TOLERANCE_SEC,
    // Any Google account can get an ID token for our URL; only Chat's own is the platform.
    check: (claims: JWTPayload) =>
      claims.email === CHAT_ISSUER && claims.email_verified === true
        ? undefined
        : "not an ID token of Google Chat",
  };
}

interface ChatUser {
  name?: unknown;
  displayName?: unknown;
  email?: unknown;
  type?: unknown;
}

interface ChatSpace {
  name?: unknown;
  type?: unknown;
  spaceType?: unknown;
  singleUserBotDm?: unknown;
}

interface ChatAnnotation {
  type?: unknown;
  userMention?: { user?: ChatUser };
}

interface ChatEvent {
  type?: unknown;
  space?: ChatSpace;
  message?: {
    sender?: ChatUser;
    text?: unknown;
    argumentText?: unknown;
    annotations?: unknown;
    space?: ChatSpace;
  };
}

const USER_NAME = /^users\/[^\s/]{1,128}$/;

/**
 * A MESSAGE event as a candidate, or why it is not one. `allowFrom` lets an
 * allowlisted email stand for its sender (meta.ts accepts emails as ids):
 * the event's email comes from Google, signed, not from the sender's text.
 */
export function chatCandidate(
  body: unknown,
  allowFrom: readonly string[],
): { candidate: InboundCandidate } | { ignore: string } {
  const e = (body && typeof body === "object" ? body : {}) as ChatEvent;
  const type = typeof e.type === "string" ? e.type.slice(0, 40) : "untyped";
  if (type !== "MESSAGE") return { ignore: `a ${type} event` };
  const m = e.message ?? {};
  const space = e.space ?? m.space ?? {};
  const sender = m.sender ?? {};
  if (typeof sender.name !== "string" || !USER_NAME.test(sender.name)) {
    return { ignore: "a message without a users/… sender" };
  }
  if (typeof space.name !== "string" || !SPACE_NAME.test(space.name)) {
    return { ignore: "a message without a spaces/… space" };
  }
  const text = typeof m.text === "string" ? m.text : "";
  const argumentText = typeof m.argumentText === "string" ? m.argumentText : undefined;
  const direct = space.type === "DM" || space.spaceType === "DIRECT_MESSAGE" ||
    space.singleUserBotDm === true;
  return {
    candidate: {
      senderId: listedEmail(sender.email, allowFrom) ?? sender.name,
      chatId: space.name,
      chatType: direct ? "direct" : "group",
      name: typeof sender.displayName === "string" ? sender.displayName : undefined,
      text: (argumentText ?? text).trim(),
      mentioned: mentionsApp(text, argumentText, m.annotations),
      fromBot: sender.type === "BOT",
    },
  };
}

/**
 * argumentText is the text with the app's own mention taken out, so a
 * difference means the app was mentioned; without it, a mention of a bot
 * user (in a space, Chat sends an app only what mentions it, unless told
 * otherwise) counts.
 */
function mentionsApp(text: string, argumentText: string | undefined, annotations: unknown) {
  if (argumentText !== undefined) return argumentText.trim() !== text.trim();
  return Array.isArray(annotations) &&
    (annotations as ChatAnnotation[]).some((a) =>
      a?.type === "USER_MENTION" && a.userMention?.user?.type === "BOT"
    );
}

/** The allowFrom entry (as written) that is this sender's email, if any. */
function listedEmail(email: unknown, allowFrom: readonly string[]): string | undefined {
  if (typeof email !== "string" || !email.includes("@")) return undefined;
  const wanted = email.toLowerCase();
  return allowFrom.find((entry) => entry.toLowerCase() === wanted);
}
