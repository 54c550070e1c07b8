/**
 * What `openclaw health` and `openclaw status` print: pure functions of the
 * gateway's answers (tested as text). Never a secret: auth shows its mode only.
 */
import { tildify } from "../config/paths.ts";
import type { HealthPayload, LastTurn, StatusPayload } from "./methods/health.ts";
import type { GatewayCallError } from "./client.ts";
import { type OpenUrl, renderOpenUrls } from "./open-urls.ts";

/** What the CLI adds to the gateway's own status: how it reached it and where to open it. */
export interface StatusView {
  /** The URL this CLI connected to (the gateway's own may be a wildcard such as 0.0.0.0). */
  url: string;
  /** Addresses a user can open the Control UI at. */
  open: OpenUrl[];
  /** The command that opens the Control UI signed in. */
  dashboard: string;
}
import { cli } from "../platform/invocation.ts";

export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

function rows(pairs: [string, string][]): string {
  const w = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join("\n");
}

export function renderHealth(h: HealthPayload, url: string, home: string): string {
  const cfg = h.config.valid
    ? `${tildify(h.config.path, home)} (valid)`
    : `${tildify(h.config.path, home)} (NOT valid: ${h.config.problems.slice(0, 3).join("; ")})`;
  const lines = rows([
    [
      "Gateway",
      `${h.status} · openclaw ${h.version} · up ${formatDuration(h.uptimeMs)} · pid ${h.pid}`,
    ],
    ["URL", url],
    ["Auth", h.auth.mode],
    ["Bind", `${h.bind.mode} (${h.bind.host}:${h.bind.port})`],
    ["Tailscale", h.tailscale.mode],
    ["Config", cfg],
    ["Channels", h.channels.length ? h.channels.join(", ") : "none configured"],
    ["Agent", renderLastTurn(h.agent?.lastTurn)],
  ]);
  return h.config.valid ? lines : `${lines}\nFix the config with: ${cli("doctor")}`;
}

export function renderStatus(
  s: StatusPayload,
  home: string,
  health: HealthPayload | undefined,
  view: StatusView,
): string {
  const g = s.gateway;
  const [firstUrl, ...moreUrls] = renderOpenUrls(view.open, "");
  const pairs: [string, string][] = [
    [
      "Gateway",
      `running · openclaw ${g.version} · up ${formatDuration(g.uptimeMs)} · pid ${g.pid}`,
    ],
    ["URL", view.url],
    ["Control UI", firstUrl],
    ...moreUrls.map((u): [string, string] => ["", u]),
    ["Auth", g.authMode],
    ["Bind", g.bind],
    ["Tailscale", g.tailscale],
    ["Clients", String(g.connections)],
    ["Config", tildify(s.configPath, home)],
    [
      "Wizard",
      s.wizard.active
        ? `a session is running (${s.wizard.sessionId ?? "id unknown"}` +
          `${s.wizard.ownerConnected === false ? ", its client is gone" : ""})`
        : "idle",
    ],
  ];
  let out = rows(pairs);
  if (health) {
    out += `\n\nHealth probes\n${indent(renderHealth(health, view.url, home))}`;
  }
  return `${out}\nOpen the Control UI signed in: ${view.dashboard}`;
}

/** Whether the model answered the last turn (an older gateway says nothing: not asked yet). */
export function renderLastTurn(t: LastTurn | undefined): string {
  if (!t) return "no turn since the gateway started";
  const by = t.model ? ` (${t.model})` : "";
  return t.ok
    ? `the model answered the last turn${by} at ${t.at}`
    : `the last turn failed: ${t.errorKind ?? "error"}${by} at ${t.at}`;
}

/** The message for a gateway that could not be asked, with what to do about it. */
export function renderCallFailure(err: GatewayCallError, url: string, remote: boolean): string {
  switch (err.kind) {
    case "unreachable":
      return remote
        ? `The remote gateway at ${url} is not reachable.\n` +
          "Check that it runs and that this machine can reach it (SSH tunnel or tailnet)."
        : `The gateway is not running (nothing answers at ${url}).\n` +
          `Start it with: ${cli("gateway run")}\n` +
          `Or run it as a service (starts at login): ${cli("daemon install")}`;
    case "auth":
      return `The gateway at ${url} refused our credentials: ${err.message}\n` +
        "Check gateway.auth (token or password) in your config, or OPENCLAW_GATEWAY_TOKEN / " +
        "OPENCLAW_GATEWAY_PASSWORD.";
    case "rate-limited":
      return `The gateway at ${url} is running but rate limited this client after too many ` +
        `failed connects; retry in ${err.retryAfterSeconds ?? "a few"} s.\n` +
        "If that was not you, something on this machine or network is guessing the gateway's " +
        "secret: check the gateway's log.";
    case "timeout":
      return `The gateway at ${url} did not answer in time: ${err.message}\n` +
        "It may be overloaded or stuck; try again with a longer --timeout, or restart it.";
    case "protocol":
      return `The gateway at ${url} speaks another protocol version: ${err.message}\n` +
        "Update openclaw on both sides to the same version.";
    case "remote":
      return `The gateway at ${url} answered with an error: ${err.message}`;
  }
}

function indent(text: string): string {
  return text.split("\n").map((l) => `  ${l}`).join("\n");
}
