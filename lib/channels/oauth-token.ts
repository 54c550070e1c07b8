/**
 * Bearer tokens for a channel's replies, from an OAuth 2.0 token endpoint:
 * Google Chat trades a service account's signed assertion for one,
 * Microsoft Teams its app id and client secret. Both last about an hour, so
 * one is kept until shortly before it expires (a token request per message
 * would be slow and rate-limited), and one request serves every caller
 * waiting at that moment; a reply the platform answers 401 is sent once
 * more with a new token. The endpoint refusing the credential itself
 * (invalid_client, invalid_grant, unauthorized_client) is a
 * CredentialRejected: retrying cannot help, the user must fix the config.
 */
import { CredentialRejected } from "./reconnect.ts";
import { fetchJson, type FetchJsonResult } from "./live-check.ts";

/** Token requests are small; an endpoint silent this long is not answering. */
export const TOKEN_TIMEOUT_MS = 15_000;

/** A reply that takes longer than this is not coming. */
const SEND_TIMEOUT_MS = 15_000;

/** A token is renewed this long before it expires, so none expires on its way. */
const RENEW_BEFORE_MS = 60_000;

/** The OAuth error codes that mean the credential itself is wrong (RFC 6749 §5.2). */
const REFUSED = new Set(["invalid_client", "invalid_grant", "unauthorized_client"]);

export interface IssuedToken {
  token: string;
  expiresInSec: number;
}

/**
 * POST a form to a token endpoint. `credential` names what the user must fix
 * when it is refused ("the app id or client secret").
 */
export async function requestToken(
  url: string,
  form: URLSearchParams,
  credential: string,
  signal: AbortSignal,
): Promise<IssuedToken> {
  const r = await fetchJson(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
    signal,
    timeoutMs: TOKEN_TIMEOUT_MS,
  });
  const body = (r.body && typeof r.body === "object" ? r.body : {}) as Record<string, unknown>;
  if (!r.ok) {
    const error = typeof body.error === "string" ? body.error.slice(0, 64) : undefined;
    // Entra's descriptions start with a code (AADSTS7000215: wrong secret) worth showing.
    const code = String(body.error_description ?? "").match(/AADSTS\d{4,8}/)?.[0];
    const said = [error, code].filter(Boolean).join(", ");
    if ((r.status === 400 || r.status === 401) && error && REFUSED.has(error)) {
      throw new CredentialRejected(`${credential} (${said})`);
    }
    throw new Error(`the token endpoint answered ${r.status}${said ? ` (${said})` : ""}`);
  }
  if (typeof body.access_token !== "string" || body.access_token === "") {
    throw new Error("the token endpoint answered without an access_token");
  }
  const expires = Number(body.expires_in);
  return {
    token: body.access_token,
    expiresInSec: Number.isFinite(expires) && expires > 0 ? expires : 300,
  };
}

/** One token at a time, fetched when missing or nearly expired. */
export class TokenCache {
  private current?: { token: string; renewAt: number };
  private pending?: Promise<string>;
  /** Once refused, the credential is not offered again: the channel is stopping. */
  private refused?: CredentialRejected;

  constructor(
    private readonly fetchToken: (signal: AbortSignal) => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  get(signal: AbortSignal): Promise<string> {
    if (this.refused) return Promise.reject(this.refused);
    if (this.current && this.now() < this.current.renewAt) {
      return Promise.resolve(this.current.token);
    }
    this.pending ??= this.fetchToken(signal).then((t) => {
      this.current = {
        token: t.token,
        renewAt: this.now() + Math.max(0, t.expiresInSec * 1000 - RENEW_BEFORE_MS),
      };
      return t.token;
    }, (err) => {
      if (err instanceof CredentialRejected) this.refused = err;
      throw err;
    }).finally(() => this.pending = undefined);
    return this.pending;
  }

  /**
   * POST `body` as JSON with the token; when the platform answers 401 (the
   * token was revoked before it expired), once more with a new one, whose
   * request tells whether the credential itself still holds.
   */
  async postJson(url: string, body: unknown, signal: AbortSignal): Promise<FetchJsonResult> {
    const post = async () =>
      await fetchJson(url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${await this.get(signal)}`,
          "content-type": "application/json; charset=utf-8",
        },
        body: JSON.stringify(body),
        signal,
        timeoutMs: SEND_TIMEOUT_MS,
      });
    const first = await post();
    if (first.status !== 401) return first;
    this.current = undefined;
    return await post();
  }
}
