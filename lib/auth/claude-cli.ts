/**
 * Reuse Claude Code's login. macOS keeps it in the Keychain item
 * "Claude Code-credentials" (read with `security find-generic-password`);
 * Linux and Windows keep it in ~/.claude/.credentials.json (or
 * $CLAUDE_CONFIG_DIR/.credentials.json).
 */
import type { Host } from "../host.ts";
import { CredentialUnavailableError } from "./reuse-errors.ts";
import type { OAuthCredential } from "./oauth-store.ts";

export const KEYCHAIN_SERVICE = "Claude Code-credentials";
/** `security` exits 44 when the item does not exist. */
const SECURITY_NOT_FOUND = 44;

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
  const path = `${dir}/.credentials.json`;
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new CredentialUnavailableError(
        `No Claude Code login found (${path} does not exist).\n` +
          "Run `claude` and log in first, or choose another method (API key or setup token).",
      );
    }
    throw new CredentialUnavailableError(
      `${path} exists but cannot be read (${(err as Error).message}).\n` +
        "Check its permissions, or choose another method.",
    );
  }
  return { credential: parseClaudeJson(text, path), from: path };
}

/** `{"claudeAiOauth": {"accessToken", "refreshToken", "expiresAt"}}` → our credential. */
export function parseClaudeJson(text: string, where: string): OAuthCredential {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CredentialUnavailableError(
      `${where} is not valid JSON, so the Claude Code login cannot be reused.\n` +
        "Log in again with `claude`, or choose another method.",
    );
  }
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
