/**
 * Reuse the Codex CLI's ChatGPT login: ~/.codex/auth.json (or
 * $CODEX_HOME/auth.json), `{"tokens": {"access_token", "refresh_token",
 * "account_id", "id_token"}}`.
 */
import type { Host } from "../host.ts";
import { CredentialUnavailableError } from "./reuse-errors.ts";
import type { OAuthCredential } from "./oauth-store.ts";
import { jwtClaims } from "./oauth/jwt.ts";
import { type CliLogin, credentialFromFile, parseCliLoginJson } from "./cli-login-file.ts";

const CODEX_LOGIN: CliLogin = {
  missingName: "Codex CLI login",
  missingFix: "Run `codex login` first, or choose another method (ChatGPT sign-in or API key).",
  invalidName: "Codex login",
  invalidFix: "Run `codex login` again, or choose another method.",
};

export function codexAuthPath(host: Host): string {
  const dir = host.env("CODEX_HOME")?.trim() || `${host.home}/.codex`;
  return `${dir}/auth.json`;
}

export async function readCodexCliCredentials(
  host: Host,
): Promise<{ credential: OAuthCredential; from: string }> {
  return await credentialFromFile(codexAuthPath(host), CODEX_LOGIN, parseCodexAuth);
}

export function parseCodexAuth(text: string, where: string): OAuthCredential {
  const raw = parseCliLoginJson(text, where, CODEX_LOGIN);
  const tokens = (raw as { tokens?: Record<string, unknown> })?.tokens;
  if (!tokens || typeof tokens.access_token !== "string" || tokens.access_token === "") {
    throw new CredentialUnavailableError(
      `${where} holds no ChatGPT login (tokens.access_token); it may be an API-key login.\n` +
        "Run `codex login` with ChatGPT, or choose OpenAI API key instead.",
    );
  }
  const exp = jwtClaims(tokens.access_token)?.exp;
  return {
    access: tokens.access_token,
    refresh: typeof tokens.refresh_token === "string" ? tokens.refresh_token : undefined,
    expires: typeof exp === "number" ? exp * 1000 : undefined,
    accountId: typeof tokens.account_id === "string" ? tokens.account_id : undefined,
    source: "codex-cli",
  };
}
