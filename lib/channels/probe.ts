/**
 * `openclaw status --deep`'s channel probes: for each channel in the config,
 * its descriptor's probe checks what can be checked from here — tokens live
 * against the platform (Telegram getMe, Discord users/@me, Mattermost
 * users/me, BlueBubbles ping), local tools (signal-cli --version, imsg),
 * files (Google Chat key, Messages DB, WhatsApp link) — and the waiting
 * pairing requests are counted here. Each probe lives in its channel's
 * folder (channel.ts); the helpers they share are below. Probes never throw
 * and never print secrets.
 */
import { printable } from "../platform/terminal-text.ts";
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import {
  type ApiBases,
  apiBases,
  type CheckOutcome,
  checkTimeoutMs,
  fetchJson,
  unreachableReason,
} from "./live-check.ts";
import { PairingStore } from "./pairing-store.ts";
import { cli } from "../platform/invocation.ts";
import type { Section } from "./meta.ts";
import { isChannelId, loadChannel } from "./registry.ts";

export type ProbeStatus = "ok" | "warn" | "error" | "disabled";

export interface ChannelProbe {
  channel: string;
  status: ProbeStatus;
  /** One line, e.g. "bot @claw_bot", "Telegram rejected the token (401 …)". */
  detail: string;
  /** Pairing requests waiting for `openclaw pairing approve`. */
  pendingPairing?: number;
}

export interface ProbeOptions {
  host: Host;
  paths: StatePaths;
  timeoutMs?: number;
  /** API bases by channel id (default: apiBases(), the variables or the platforms'). */
  apiBase?: ApiBases;
}

export async function probeChannels(
  config: { channels?: Record<string, unknown> },
  opts: ProbeOptions,
): Promise<ChannelProbe[]> {
  const sections = (config.channels ?? {}) as Record<string, Section>;
  const timeoutMs = opts.timeoutMs ?? checkTimeoutMs(opts.host);
  const bases = { ...apiBases(opts.host), ...opts.apiBase };
  const store = new PairingStore(opts.host, opts.paths);
  return await Promise.all(
    Object.entries(sections).map(async ([channel, s]) => {
      if (!s || typeof s !== "object") {
        return { channel, status: "error" as const, detail: "not an object" };
      }
      if (s.enabled === false) {
        return { channel, status: "disabled" as const, detail: "disabled in the config" };
      }
      let probe: ProbeResult;
      try {
        probe = await probeOne(channel, s, { ...opts, timeoutMs, apiBase: bases });
      } catch (err) {
        probe = { status: "error", detail: `probe failed: ${(err as Error).message}` };
      }
      const pending = await store.pending(channel).then((p) => p.length).catch(() => 0);
      return { channel, ...probe, ...(pending ? { pendingPairing: pending } : {}) };
    }),
  );
}

/** What a channel's probe gets: the options, with the deadline and API bases settled. */
export interface ProbeContext extends ProbeOptions {
  timeoutMs: number;
  apiBase: ApiBases;
}

export type ProbeResult = Omit<ChannelProbe, "channel">;

/** Each known channel's own probe (loaded with it); a plugin's section has none. */
async function probeOne(channel: string, s: Section, ctx: ProbeContext): Promise<ProbeResult> {
  if (!isChannelId(channel)) return { status: "ok", detail: "no probe for this channel (plugin)" };
  const descriptor = await loadChannel(channel);
  return await descriptor.probe(s, ctx);
}

export function fromOutcome(o: CheckOutcome, valid: (identity: string) => string): ProbeResult {
  if (o.status === "valid") return { status: "ok", detail: valid(o.identity) };
  if (o.status === "rejected") return { status: "error", detail: o.reason };
  return { status: "warn", detail: o.reason };
}

export const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * A channel whose settings hold a token the platform can check: no token is
 * an error naming the command that sets one; otherwise the live check decides.
 */
export async function tokenProbe(
  channel: string,
  key: string,
  s: Section,
  check: () => Promise<CheckOutcome>,
): Promise<ProbeResult> {
  if (!str(s[key])) {
    return {
      status: "error",
      detail: `no ${key}: run ${cli(`channels add --channel ${channel}`)}`,
    };
  }
  return fromOutcome(await check(), (id) => `bot ${id}`);
}

export async function httpProbe(
  base: string | undefined,
  path: string,
  headers: Record<string, string>,
  ctx: ProbeContext,
  ok: (body: unknown) => string,
): Promise<ProbeResult> {
  if (!base) return { status: "error", detail: "no server URL in the config" };
  try {
    const r = await fetchJson(`${base.replace(/\/+$/, "")}${path}`, {
      headers,
      timeoutMs: ctx.timeoutMs,
    });
    if (r.ok) return { status: "ok", detail: ok(r.body) };
    if (r.status === 401 || r.status === 403) {
      return { status: "error", detail: `the server rejected the credentials (${r.status})` };
    }
    return { status: "warn", detail: `the server answered ${r.status}` };
  } catch (err) {
    return { status: "warn", detail: unreachableReason(err, base, ctx.timeoutMs) };
  }
}

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

/** One line per channel for the status report. */
export function renderProbes(probes: ChannelProbe[]): string {
  const mark: Record<ProbeStatus, string> = {
    ok: "ok   ",
    warn: "warn ",
    error: "error",
    disabled: "off  ",
  };
  // Details quote what the platforms answered (bot names, errors): printable only.
  return probes.map((p) =>
    `${mark[p.status]} ${printable(p.channel)}: ${printable(p.detail)}${
      p.pendingPairing ? ` · ${p.pendingPairing} pairing request(s) waiting` : ""
    }`
  ).join("\n");
}
