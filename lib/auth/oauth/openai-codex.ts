/**
 * The ChatGPT (OpenAI Code subscription) sign-in: an authorization-code flow
 * with PKCE. The user opens the link, signs in, and pastes what the browser
 * ends on — `code#state` or the whole redirect URL; the state must match the
 * one we sent. The code is then exchanged at the token URL (overridable, so
 * tests use a server on 127.0.0.1).
 */
import type { Host } from "../../host.ts";
import type { OAuthCredential } from "../oauth-store.ts";
import { CredentialUnavailableError } from "../reuse-errors.ts";
import { openaiOAuthUrls } from "../base-url.ts";
import { jwtClaims } from "./jwt.ts";
import type { PkcePair } from "./pkce.ts";

/** The public client id of OpenAI's Codex CLI, which this sign-in uses. */
export const CODEX_CLIENT_ID = "app_EMoamEEZ73f0CkXaXp7hrann";
export const CODEX_REDIRECT_URI = "http://localhost:1455/auth/callback";
const SCOPE = "openid profile email offline_access";
const EXCHANGE_TIMEOUT_MS = 15_000;

export function authorizeUrl(host: Host, pkce: PkcePair): string {
  const url = new URL(openaiOAuthUrls(host).authorize);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", CODEX_CLIENT_ID);
  url.searchParams.set("redirect_uri", CODEX_REDIRECT_URI);
  url.searchParams.set("scope", SCOPE);
  url.searchParams.set("code_challenge", pkce.challenge);
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("state", pkce.state);
  url.searchParams.set("id_token_add_organizations", "true");
  url.searchParams.set("codex_cli_simplified_flow", "true");
  return url.toString();
}

/** `code#state`, or a redirect URL with ?code=…&state=…; undefined when it is neither. */
export function parsePastedCode(input: string): { code: string; state: string } | undefined {
  const v = input.trim();
  if (/^https?:\/\//i.test(v)) {
    try {
      const u = new URL(v);
      const code = u.searchParams.get("code");
      const state = u.searchParams.get("state");
      return code && state ? { code, state } : undefined;
    } catch {
      return undefined;
    }
  }
  const m = /^([^#\s]+)#([^#\s]+)$/.exec(v);
  return m ? { code: m[1], state: m[2] } : undefined;
}

/** The prompt's validator: shape first, then the state. */
export function pastedCodeProblem(input: string, expectedState: string): string | undefined {
  if (input.trim() === "") return "Paste the code#state shown after signing in.";
  const parsed = parsePastedCode(input);
  if (!parsed) {
    return "That is not a code#state (or a redirect URL with code and state). Copy it again.";
  }
  if (parsed.state !== expectedState) {
    return "The state does not match this sign-in (an old or foreign link?). " +
      "Open the link above again and paste the new code#state.";
  }
  return undefined;
}

export async function exchangeCode(
  host: Host,
  code: string,
  pkce: PkcePair,
): Promise<OAuthCredential> {
  const tokenUrl = openaiOAuthUrls(host).token;
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    client_id: CODEX_CLIENT_ID,
    code,
    code_verifier: pkce.verifier,
    redirect_uri: CODEX_REDIRECT_URI,
  });
  let res: Response;
  try {
    res = await fetch(tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
      signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS),
    });
  } catch {
    throw new CredentialUnavailableError(
      `Could not reach ${hostOf(tokenUrl)} to finish the sign-in (offline?).\n` +
        "Check the network and sign in again. Nothing was changed.",
    );
  }
  const text = await res.text();
  if (!res.ok) {
    throw new CredentialUnavailableError(
      `OpenAI refused the sign-in code (HTTP ${res.status}${errorCode(text)}).\n` +
        "Codes are single-use and expire quickly: sign in again. Nothing was changed.",
    );
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CredentialUnavailableError(
      `${hostOf(tokenUrl)} answered the sign-in with something that is not JSON. Try again later.`,
    );
  }
  if (typeof json.access_token !== "string" || typeof json.refresh_token !== "string") {
    throw new CredentialUnavailableError(
      "The sign-in answer holds no access and refresh token. Sign in again.",
    );
  }
  const expiresIn = typeof json.expires_in === "number" ? json.expires_in : undefined;
  return {
    access: json.access_token,
    refresh: json.refresh_token,
    expires: expiresIn ? host.now().getTime() + expiresIn * 1000 : undefined,
    accountId: accountIdOf(json),
    source: "openai-codex-oauth",
  };
}

function accountIdOf(json: Record<string, unknown>): string | undefined {
  for (const t of [json.id_token, json.access_token]) {
    if (typeof t !== "string") continue;
    const auth = jwtClaims(t)?.["https://api.openai.com/auth"] as
      | Record<string, unknown>
      | undefined;
    if (typeof auth?.chatgpt_account_id === "string") return auth.chatgpt_account_id;
  }
  return undefined;
}

function errorCode(text: string): string {
  try {
    const e = JSON.parse(text)?.error;
    const code = typeof e === "string" ? e : e?.code ?? e?.type;
    return typeof code === "string" && /^[\w.-]{1,40}$/.test(code) ? `, ${code}` : "";
  } catch {
    return "";
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
