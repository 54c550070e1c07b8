/**
 * "Does the gateway answer?" for `daemon status`, as an injected function.
 *
 * The real probe asks the gateway for `health` over its WebSocket RPC
 * (lib/gateway/client.ts); the TCP check is the fallback for contexts
 * without a config.
 */

import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";

export interface ProbeResult {
  answers: boolean;
  /** What was checked and what happened, for the status line. */
  detail: string;
}

export type GatewayProbe = (port: number) => Promise<ProbeResult>;

export const PROBE_TIMEOUT_MS = 1500;

/**
 * Ask the gateway on 127.0.0.1:<port> for its `health`, with the secret the
 * config (or OPENCLAW_GATEWAY_TOKEN/PASSWORD) gives; "answers" means the
 * gateway itself replied, not just that a port is open.
 */
export function gatewayHealthProbe(host: Host, paths: StatePaths): GatewayProbe {
  return async (port) => {
    const { readConfigOrStop } = await import("../config/read-valid.ts");
    const { gatewayTarget } = await import("../gateway/target.ts");
    const { GatewayCallError, callGateway } = await import("../gateway/client.ts");
    const { config } = await readConfigOrStop(host, paths);
    // The local gateway, whatever mode the CLI is in: the service runs it here.
    const local = { ...config, gateway: { ...config.gateway, mode: "local" as const, port } };
    const target = await gatewayTarget(host, local);
    const url = `ws://127.0.0.1:${port}/`;
    try {
      const health = await callGateway<{ status?: string; version?: string }>({
        url,
        token: target.token,
        password: target.password,
        method: "health",
        timeoutMs: PROBE_TIMEOUT_MS,
        clientId: "openclaw-daemon-status",
      });
      return {
        answers: true,
        detail: `health ${health.status ?? "ok"} on ${url}` +
          (health.version ? ` (version ${health.version})` : ""),
      };
    } catch (err) {
      if (!(err instanceof GatewayCallError)) throw err;
      if (err.kind === "auth") {
        return { answers: true, detail: `a gateway on ${url} refused this config's secret` };
      }
      if (err.kind === "rate-limited") {
        return { answers: true, detail: `a gateway on ${url} answers: ${err.message}` };
      }
      return { answers: false, detail: `no gateway answered on ${url} (${err.message})` };
    }
  };
}

/** Without a config to read (tests of the service logic): is anything listening? */
export const defaultGatewayProbe: GatewayProbe = (port) => tcpProbe(port, PROBE_TIMEOUT_MS);

export async function tcpProbe(port: number, timeoutMs: number): Promise<ProbeResult> {
  const where = `127.0.0.1:${port}`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connecting = Deno.connect({ hostname: "127.0.0.1", port });
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const winner = await Promise.race([connecting, timeout]);
    if (winner === "timeout") {
      connecting.then((c) => c.close(), () => {});
      return { answers: false, detail: `no answer on ${where} within ${timeoutMs} ms` };
    }
    winner.close();
    return { answers: true, detail: `accepts connections on ${where}` };
  } catch (err) {
    const why = err instanceof Deno.errors.ConnectionRefused
      ? "connection refused"
      : (err as Error).message;
    return { answers: false, detail: `nothing answers on ${where} (${why})` };
  } finally {
    clearTimeout(timer);
  }
}
