/**
 * Renewing the ChatGPT (Codex) sign-in. Its access token lasts hours; when it
 * has expired (or will within a minute) the refresh token buys a new one at
 * the OpenAI token URL (OPENCLAW_OPENAI_OAUTH_TOKEN_URL moves it, e.g. to a
 * test server), and the new tokens are written back atomically (0600) to the
 * agent's auth-profiles.json and, when it holds the same login,
 * credentials/oauth.json. Refreshes run one at a time: refresh tokens are
 * single-use, so two at once would spend it twice.
 */
import type { AuthProfile } from "../auth/profiles.ts";
import { readAuthProfiles } from "../auth/profiles.ts";
import { openaiOAuthUrls } from "../auth/base-url.ts";
import { CODEX_CLIENT_ID } from "../auth/oauth/openai-codex.ts";
import { cli } from "../platform/invocation.ts";
import { TurnError } from "./turn-error.ts";
import type { CredentialContext } from "./credentials.ts";
import {
  expiresSoon,
  type LoginTokens,
  oneAtATime,
  tokensOf,
  writeRenewed,
} from "./oauth-renew.ts";

const REFRESH_TIMEOUT_MS = 15_000;

export type CodexTokens = LoginTokens;

export function refreshCodexIfExpired(
  ctx: CredentialContext,
  path: string,
  id: string,
  profile: AuthProfile,
): Promise<CodexTokens> {
  const run = async (): Promise<CodexTokens> => {
    // Read again inside the queue: an earlier refresh may have renewed it already.
    const current = (await readAuthProfiles(path)).profiles[id] ?? profile;
    const tokens = tokensOf(current);
    if (!expiresSoon(tokens, ctx.host.now())) return tokens;
    if (!tokens.refresh) throw signInAgain("the token expired and no refresh token is saved");
    const fresh = await requestRefresh(ctx, tokens);
    await writeRenewed(ctx, path, id, current, tokens, fresh);
    return fresh;
  };
  return oneAtATime(run);
}

async function requestRefresh(ctx: CredentialContext, old: CodexTokens): Promise<CodexTokens> {
  const url = openaiOAuthUrls(ctx.host).token;
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        client_id: CODEX_CLIENT_ID,
        refresh_token: old.refresh!,
      }),
      signal: AbortSignal.timeout(REFRESH_TIMEOUT_MS),
    });
  } catch {
    throw new TurnError(
      "unreachable",
      `could not reach ${hostOf(url)} to renew the ChatGPT sign-in`,
      "I could not reach OpenAI to renew the ChatGPT sign-in. Try again in a moment.",
    );
  }
  const text = await res.text();
  if (!res.ok) throw signInAgain(`the token URL answered HTTP ${res.status}`);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch {
    throw signInAgain("the token URL answered something that is not JSON");
  }
  if (typeof json.access_token !== "string") throw signInAgain("no access token in the answer");
  const expiresIn = typeof json.expires_in === "number" ? json.expires_in : undefined;
  return {
    access: json.access_token,
    // Some servers rotate the refresh token, others keep it: keep the old one if none came.
    refresh: typeof json.refresh_token === "string" ? json.refresh_token : old.refresh,
    expires: expiresIn ? ctx.host.now().getTime() + expiresIn * 1000 : undefined,
    accountId: old.accountId,
  };
}

function signInAgain(why: string): TurnError {
  return new TurnError(
    "auth",
    `ChatGPT sign-in could not be renewed: ${why}`,
    "The ChatGPT sign-in has expired. Sign in again with " +
      `\`${cli("onboard --auth-choice openai-codex")}\`.`,
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the token URL";
  }
}
