/**
 * Reuse Claude Code's login. macOS keeps it in the Keychain item
 * "Claude Code-credentials" (read with `security find-generic-password`);
 * Linux and Windows keep it in ~/.claude/.credentials.json (or
 * $CLAUDE_CONFIG_DIR/.credentials.json).
 */
import type { Host } from "../host.ts";
import { CredentialUnavailableError } from "./reuse-errors.ts";
import type { OAuthCredential } from "./oauth-store.ts";
import { type CliLogin, credentialFromFile, parseCliLoginJson } from "./cli-login-file.ts";

export const KEYCHAIN_SERVICE = "Claude Code-credentials";
/** `security` exits 44 when the item does not exist. */
const SECURITY_NOT_FOUND = 44;

const CLAUDE_LOGIN: CliLogin = {
  missingName: "Claude Code login",
  missingFix: "Run `claude` and log in first, or choose another method (API key or setup token).",
  invalidName: "Claude Code login",
  invalidFix: "Log in again with `claude`, or choose another method.",
};

export interface ClaudeCredentials {
  credential: OAuthCredential;
  /** Where it came from, for the summary: "macOS Keychain" or a path. */
  from: string;
}

export async function readClaudeCliCredentials(host: Host): Promise<ClaudeCredentials> {
  return host.platform === "darwin" ? await fromKeychain(host) : await fromFile(host);
}

async function fromKeychain(host: Host): Promise<ClaudeCredentials> {
  let r;
  try {
    r = await host.run("security", ["find-generic-password", "-s", KEYCHAIN_SERVICE, "-w"]);
  } catch (err) {
    throw new CredentialUnavailableError(
      `Could not run \`security\` to read the Keychain (${(err as Error).message}).\n` +
        "Choose another method, e.g. an Anthropic API key or a setup token.",
    );
  }
  if (r.code === SECURITY_NOT_FOUND) {
    throw new CredentialUnavailableError(
      `No Claude Code login in the Keychain (item "${KEYCHAIN_SERVICE}").\n` +
        "Run `claude` and log in first, or choose another method (API key or setup token).",
    );
  }
  if (r.code !== 0) {
    throw new CredentialUnavailableError(
      `The Keychain item "${KEYCHAIN_SERVICE}" could not be read ` +
        `(security exited ${r.code}: ${r.stderr.trim() || "no details"}).\n` +
        'Allow access when macOS asks (choose "Always Allow"), then try again.',
    );
  }
  return { credential: parseClaudeJson(r.stdout, "the Keychain item"), from: "macOS Keychain" };
}

async function fromFile(host: Host): Promise<ClaudeCredentials> {
  const dir = host.env("CLAUDE_CONFIG_DIR")?.trim() || `${host.home}/.claude`;
  return await credentialFromFile(`${dir}/.credentials.json`, CLAUDE_LOGIN, parseClaudeJson);
}

/** `{"claudeAiOauth": {"accessToken", "refreshToken", "expiresAt"}}` → our credential. */
export function parseClaudeJson(text: string, where: string): OAuthCredential {
  const raw = parseCliLoginJson(text, where, CLAUDE_LOGIN);
  const oauth = (raw as { claudeAiOauth?: Record<string, unknown> })?.claudeAiOauth;
  if (!oauth || typeof oauth.accessToken !== "string" || oauth.accessToken === "") {
    throw new CredentialUnavailableError(
      `${where} holds no Claude Code access token (claudeAiOauth.accessToken).\n` +
        "Log in again with `claude`, or choose another method.",
    );
  }
  return {
    access: oauth.accessToken,
    refresh: typeof oauth.refreshToken === "string" ? oauth.refreshToken : undefined,
    expires: typeof oauth.expiresAt === "number" ? oauth.expiresAt : undefined,
    source: "claude-cli",
  };
}
