/**
 * `openclaw status --deep`'s channel probes: for each channel in the config,
 * check what can be checked from here — tokens live against the platform
 * (Telegram getMe, Discord users/@me, Mattermost users/me, BlueBubbles
 * ping), local tools (signal-cli --version, imsg), files (Google Chat key,
 * Messages DB, WhatsApp link) — and count waiting pairing requests.
 * Probes never throw and never print secrets.
 */
import { printable } from "../platform/terminal-text.ts";
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import {
  apiBases,
  checkDiscordToken,
  type CheckOutcome,
  checkSlackToken,
  checkTelegramToken,
  checkTimeoutMs,
  fetchJson,
  unreachableReason,
} from "./live-check.ts";
import { parseServiceAccount } from "./googlechat.ts";
import { messagesDbProblem } from "./imessage.ts";
import { PairingStore } from "./pairing-store.ts";
import { isExecutableFile } from "../platform/files.ts";
import { cli } from "../platform/invocation.ts";

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
  apiBase?: { telegram?: string; discord?: string; slack?: string };
}

type Section = Record<string, unknown>;

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
      let probe: Omit<ChannelProbe, "channel">;
      try {
        probe = await probeOne(channel, s, { ...opts, timeoutMs, bases });
      } catch (err) {
        probe = { status: "error", detail: `probe failed: ${(err as Error).message}` };
      }
      const pending = await store.pending(channel).then((p) => p.length).catch(() => 0);
      return { channel, ...probe, ...(pending ? { pendingPairing: pending } : {}) };
    }),
  );
}

interface Ctx extends ProbeOptions {
  timeoutMs: number;
  bases: { telegram: string; discord: string; slack: string };
}

function fromOutcome(
  o: CheckOutcome,
  valid: (identity: string) => string,
): Omit<ChannelProbe, "channel"> {
  if (o.status === "valid") return { status: "ok", detail: valid(o.identity) };
  if (o.status === "rejected") return { status: "error", detail: o.reason };
  return { status: "warn", detail: o.reason };
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

async function probeOne(
  channel: string,
  s: Section,
  ctx: Ctx,
): Promise<Omit<ChannelProbe, "channel">> {
  switch (channel) {
    case "telegram": {
      const token = str(s.botToken);
      if (!token) {
        return {
          status: "error",
          detail: `no botToken: run ${cli("channels add --channel telegram")}`,
        };
      }
      return fromOutcome(
        await checkTelegramToken(token, { apiBase: ctx.bases.telegram, timeoutMs: ctx.timeoutMs }),
        (id) => `bot ${id}`,
      );
    }
    case "discord": {
      const token = str(s.token);
      if (!token) {
        return {
          status: "error",
          detail: `no token: run ${cli("channels add --channel discord")}`,
        };
      }
      return fromOutcome(
        await checkDiscordToken(token, { apiBase: ctx.bases.discord, timeoutMs: ctx.timeoutMs }),
        (id) => `bot ${id}`,
      );
    }
    case "slack": {
      const token = str(s.botToken);
      if (!token) {
        return {
          status: "error",
          detail: `no botToken: run ${cli("channels add --channel slack")}`,
        };
      }
      return fromOutcome(
        await checkSlackToken(token, { apiBase: ctx.bases.slack, timeoutMs: ctx.timeoutMs }),
        (id) => `bot ${id}`,
      );
    }
    case "matrix":
      return await httpProbe(
        str(s.homeserver),
        "/_matrix/client/v3/account/whoami",
        { Authorization: `Bearer ${str(s.accessToken) ?? ""}` },
        ctx,
        (b) => `account ${(b as { user_id?: string })?.user_id ?? "?"}`,
      );
    case "mattermost":
      return await httpProbe(
        str(s.baseUrl),
        "/api/v4/users/me",
        { Authorization: `Bearer ${str(s.botToken) ?? ""}` },
        ctx,
        (b) => `bot ${(b as { username?: string })?.username ?? "?"}`,
      );
    case "bluebubbles": {
      const pw = encodeURIComponent(str(s.password) ?? "");
      return await httpProbe(
        str(s.serverUrl),
        `/api/v1/ping?password=${pw}`,
        {},
        ctx,
        () => "server answers",
      );
    }
    case "googlechat": {
      const file = str(s.serviceAccountFile);
      if (!file) return { status: "error", detail: "no serviceAccountFile" };
      let text: string;
      try {
        text = await Deno.readTextFile(file);
      } catch (err) {
        return { status: "error", detail: `cannot read ${file}: ${(err as Error).name}` };
      }
      const r = parseServiceAccount(text);
      if (!r.ok) return { status: "error", detail: `${file}: ${r.problem}` };
      const mode = ((await Deno.stat(file)).mode ?? 0o600) & 0o777;
      if (mode & 0o077) {
        return {
          status: "warn",
          detail: `${file} is readable by others (mode ${mode.toString(8)}): chmod 600 it`,
        };
      }
      return { status: "ok", detail: `service account ${r.key.client_email}` };
    }
    case "signal": {
      const cliPath = str(s.cliPath);
      if (!cliPath) {
        return {
          status: "error",
          detail: `no cliPath: run ${cli("channels add --channel signal")}`,
        };
      }
      let out;
      try {
        out = await ctx.host.run(cliPath, ["--version"]);
      } catch {
        return { status: "error", detail: `${cliPath} cannot be run (missing?)` };
      }
      if (out.code !== 0) {
        const hint = /java|JAVA_HOME|UnsupportedClassVersion/i.test(out.stderr)
          ? " (needs Java 21)"
          : "";
        return {
          status: "error",
          detail: `${cliPath} --version failed${hint}: ${out.stderr.trim().split("\n")[0] ?? ""}`,
        };
      }
      return {
        status: "ok",
        detail: `${out.stdout.trim() || "signal-cliPath"}${
          str(s.account) ? `, account ${s.account}` : ""
        }`,
      };
    }
    case "imessage": {
      const cli = str(s.cliPath);
      if (!cli || !(await isExecutableFile(cli))) {
        return { status: "error", detail: `imsg not found at ${cli ?? "(unset)"}` };
      }
      const db = str(s.dbPath) ?? `${ctx.host.home}/Library/Messages/chat.db`;
      const problem = await messagesDbProblem(db, ctx.host);
      return problem
        ? { status: "error", detail: `${problem}; grant Full Disk Access` }
        : { status: "ok", detail: "imsg and Messages DB readable" };
    }
    case "whatsapp": {
      const accounts = Object.entries((s.accounts ?? {}) as Record<string, { authDir?: string }>);
      if (accounts.length === 0) return { status: "warn", detail: "no account set up" };
      const unlinked: string[] = [];
      for (const [id, a] of accounts) {
        const dir = a.authDir ?? `${ctx.paths.credentialsDir}/whatsapp/${id}`;
        if (!(await isFile(`${dir}/creds.json`))) unlinked.push(id);
      }
      return unlinked.length
        ? {
          status: "warn",
          detail: `not linked yet: ${unlinked.join(", ")} (scan the QR code to link)`,
        }
        : { status: "ok", detail: `linked: ${accounts.map(([id]) => id).join(", ")}` };
    }
    default:
      return { status: "ok", detail: "no probe for this channel (plugin)" };
  }
}

async function httpProbe(
  base: string | undefined,
  path: string,
  headers: Record<string, string>,
  ctx: Ctx,
  ok: (body: unknown) => string,
): Promise<Omit<ChannelProbe, "channel">> {
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

async function isFile(path: string): Promise<boolean> {
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
