/**
 * Every provider endpoint openclaw talks to can be moved: a mirror, a proxy,
 * or a test server on 127.0.0.1. `OPENCLAW_<PROVIDER>_BASE_URL` replaces a
 * provider's API base (e.g. OPENCLAW_OPENAI_BASE_URL, OPENCLAW_XAI_BASE_URL,
 * OPENCLAW_KIMI_CODING_BASE_URL); the OpenAI sign-in has its own two.
 */
import type { Host } from "../host.ts";

/** "kimi-coding" → "OPENCLAW_KIMI_CODING_BASE_URL". */
export function baseUrlEnvVar(provider: string): string {
  return `OPENCLAW_${provider.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_BASE_URL`;
}

/** The provider's base URL: the override when set, else the default; no trailing slash. */
export function providerBaseUrl(host: Host, provider: string, fallback: string): string {
  const override = host.env(baseUrlEnvVar(provider))?.trim();
  return (override || fallback).replace(/\/+$/, "");
}

export const OPENAI_OAUTH_AUTHORIZE_URL = "https://auth.openai.com/oauth/authorize";
export const OPENAI_OAUTH_TOKEN_URL = "https://auth.openai.com/oauth/token";

export function openaiOAuthUrls(host: Host): { authorize: string; token: string } {
  return {
    authorize: host.env("OPENCLAW_OPENAI_OAUTH_AUTHORIZE_URL")?.trim() ||
      OPENAI_OAUTH_AUTHORIZE_URL,
    token: host.env("OPENCLAW_OPENAI_OAUTH_TOKEN_URL")?.trim() || OPENAI_OAUTH_TOKEN_URL,
  };
}
