/**
 * Live checks of channel credentials against the platform's API: the answer
 * is "valid" (with who the bot is), "rejected" (the platform said no: the
 * credential is wrong) or "unreachable" (no answer: offline, DNS, firewall —
 * a warning, never a reason to refuse a setup that may be done offline).
 *
 * Every API base is overridable (env or option) so tests run against a
 * stand-in on 127.0.0.1, and every request has a short timeout.
 */
import type { Host } from "../host.ts";
import { CHANNEL_METAS } from "./registry.ts";
import { printable } from "../platform/terminal-text.ts";

export type CheckOutcome =
  | { status: "valid"; identity: string }
  | { status: "rejected"; reason: string }
  | { status: "unreachable"; reason: string };

export const DEFAULT_CHECK_TIMEOUT_MS = 5000;

/** The API bases, each overridable by an environment variable (mirrors, tests). */
export function apiBases(host: Host): ApiBases {
  return Object.fromEntries(
    CHANNEL_METAS.flatMap((m) =>
      m.apiBase ? [[m.id, host.env(m.apiBase.env) ?? m.apiBase.url]] : []
    ),
  );
}

/** Each channel's API base by channel id (channels with an API declare one in meta.ts). */
export type ApiBases = Readonly<Record<string, string>>;

/** Where a live check asks: the API bases by channel id, and its deadline. */
export interface CheckTarget {
  apiBase: ApiBases;
  timeoutMs: number;
}

export function checkTimeoutMs(host: Host): number {
  const raw = Number(host.env("OPENCLAW_CHANNEL_CHECK_TIMEOUT_MS"));
  return Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_CHECK_TIMEOUT_MS;
}

export interface FetchJsonResult {
  ok: boolean;
  status: number;
  body: unknown;
}

/** GET/POST JSON with a timeout; throws only when no HTTP answer came back. */
export async function fetchJson(
  url: string,
  init: RequestInit & { timeoutMs: number; signal?: AbortSignal },
): Promise<FetchJsonResult> {
  const timeout = AbortSignal.timeout(init.timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  const res = await fetch(url, { ...init, signal });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text for the message
  }
  return { ok: res.ok, status: res.status, body };
}

/** Why a request got no answer, in words (never the token: it may be in the URL). */
export function unreachableReason(err: unknown, base: string, timeoutMs: number): string {
  const host = safeHost(base);
  if (err instanceof DOMException && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return `could not reach ${host} within ${Math.round(timeoutMs / 100) / 10}s (offline?)`;
  }
  return `could not reach ${host} (offline?)`;
}

function safeHost(base: string): string {
  try {
    return new URL(base).host;
  } catch {
    return base;
  }
}

/** How a platform's API judged a token (see checkToken). */
export interface TokenVerdict {
  /** Who the bot is, when the token is good. */
  identity?: string;
  /** The platform said the token itself is wrong. */
  rejected: boolean;
  /** What the platform said, in its words, for the message (default: the HTTP status). */
  said?: string;
}

/**
 * A token checked against a platform's API (`platform` names it in
 * messages): the answer judged by `judge`, valid, rejected, or a passing
 * failure worth a warning; no answer at all is "unreachable".
 */
export async function checkToken(
  platform: string,
  request: {
    base: string;
    path: string;
    init: RequestInit & { timeoutMs: number; signal?: AbortSignal };
  },
  judge: (r: FetchJsonResult) => TokenVerdict,
): Promise<CheckOutcome> {
  const { base, path, init } = request;
  try {
    const r = await fetchJson(`${base}${path}`, init);
    const v = judge(r);
    if (v.identity !== undefined) return { status: "valid", identity: v.identity };
    const said = v.said ?? String(r.status);
    return v.rejected
      ? { status: "rejected", reason: `${platform} rejected the token (${said})` }
      : { status: "unreachable", reason: `${platform} answered ${said}; try again later` };
  } catch (err) {
    // The base only: a token may be in the path.
    return { status: "unreachable", reason: unreachableReason(err, base, init.timeoutMs) };
  }
}

/** One line for the user: "valid (@bot)", "rejected: …", "could not reach … (offline?)". */
export function describeOutcome(o: CheckOutcome): string {
  // The identity and reasons quote what the remote API answered.
  if (o.status === "valid") return `valid (${printable(o.identity)})`;
  if (o.status === "rejected") return `rejected: ${printable(o.reason)}`;
  return printable(o.reason);
}

/**
 * A self-hosted server (Mattermost, BlueBubbles): 2xx is valid, 401/403 is
 * a rejected credential, anything else or no answer is only a warning.
 */
export async function checkServerCredential(
  url: string,
  opts: {
    what: string;
    headers?: Record<string, string>;
    timeoutMs: number;
    identity: (body: unknown) => string;
  },
): Promise<CheckOutcome> {
  try {
    const r = await fetchJson(url, { headers: opts.headers, timeoutMs: opts.timeoutMs });
    if (r.ok) return { status: "valid", identity: opts.identity(r.body) };
    if (r.status === 401 || r.status === 403) {
      return { status: "rejected", reason: `${opts.what} rejected the credentials (${r.status})` };
    }
    return { status: "unreachable", reason: `${opts.what} answered ${r.status}` };
  } catch (err) {
    return { status: "unreachable", reason: unreachableReason(err, url, opts.timeoutMs) };
  }
}
