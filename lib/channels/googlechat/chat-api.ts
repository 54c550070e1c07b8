/**
 * Google Chat's answering side: the Chat API, called as the Chat app with
 * its service account. The account's key signs a short assertion (RS256),
 * the key file's token endpoint trades it for an access token with the
 * chat.bot scope (kept until it nearly expires), and each reply is a
 * `POST {api}/v1/spaces/…/messages`. A refused key (deleted, disabled) is
 * a CredentialRejected.
 */
import type { ServiceAccount } from "./setup.ts";
import { type IssuedToken, requestToken, TokenCache } from "../oauth-token.ts";
import { loadJose } from "../signed-webhook.ts";

/** What a Chat app may do as itself (post in the spaces it is in). */
const CHAT_BOT_SCOPE = "https://www.googleapis.com/auth/chat.bot";
/** Where a key file without token_uri gets its tokens. */
const GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";
/** Chat allows 4,096 characters in a message's text. */
export const GOOGLECHAT_MAX_MESSAGE = 4096;

/** A space's resource name, as the Chat API's path needs it (and nothing that could leave it). */
export const SPACE_NAME = /^spaces\/[A-Za-z0-9_-]{1,128}$/;

export class ChatApiError extends Error {}

export interface ChatApi {
  /** Fetch (or reuse) the access token: proves the key works. */
  token(signal: AbortSignal): Promise<string>;
  send(space: string, text: string, signal: AbortSignal): Promise<void>;
}

export async function chatApi(
  account: ServiceAccount,
  apiBase: string,
  now: () => number,
): Promise<ChatApi> {
  const { importPKCS8, SignJWT } = await loadJose();
  // A key that is not an RSA PKCS#8 key fails here, at start, not at the first reply.
  const key = await importPKCS8(account.private_key, "RS256");
  const tokenUri = typeof account.token_uri === "string" ? account.token_uri : GOOGLE_TOKEN_URI;
  const keyId = typeof account.private_key_id === "string" ? account.private_key_id : undefined;

  async function fetchToken(signal: AbortSignal): Promise<IssuedToken> {
    const iat = Math.floor(now() / 1000);
    const assertion = await new SignJWT({ scope: CHAT_BOT_SCOPE })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", ...(keyId ? { kid: keyId } : {}) })
      .setIssuer(account.client_email)
      .setAudience(tokenUri)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(key);
    const form = new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion,
    });
    return await requestToken(tokenUri, form, "the service account key", signal);
  }

  const tokens = new TokenCache(fetchToken, now);
  const base = apiBase.replace(/\/+$/, "");
  return {
    token: (signal) => tokens.get(signal),
    async send(space, text, signal) {
      if (!SPACE_NAME.test(space)) throw new ChatApiError("not a Chat space name");
      const r = await tokens.postJson(`${base}/v1/${space}/messages`, { text }, signal);
      if (!r.ok) throw new ChatApiError(`the Chat API answered ${r.status} for ${space}`);
    },
  };
}
