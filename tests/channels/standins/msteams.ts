/**
 * Microsoft on 127.0.0.1 for the Teams channel: the Bot Framework's OpenID
 * metadata (GET /openid, naming GET /keys, the key set the connector signs
 * with), Entra's token endpoint (POST /<tenant>/oauth2/v2.0/token, client
 * credentials checked, invalid_client for a wrong secret), and the Bot
 * Connector at the service URL `${base}/amer/` (POST
 * /amer/v3/conversations/<id>/activities, with the access token it
 * issued). Tests sign activities with `platformKey` (or another) and read
 * what the bot sent.
 */
import { serveLocal } from "../../helpers/local-server.ts";
import { waitFor } from "../standins.ts";
import { type SigningKey, signingKey } from "./signing.ts";

export const APP_ID = "11111111-2222-4333-8444-555555555555";
export const APP_PASSWORD = "client~secret.value_0123456789";
export const TENANT_ID = "99999999-8888-4777-8666-555555555555";
const ACCESS_TOKEN = "eyJ0eXAi.bot-access-token";

export interface ConnectorActivity {
  conversation: string;
  type: string;
  text?: string;
}

export interface TeamsStandIn extends AsyncDisposable {
  base: string;
  openIdUrl: string;
  /** The service URL activities name (the connector's). */
  serviceUrl: string;
  platformKey: SigningKey;
  otherKey: SigningKey;
  /** Activities the bot posted, typing included. */
  posted: ConnectorActivity[];
  /** Token requests: "ok" or the error answered. */
  tokenRequests: string[];
  /** The secret is deleted: tokens issued so far stop working, new ones are refused. */
  revoke(): void;
  waitForPost(pred: (a: ConnectorActivity) => boolean): Promise<ConnectorActivity>;
  /** A token as the connector signs it (issuer, audience = the app id, serviceurl). */
  token(claims?: Record<string, unknown>, key?: SigningKey): Promise<string>;
}

export async function teamsStandIn(): Promise<TeamsStandIn> {
  const [platformKey, otherKey] = await Promise.all([
    signingKey("bf-key-1", "platform"),
    signingKey("bf-key-1", "other"),
  ]);
  const posted: ConnectorActivity[] = [];
  const tokenRequests: string[] = [];
  let revoked = false;
  let base = "";
  const server = serveLocal(async (req) => {
    const url = new URL(req.url);
    if (req.method === "GET" && url.pathname === "/openid") {
      return Response.json({
        issuer: "https://api.botframework.com",
        jwks_uri: `${base}/keys`,
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    if (req.method === "GET" && url.pathname === "/keys") {
      return Response.json({ keys: [{ ...platformKey.publicJwk, endorsements: ["msteams"] }] });
    }
    const token = url.pathname.match(/^\/([^/]+)\/oauth2\/v2\.0\/token$/);
    if (req.method === "POST" && token) {
      const form = new URLSearchParams(await req.text());
      const verdict = revoked ? "invalid_client" : judgeClient(decodeURIComponent(token[1]), form);
      tokenRequests.push(verdict);
      if (verdict !== "ok") {
        return Response.json({
          error: verdict,
          error_description: "AADSTS7000215: Invalid client secret provided.",
        }, { status: 401 });
      }
      return Response.json({ token_type: "Bearer", expires_in: 3599, access_token: ACCESS_TOKEN });
    }
    const m = url.pathname.match(/^\/amer\/v3\/conversations\/([^/]+)\/activities$/);
    if (req.method === "POST" && m) {
      if (revoked || req.headers.get("authorization") !== `Bearer ${ACCESS_TOKEN}`) {
        return Response.json({ error: { code: "Unauthorized" } }, { status: 401 });
      }
      const body = await req.json();
      posted.push({ conversation: decodeURIComponent(m[1]), type: body.type, text: body.text });
      return Response.json({ id: `activity-${posted.length}` }, { status: 201 });
    }
    return Response.json({ error: { code: "NotFound" } }, { status: 404 });
  });
  base = server.base;
  const serviceUrl = `${base}/amer/`;
  return {
    base,
    openIdUrl: `${base}/openid`,
    serviceUrl,
    platformKey,
    otherKey,
    posted,
    tokenRequests,
    revoke: () => void (revoked = true),
    waitForPost: (pred) => waitFor(posted, pred),
    token: (claims = {}, key = platformKey) =>
      key.sign({
        iss: "https://api.botframework.com",
        aud: APP_ID,
        serviceurl: serviceUrl,
        ...claims,
      }),
    [Symbol.asyncDispose]: () => server.close(),
  };
}

function judgeClient(tenant: string, form: URLSearchParams): string {
  if (tenant !== TENANT_ID) return "invalid_request";
  if (form.get("grant_type") !== "client_credentials") return "unsupported_grant_type";
  if (form.get("scope") !== "https://api.botframework.com/.default") return "invalid_scope";
  if (form.get("client_id") !== APP_ID || form.get("client_secret") !== APP_PASSWORD) {
    return "invalid_client";
  }
  return "ok";
}

/** A message activity as Teams sends it: personal (a DM), or in a group chat or channel. */
export function teamsActivity(opts: {
  serviceUrl: string;
  user: string;
  text: string;
  conversation?: { id: string; type: "groupChat" | "channel" };
  mention?: boolean;
}) {
  const bot = { id: `28:${APP_ID}`, name: "Claw" };
  const tag = `<at>${bot.name}</at>`;
  return {
    type: "message",
    id: "1764666000000",
    timestamp: "2026-12-02T09:00:00.000Z",
    serviceUrl: opts.serviceUrl,
    channelId: "msteams",
    from: { id: "29:1AbCdEfG-alice", name: "Alice", aadObjectId: opts.user },
    conversation: opts.conversation
      ? {
        id: opts.conversation.id,
        conversationType: opts.conversation.type,
        isGroup: true,
        tenantId: TENANT_ID,
      }
      : { id: "a:1personal-alice", conversationType: "personal", tenantId: TENANT_ID },
    recipient: bot,
    text: opts.mention ? `${tag} ${opts.text}` : opts.text,
    textFormat: "plain",
    entities: opts.mention ? [{ type: "mention", mentioned: bot, text: tag }] : [],
    channelData: { tenant: { id: TENANT_ID } },
  };
}
