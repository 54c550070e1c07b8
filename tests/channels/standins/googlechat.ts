/**
 * Google on 127.0.0.1 for the Google Chat channel: the key set Chat signs
 * its events with (GET /jwks), the OAuth token endpoint a service account
 * trades its signed assertion at (POST /token, the key file's token_uri;
 * the assertion's signature, issuer, audience and scope are checked), and
 * the Chat API's messages.create (POST /v1/spaces/…/messages, with the
 * access token it issued). Tests sign events with `platformKey` (or
 * another) and read what was sent.
 */
import { jwtVerify } from "jose";
import { serveLocal } from "../../helpers/local-server.ts";
import { waitFor } from "../standins.ts";
import { type SigningKey, signingKey } from "./signing.ts";

export const CHAT_ISSUER = "chat@system.gserviceaccount.com";
export const PROJECT_NUMBER = "123456789012";
const ACCESS_TOKEN = "ya29.test-access-token";
const CLIENT_EMAIL = "claw-bot@claw-project.iam.gserviceaccount.com";

export interface ChatSent {
  space: string;
  text: string;
}

export interface GoogleChatStandIn extends AsyncDisposable {
  base: string;
  jwksUrl: string;
  /** The service account's JSON key file, token_uri pointing here. */
  keyFile: string;
  /** Chat's signing key (in the JWKS) and one that is not. */
  platformKey: SigningKey;
  otherKey: SigningKey;
  sent: ChatSent[];
  /** Token requests seen, with the outcome. */
  tokenRequests: string[];
  /** Answer token requests with invalid_grant, as for a deleted key. */
  refuseKey: boolean;
  waitForSend(pred: (m: ChatSent) => boolean): Promise<ChatSent>;
  /** A token as Chat signs it for an HTTP endpoint with the project-number audience. */
  eventToken(claims?: Record<string, unknown>, key?: SigningKey): Promise<string>;
}

export async function googleChatStandIn(): Promise<GoogleChatStandIn> {
  const [platformKey, otherKey, accountKey] = await Promise.all([
    signingKey("chat-key-1", "platform"),
    signingKey("chat-key-1", "other"),
    signingKey("sa-key-1", "account"),
  ]);
  const accountPublic = await crypto.subtle.importKey(
    "jwk",
    accountKey.publicJwk,
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    true,
    ["verify"],
  );
  const sent: ChatSent[] = [];
  const tokenRequests: string[] = [];
  const state = { refuseKey: false };
  let base = "";

  const server = serveLocal(async (req) => {
    const url = new URL(req.url);
    if (req.method === "GET" && url.pathname === "/jwks") {
      return Response.json({ keys: [platformKey.publicJwk] });
    }
    if (req.method === "POST" && url.pathname === "/token") {
      const form = new URLSearchParams(await req.text());
      const verdict = await judgeAssertion(form);
      tokenRequests.push(verdict);
      if (verdict !== "ok") {
        return Response.json({ error: "invalid_grant", error_description: verdict }, {
          status: 400,
        });
      }
      return Response.json({ access_token: ACCESS_TOKEN, expires_in: 3599, token_type: "Bearer" });
    }
    const m = url.pathname.match(/^\/v1\/(spaces\/[^/]+)\/messages$/);
    if (req.method === "POST" && m) {
      if (req.headers.get("authorization") !== `Bearer ${ACCESS_TOKEN}`) {
        return Response.json({ error: { code: 401, status: "UNAUTHENTICATED" } }, { status: 401 });
      }
      const body = await req.json();
      sent.push({ space: m[1], text: String(body.text) });
      return Response.json({ name: `${m[1]}/messages/${sent.length}`, text: body.text });
    }
    return Response.json({ error: { code: 404 } }, { status: 404 });
  });
  base = server.base;

  async function judgeAssertion(form: URLSearchParams): Promise<string> {
    if (state.refuseKey) return "Invalid JWT Signature.";
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      return "bad grant_type";
    }
    try {
      const { payload } = await jwtVerify(form.get("assertion") ?? "", accountPublic, {
        issuer: CLIENT_EMAIL,
        audience: `${base}/token`,
      });
      return String(payload.scope).includes("chat.bot") ? "ok" : "no chat.bot scope";
    } catch (err) {
      return `bad assertion: ${(err as Error).message}`;
    }
  }

  return {
    base,
    jwksUrl: `${base}/jwks`,
    keyFile: JSON.stringify({
      type: "service_account",
      project_id: "claw-project",
      private_key_id: accountKey.kid,
      private_key: accountKey.privatePem,
      client_email: CLIENT_EMAIL,
      token_uri: `${base}/token`,
    }),
    platformKey,
    otherKey,
    sent,
    tokenRequests,
    get refuseKey() {
      return state.refuseKey;
    },
    set refuseKey(v: boolean) {
      state.refuseKey = v;
    },
    waitForSend: (pred) => waitFor(sent, pred),
    eventToken: (claims = {}, key = platformKey) =>
      key.sign({ iss: CHAT_ISSUER, aud: PROJECT_NUMBER, ...claims }),
    [Symbol.asyncDispose]: () => server.close(),
  };
}

/** A MESSAGE event as Chat sends it: a DM, or a message in a space (mentioning the app or not). */
export function chatMessage(
  opts: { user: string; text: string; space?: string; mention?: boolean; email?: string },
) {
  const space = opts.space ?? "spaces/DMalice1";
  const direct = opts.space === undefined;
  const spaceInfo = direct
    ? { name: space, type: "DM", spaceType: "DIRECT_MESSAGE", singleUserBotDm: true }
    : { name: space, type: "ROOM", spaceType: "SPACE" };
  const mention = "@Claw";
  const text = opts.mention ? `${mention} ${opts.text}` : opts.text;
  const sender = {
    name: opts.user,
    displayName: "Alice",
    type: "HUMAN",
    ...(opts.email ? { email: opts.email } : {}),
  };
  return {
    type: "MESSAGE",
    eventTime: "2026-12-02T09:00:00.000Z",
    space: spaceInfo,
    user: sender,
    message: {
      name: `${space}/messages/abc.def`,
      sender,
      text,
      // Chat strips the app's own mention into argumentText (with the space after it).
      argumentText: opts.mention ? ` ${opts.text}` : opts.text,
      ...(opts.mention
        ? {
          annotations: [{
            type: "USER_MENTION",
            startIndex: 0,
            length: mention.length,
            userMention: {
              user: { name: "users/app-111", displayName: "Claw", type: "BOT" },
              type: "MENTION",
            },
          }],
        }
        : {}),
      space: spaceInfo,
      thread: { name: `${space}/threads/t1` },
    },
  };
}
