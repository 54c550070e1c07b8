/**
 * The live credential check: one cheap, read-only request (list models) with
 * a short timeout. The answer is one of "valid", "rejected (401)" or "could
 * not reach <host> (offline?)"; only a rejection is treated as bad input —
 * being offline is a warning, never a failure.
 */
import type { Host } from "../host.ts";
import type { CheckApi } from "./catalog.ts";

export type CheckStatus = "valid" | "rejected" | "unreachable" | "unexpected" | "skipped";

export interface CheckResult {
  status: CheckStatus;
  /** Short text for the progress line and summary: "valid", "rejected (401)", … */
  text: string;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 5000;

/** OPENCLAW_SKIP_AUTH_CHECK=1 turns the check off (air-gapped hosts, CI). */
export function authCheckDisabled(host: Host): boolean {
  const v = host.env("OPENCLAW_SKIP_AUTH_CHECK")?.trim().toLowerCase();
  return v !== undefined && v !== "" && v !== "0" && v !== "false";
}

function checkTimeout(host: Host): number {
  const raw = Number(host.env("OPENCLAW_AUTH_CHECK_TIMEOUT_MS"));
  return Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_CHECK_TIMEOUT_MS;
}

/** The request that lists models for this API style. */
export function listModelsRequest(
  api: CheckApi,
  baseUrl: string,
  secret: string,
): { url: string; headers: Record<string, string> } {
  const base = baseUrl.replace(/\/+$/, "");
  if (api === "openai") {
    return { url: `${base}/models`, headers: { authorization: `Bearer ${secret}` } };
  }
  // Anthropic-style bases may or may not end in /v1 (api.anthropic.com/v1 vs …/anthropic).
  const url = /\/v1$/.test(base) ? `${base}/models` : `${base}/v1/models`;
  const headers: Record<string, string> = { "anthropic-version": "2023-06-01" };
  if (api === "anthropic") headers["x-api-key"] = secret;
  else {
    headers.authorization = `Bearer ${secret}`;
    headers["anthropic-beta"] = "oauth-2025-04-20";
  }
  return { url, headers };
}

export async function checkCredential(
  host: Host,
  api: CheckApi,
  baseUrl: string,
  secret: string,
): Promise<CheckResult> {
  if (authCheckDisabled(host)) return { status: "skipped", text: "not checked" };
  const { url, headers } = listModelsRequest(api, baseUrl, secret);
  let where = url;
  try {
    where = new URL(url).host;
  } catch {
    // keep the raw text
  }
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(checkTimeout(host)) });
    await res.body?.cancel();
    if (res.ok) return { status: "valid", text: "valid" };
    if (res.status === 401) return { status: "rejected", text: "rejected (401)" };
    // Some compatible endpoints have no model list: nothing to conclude, nothing to warn about.
    if (res.status === 404 || res.status === 405) {
      return { status: "skipped", text: "not checked (no model list at this endpoint)" };
    }
    if (res.status === 403) {
      return { status: "unexpected", text: "reached, but listing models was refused (403)" };
    }
    return { status: "unexpected", text: `unexpected answer (HTTP ${res.status})` };
  } catch {
    return { status: "unreachable", text: `could not reach ${where} (offline?)` };
  }
}
