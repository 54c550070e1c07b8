/**
 * `openclaw health` and `openclaw status`: read the config, ask the gateway
 * (local, or remote in remote mode), print a report. A gateway that cannot be
 * asked is a clear message and exit 1; a network that is unreachable (see connect-cause.ts) is
 * said as such, not as a gateway that is not running.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { readConfigOrStop } from "../config/read-valid.ts";
import { GatewayCallError, openGateway } from "./client.ts";
import { gatewayTarget, type ResolvedTarget } from "./target.ts";
import { networkUnreachable, renderNetworkUnreachable } from "./connect-cause.ts";
import type { HealthPayload, StatusPayload } from "./methods/health.ts";
import type { ChannelsStatusPayload } from "./methods/channels.ts";
import { renderCallFailure, renderHealth, renderStatus, type StatusView } from "./report.ts";

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ProbeRequest {
  host: Host;
  paths: StatePaths;
  json: boolean;
  timeoutMs: number;
}

export async function runHealth(req: ProbeRequest): Promise<number> {
  return await probe(req, async (conn, url) => {
    const h = await conn.call<HealthPayload>("health");
    return { json: { ok: true, url, health: h }, text: renderHealth(h, url, req.host.home) };
  });
}

export async function runStatus(req: ProbeRequest & { deep: boolean }): Promise<number> {
  return await probe(req, async (conn, url, target) => {
    const s = await conn.call<StatusPayload>("status");
    const h = req.deep ? await conn.call<HealthPayload>("health") : undefined;
    const channels = req.deep ? await channelProbes(req) : undefined;
    const running = req.deep ? await runningChannels(req, conn) : undefined;
    const view = await statusView(req, target, s);
    const text = renderStatus(s, req.host.home, h, view) +
      (running ? `\nChannels in the gateway:\n${indent(running.text)}` : "");
    return {
      json: {
        ok: true,
        url,
        controlUi: view.open,
        status: s,
        ...(h ? { health: h } : {}),
        ...(channels ? { channels } : {}),
        ...(running ? { channelRuntimes: running.rows } : {}),
      },
      text: channels === undefined
        ? text
        : `${text}\nChannel checks:\n${
          channels.length ? indent(await renderChannelProbes(channels)) : "  none configured"
        }`,
    };
  });
}

/**
 * Where to open the Control UI: from the gateway's listen address (a wildcard
 * becomes 127.0.0.1 and this machine's LAN addresses), or the remote URL.
 */
async function statusView(
  req: ProbeRequest,
  target: ResolvedTarget,
  s: StatusPayload,
): Promise<StatusView> {
  const { openUrls } = await import("./open-urls.ts");
  const { controlUiBase } = await import("./dashboard.ts");
  const { dashboardCommand } = await import("./banner.ts");
  const dashboard = dashboardCommand(req.paths.profile);
  if (target.remote) {
    return {
      url: target.url,
      open: [{ url: controlUiBase(target.url), where: "remote" }],
      dashboard,
    };
  }
  const listen = new URL(s.gateway.url);
  const tailscaleOn = s.gateway.tailscale !== "off" || s.gateway.bind === "tailnet";
  const { tailnetDnsName } = await import("./tailscale.ts");
  return {
    url: target.url,
    open: openUrls({
      listenHost: listen.hostname,
      port: Number(listen.port),
      tailscale: s.gateway.tailscale,
      tailnetName: tailscaleOn ? await tailnetDnsName(req.host) : undefined,
    }),
    dashboard,
  };
}

/** --deep: what the gateway's channels are doing (channels.status), beside the config's list. */
async function runningChannels(
  req: ProbeRequest,
  conn: Awaited<ReturnType<typeof openGateway>>,
) {
  const { channelStatusRows, renderChannelStatus } = await import("../channels/status-report.ts");
  const { config } = await readConfigOrStop(req.host, req.paths);
  const live = await conn.call<ChannelsStatusPayload>("channels.status");
  const rows = channelStatusRows(config.channels ?? {}, live.channels, {});
  return { rows, text: renderChannelStatus(rows, { gatewayAsked: true, now: req.host.now() }) };
}

/** --deep: each configured channel's credentials and tools checked from here. */
async function channelProbes(req: ProbeRequest) {
  const { probeChannels } = await import("../channels/probe.ts");
  const { config } = await readConfigOrStop(req.host, req.paths);
  return await probeChannels(config, { host: req.host, paths: req.paths });
}

async function renderChannelProbes(
  probes: Awaited<ReturnType<typeof channelProbes>>,
): Promise<string> {
  const { renderProbes } = await import("../channels/probe.ts");
  return renderProbes(probes);
}

function indent(text: string): string {
  return text.split("\n").map((l) => `  ${l}`).join("\n");
}

async function probe(
  req: ProbeRequest,
  ask: (
    conn: Awaited<ReturnType<typeof openGateway>>,
    url: string,
    target: ResolvedTarget,
  ) => Promise<{ json: unknown; text: string }>,
): Promise<number> {
  const { host } = req;
  // A broken config stops here: probing the default port would say "not running".
  const { config } = await readConfigOrStop(host, req.paths);
  const target = await gatewayTarget(host, config);
  try {
    const conn = await openGateway({ ...target, timeoutMs: req.timeoutMs });
    try {
      const out = await ask(conn, target.url, target);
      host.stdout(req.json ? JSON.stringify(out.json, null, 2) + "\n" : out.text + "\n");
      return 0;
    } finally {
      conn.close();
    }
  } catch (err) {
    if (!(err instanceof GatewayCallError)) throw err;
    const unreachable = err.kind === "unreachable"
      ? await networkUnreachable(target.url)
      : undefined;
    const message = unreachable
      ? renderNetworkUnreachable(target.url, unreachable)
      : renderCallFailure(err, target.url, target.remote);
    if (req.json) {
      const cause = unreachable ? { cause: "network-unreachable" } : {};
      host.stdout(
        JSON.stringify(
          { ok: false, url: target.url, error: { kind: err.kind, ...cause, message } },
          null,
          2,
        ) +
          "\n",
      );
    } else host.stderr(message + "\n");
    return 1;
  }
}
