/**
 * `openclaw channels status [--json]`: ask the gateway which channels it
 * runs and how they are (channels.status), beside the config's list and the
 * pairing requests waiting. A gateway that cannot be asked still gets the
 * local part (config, pairing) and the reason, with exit 1.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { readConfigOrStop } from "../config/read-valid.ts";
import { GatewayCallError, openGateway } from "../gateway/client.ts";
import { gatewayTarget } from "../gateway/target.ts";
import { renderCallFailure } from "../gateway/report.ts";
import type { ChannelsStatusPayload } from "../gateway/methods/channels.ts";
import { PairingStore } from "./pairing-store.ts";
import { channelStatusRows, renderChannelStatus } from "./status-report.ts";

export interface ChannelsStatusRequest {
  host: Host;
  paths: StatePaths;
  json: boolean;
  timeoutMs: number;
}

export async function channelsStatusCommand(req: ChannelsStatusRequest): Promise<number> {
  const { host, paths } = req;
  const { config } = await readConfigOrStop(host, paths);
  const configured = (config.channels ?? {}) as Record<string, unknown>;
  const target = await gatewayTarget(host, config);
  let live: ChannelsStatusPayload | undefined;
  let failure: string | undefined;
  let failureKind: string | undefined;
  try {
    const conn = await openGateway({ ...target, timeoutMs: req.timeoutMs });
    try {
      live = await conn.call<ChannelsStatusPayload>("channels.status");
    } finally {
      conn.close();
    }
  } catch (err) {
    if (!(err instanceof GatewayCallError)) throw err;
    failure = renderCallFailure(err, target.url, target.remote);
    failureKind = err.kind;
  }
  const store = new PairingStore(host, paths);
  const pendingLocal: Record<string, number> = {};
  if (!live) {
    for (const id of Object.keys(configured)) {
      pendingLocal[id] = (await store.pending(id).catch(() => [])).length;
    }
  }
  const rows = channelStatusRows(configured, live?.channels, pendingLocal);
  if (req.json) {
    host.stdout(
      JSON.stringify(
        {
          ok: live !== undefined,
          url: target.url,
          channels: rows,
          ...(failure ? { error: { kind: failureKind, message: failure } } : {}),
        },
        null,
        2,
      ) + "\n",
    );
  } else {
    host.stdout(
      renderChannelStatus(rows, { gatewayAsked: live !== undefined, now: host.now() }) + "\n",
    );
    if (failure) host.stderr(`\n${failure}\n`);
  }
  return live ? 0 : 1;
}
