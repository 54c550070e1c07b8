/**
 * The credential a turn sends: from the agent's auth-profiles.json (written
 * by onboarding, lib/auth/profiles.ts), else a models.providers entry's
 * apiKey, else the provider's environment variable (the gateway service gets
 * ~/.openclaw/.env). An expired ChatGPT (Codex) OAuth token is refreshed
 * first (codex-refresh.ts). Nothing here logs or returns a secret in a message.
 */
import type { Host } from "../host.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { type AuthProfile, readAuthProfiles } from "../auth/profiles.ts";
import { AUTH_CHOICES } from "../auth/catalog.ts";
import { cli } from "../platform/invocation.ts";
import { TurnError } from "./turn-error.ts";
import type { ResolvedModel } from "./model.ts";
import { refreshCodexIfExpired } from "./codex-refresh.ts";
import { claudeLoginToken } from "./claude-login.ts";

export type Credential =
  /** x-api-key for Anthropic, Bearer for the OpenAI styles. */
  | { kind: "api-key"; key: string }
  /** An Anthropic setup token or Claude Code OAuth token: Bearer plus the OAuth beta. */
  | { kind: "anthropic-oauth"; token: string }
  /** The ChatGPT subscription: Bearer plus the account header. */
  | { kind: "codex"; access: string; accountId?: string }
  /** A local endpoint that needs no key (a custom provider saved without one). */
  | { kind: "none" };

export interface CredentialContext {
  host: Host;
  config: OpenclawConfig;
  /** The agent's folder holding auth-profiles.json. */
  agentDir: string;
  /** credentials/oauth.json, updated alongside when a refresh changes a token it holds. */
  oauthStorePath: string;
}

export async function credentialFor(
  ctx: CredentialContext,
  model: ResolvedModel,
): Promise<Credential> {
  const path = `${ctx.agentDir}/auth-profiles.json`;
  let profiles: Record<string, AuthProfile>;
  try {
    profiles = (await readAuthProfiles(path)).profiles;
  } catch {
    throw new TurnError(
      "config",
      "auth-profiles.json is unreadable or invalid",
      `The saved credentials cannot be read. Run \`${cli("doctor")}\`, then \`${cli("onboard")}\`.`,
    );
  }
  const found = pickProfile(profiles, model.provider);
  if (found) return await fromProfile(ctx, path, found.id, found.profile, model);
  const entryKey = ctx.config.models?.providers?.[model.provider]?.apiKey;
  if (entryKey) return { kind: "api-key", key: entryKey };
  const envKey = envKeyOf(ctx.host, model.provider);
  if (envKey) return { kind: "api-key", key: envKey };
  if (ctx.config.models?.providers?.[model.provider]) return { kind: "none" };
  throw new TurnError(
    "config",
    `no credentials for provider ${model.provider}`,
    `There are no credentials for ${model.provider} yet. Run \`${cli("onboard")}\` to add them.`,
  );
}

/** `<provider>:default` first, then any other profile of that provider. */
function pickProfile(
  profiles: Record<string, AuthProfile>,
  provider: string,
): { id: string; profile: AuthProfile } | undefined {
  const preferred = `${provider}:default`;
  if (profiles[preferred]?.provider === provider) {
    return { id: preferred, profile: profiles[preferred] };
  }
  const id = Object.keys(profiles).sort().find((k) => profiles[k].provider === provider);
  return id ? { id, profile: profiles[id] } : undefined;
}

async function fromProfile(
  ctx: CredentialContext,
  path: string,
  id: string,
  profile: AuthProfile,
  model: ResolvedModel,
): Promise<Credential> {
  if (profile.type === "api_key" && profile.key) return { kind: "api-key", key: profile.key };
  const secret = profile.type === "token" ? profile.token : stringField(profile, "access");
  if (!secret) {
    throw new TurnError(
      "config",
      `auth profile ${id} holds no key or token`,
      `The saved credentials for ${model.provider} are incomplete. Run \`${cli("onboard")}\`.`,
    );
  }
  if (model.api === "anthropic-messages" && profile.type !== "api_key") {
    const fromClaudeCode = profile.type === "oauth" &&
      (profile as Record<string, unknown>).source === "claude-cli";
    return {
      kind: "anthropic-oauth",
      token: fromClaudeCode ? await claudeLoginToken(ctx, path, id, profile) : secret,
    };
  }
  if (model.api === "openai-codex" && profile.type === "oauth") {
    const fresh = await refreshCodexIfExpired(ctx, path, id, profile);
    return { kind: "codex", access: fresh.access, accountId: fresh.accountId };
  }
  return { kind: "api-key", key: secret };
}

function envKeyOf(host: Host, provider: string): string | undefined {
  const vars = AUTH_CHOICES.find((c) => c.provider === provider && c.envVars)?.envVars ?? [];
  for (const name of vars) {
    const v = host.env(name)?.trim();
    if (v) return v;
  }
  return undefined;
}

function stringField(profile: AuthProfile, name: string): string | undefined {
  const v = (profile as Record<string, unknown>)[name];
  return typeof v === "string" && v !== "" ? v : undefined;
}
