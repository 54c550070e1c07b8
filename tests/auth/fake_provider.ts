/**
 * A stand-in for the providers' APIs on 127.0.0.1 (port 0): OpenAI-style
 * `GET /models` (Bearer), Anthropic-style `GET /v1/models` (x-api-key, or
 * Bearer with the OAuth beta header) and the OAuth token endpoint
 * `POST /oauth/token` (authorization_code + PKCE). Keys in `validKeys` are
 * accepted, anything else gets 401. Every request is recorded.
 *
 *   await using api = startFakeProvider({ validKeys: ["sk-good"] });
 *   env.OPENCLAW_OPENAI_BASE_URL = api.url;
 */
import { base64Url } from "../../lib/auth/oauth/pkce.ts";

export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  form?: Record<string, string>;
}

export interface FakeProviderOptions {
  validKeys?: string[];
  /** code → the PKCE challenge it was issued for (the verifier must hash to it). */
  codes?: Record<string, string>;
}

export interface FakeProvider extends AsyncDisposable {
  url: string;
  requests: SeenRequest[];
}

/** An access token shaped like OpenAI's (a JWT carrying the ChatGPT account id). */
export function fakeAccessToken(accountId: string, exp: number): string {
  const enc = (o: unknown) => base64Url(new TextEncoder().encode(JSON.stringify(o)));
  return `${enc({ alg: "none" })}.${
    enc({ exp, "https://api.openai.com/auth": { chatgpt_account_id: accountId } })
  }.sig`;
}

export function startFakeProvider(opts: FakeProviderOptions = {}): FakeProvider {
  const requests: SeenRequest[] = [];
  const valid = new Set(opts.validKeys ?? []);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    const seen: SeenRequest = {
      method: req.method,
      path: url.pathname,
      headers: Object.fromEntries(req.headers),
    };
    requests.push(seen);
    // Paths under /missing have no model list (a compatible endpoint without one).
    if (
      req.method === "GET" && /\/models$/.test(url.pathname) && !url.pathname.startsWith("/missing")
    ) {
      const bearer = req.headers.get("authorization")?.replace(/^Bearer /, "");
      const key = req.headers.get("x-api-key") ?? bearer;
      if (!key || !valid.has(key)) {
        return Response.json({ error: { type: "authentication_error" } }, { status: 401 });
      }
      return Response.json({ data: [{ id: "model-a" }] });
    }
    if (req.method === "POST" && url.pathname === "/oauth/token") {
      const form = Object.fromEntries(new URLSearchParams(await req.text()));
      seen.form = form;
      const challenge = opts.codes?.[form.code];
      if (form.grant_type !== "authorization_code" || !challenge) {
        return Response.json({ error: "invalid_grant" }, { status: 401 });
      }
      const digest = await crypto.subtle.digest(
        "SHA-256",
        new TextEncoder().encode(form.code_verifier),
      );
      if (base64Url(new Uint8Array(digest)) !== challenge) {
        return Response.json({ error: "invalid_grant" }, { status: 400 });
      }
      return Response.json({
        access_token: fakeAccessToken("acct-123", 2_000_000_000),
        refresh_token: "rt-fake-refresh-token-000",
        id_token: fakeAccessToken("acct-123", 2_000_000_000),
        expires_in: 3600,
      });
    }
    return new Response("not found", { status: 404 });
  });
  const addr = server.addr as Deno.NetAddr;
  return {
    url: `http://127.0.0.1:${addr.port}`,
    requests,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}
