/**
 * Receiving a platform's pushed events on the gateway's port, signed. Google
 * Chat and Microsoft Teams POST each event with `Authorization: Bearer
 * <JWT>`, signed by a key the platform publishes (a JWKS) for an audience
 * only this bot has (its project number, endpoint URL or app id). Anyone on
 * the internet can reach such an endpoint, so a request is answered 401
 * unless its token checks out, before its body is read; then 200 at once
 * (the platforms give up after a few seconds, a model takes longer), and
 * the event is handled after, one at a time in the order they came.
 *
 * push-channel.ts mounts such a handler for as long as the channel runs.
 */
import type { JWTPayload, JWTVerifyGetKey } from "jose";
import type { ChannelEvent } from "./channel-runtime.ts";
import type { WebhookHandler, WebhookRequest } from "../gateway/webhooks.ts";

type Jose = typeof import("jose");
let jose: Promise<Jose> | undefined;

/**
 * jose (JWT verification, JWKS fetching, signing) is loaded on first use: a
 * gateway without Google Chat or Teams, and every other command, never
 * loads it.
 */
export function loadJose(): Promise<Jose> {
  return jose ??= import("jose");
}

/** The token is missing, forged, expired or for someone else: 401. */
export class TokenRefused extends Error {}

/** The platform's keys could not be fetched: not the caller's fault (503, retried). */
export class KeysUnavailable extends Error {}

export interface JwtRules {
  /** Where the signing keys are; a function when they must be looked up (OpenID metadata). */
  jwksUrl: string | ((signal: AbortSignal) => Promise<string>);
  issuer: string | string[];
  audience: string;
  /** Clock difference tolerated, in seconds. */
  clockToleranceSec: number;
  /** Further checks on the verified claims; returns why they fail. */
  check?: (claims: JWTPayload) => string | undefined;
}

/** Errors that say the token is bad, as opposed to the keys being unreachable. */
const TOKEN_FAULTS = new Set([
  "ERR_JWT_CLAIM_VALIDATION_FAILED",
  "ERR_JWT_EXPIRED",
  "ERR_JWT_INVALID",
  "ERR_JWS_INVALID",
  "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
  "ERR_JWKS_NO_MATCHING_KEY",
  "ERR_JWKS_MULTIPLE_MATCHING_KEYS",
  "ERR_JOSE_ALG_NOT_ALLOWED",
  "ERR_JOSE_NOT_SUPPORTED",
]);

/** A verifier for one platform's tokens; the key set is fetched once and kept (jose refreshes it). */
export function jwtVerifier(
  rules: JwtRules,
): (token: string, signal: AbortSignal) => Promise<JWTPayload> {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const keySet = (signal: AbortSignal) =>
    keys ??= (async () => {
      const { createRemoteJWKSet } = await loadJose();
      const url = typeof rules.jwksUrl === "string" ? rules.jwksUrl : await rules.jwksUrl(signal);
      return createRemoteJWKSet(new URL(url));
    })().catch((err) => {
      keys = undefined;
      throw new KeysUnavailable(`the signing keys could not be fetched: ${describe(err)}`);
    });

  return async (token, signal) => {
    const { jwtVerify } = await loadJose();
    const set = await keySet(signal);
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, set, {
        issuer: rules.issuer,
        audience: rules.audience,
        algorithms: ["RS256"],
        clockTolerance: rules.clockToleranceSec,
        requiredClaims: ["exp"],
      }));
    } catch (err) {
      const code = (err as { code?: string })?.code;
      if (code && TOKEN_FAULTS.has(code)) throw new TokenRefused(code);
      throw new KeysUnavailable(`the signing keys could not be fetched: ${describe(err)}`);
    }
    const why = rules.check?.(claims);
    if (why) throw new TokenRefused(why);
    return claims;
  };
}

/** The token of `Authorization: Bearer <token>`, if that is what the header holds. */
export function bearerToken(headers: Headers): string | undefined {
  const m = headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i);
  return m?.[1];
}

export interface SignedWebhookOptions<E> {
  verify: (token: string, signal: AbortSignal) => Promise<JWTPayload>;
  /**
   * The verified request's body as the channel's event: `refuse` (401) when
   * it contradicts the token, `ignore` for what the channel does not handle.
   */
  accept: (body: unknown, claims: JWTPayload) => { event: E } | { refuse: string } | {
    ignore: string;
  };
  handle: (event: E) => Promise<void>;
  emit: (e: ChannelEvent) => void;
  /** The immediate answer the platform expects for an accepted event. */
  ack: () => Response;
  signal: AbortSignal;
}

export interface SignedWebhook {
  handler: WebhookHandler;
  /** Waits until the events accepted so far are handled. */
  drain(): Promise<void>;
}

export function signedWebhook<E>(opts: SignedWebhookOptions<E>): SignedWebhook {
  let queue = Promise.resolve();

  async function handler(req: WebhookRequest): Promise<Response> {
    const token = bearerToken(req.headers);
    if (!token) return refused("no bearer token");
    let claims: JWTPayload;
    try {
      claims = await opts.verify(token, opts.signal);
    } catch (err) {
      if (err instanceof TokenRefused) return refused(err.message);
      opts.emit({ type: "error", message: (err as Error).message });
      return new Response("The signing keys are unavailable; try again.", { status: 503 });
    }
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(req.body));
    } catch {
      return new Response("The body is not JSON.", { status: 400 });
    }
    const verdict = opts.accept(body, claims);
    if ("refuse" in verdict) return refused(verdict.refuse);
    if ("ignore" in verdict) {
      opts.emit({ type: "ignored", reason: verdict.ignore });
      return opts.ack();
    }
    // Stopping: nothing new is started (stop() has waited for what was queued).
    if (opts.signal.aborted) return new Response("Stopping.", { status: 503 });
    queue = queue.then(() => opts.handle(verdict.event)).catch((err) => {
      if (!opts.signal.aborted) opts.emit({ type: "error", message: describe(err) });
    });
    return opts.ack();
  }

  function refused(why: string): Response {
    opts.emit({ type: "ignored", reason: `a request without a valid signed token (${why})` });
    return new Response("Unauthorized", {
      status: 401,
      headers: { "www-authenticate": "Bearer" },
    });
  }

  return { handler, drain: () => queue };
}

function describe(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}
