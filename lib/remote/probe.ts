/**
 * Try a remote gateway the way the CLI will use it: connect with the secret,
 * ask `health`, within a deadline. The result is a verdict and, when it did
 * not work, what to do about it. An unreachable gateway is a warning (it may
 * be off right now), never a reason to lose the user's answers.
 */
import { GatewayCallError, openGateway } from "../gateway/client.ts";
import type { HealthPayload } from "../gateway/methods/health.ts";

export type ProbeVerdict = "ok" | "rejected" | "unreachable" | "timeout" | "protocol";

export interface RemoteProbe {
  verdict: ProbeVerdict;
  /** One line for the user. */
  message: string;
  /** What to do next, when it did not work. */
  advice: string[];
  version?: string;
}

export interface RemoteTarget {
  url: string;
  token?: string;
  password?: string;
}

export const REMOTE_PROBE_TIMEOUT_MS = 4000;

export async function probeRemoteGateway(
  target: RemoteTarget,
  timeoutMs = REMOTE_PROBE_TIMEOUT_MS,
): Promise<RemoteProbe> {
  try {
    const conn = await openGateway({ ...target, timeoutMs, clientId: "openclaw-onboard" });
    try {
      const health = await conn.call<HealthPayload>("health");
      const version = conn.hello?.server?.version ?? health?.version;
      return {
        verdict: "ok",
        message: `The gateway at ${target.url} answered` +
          (version ? ` (version ${version}).` : "."),
        advice: [],
        version,
      };
    } finally {
      conn.close();
    }
  } catch (err) {
    if (!(err instanceof GatewayCallError)) throw err;
    return failure(err, target.url);
  }
}

function failure(err: GatewayCallError, url: string): RemoteProbe {
  switch (err.kind) {
    case "auth":
      return {
        verdict: "rejected",
        message: `The gateway at ${url} rejected the credentials.`,
        advice: [
          "Check the token or password: on the gateway host, it is gateway.auth in " +
          "~/.openclaw/openclaw.json.",
        ],
      };
    case "rate-limited":
      return {
        verdict: "rejected",
        message: `The gateway at ${url} answered: ${err.message}`,
        advice: ["Wait, then try again; too many wrong secrets were tried recently."],
      };
    case "timeout":
      return {
        verdict: "timeout",
        message: `No answer from ${url} in time.`,
        advice: tunnelAdvice(url),
      };
    case "protocol":
    case "remote":
      return {
        verdict: "protocol",
        message: `The gateway at ${url} answered, but not as expected: ${err.message}`,
        advice: ["Update openclaw on both machines to the same version."],
      };
    default:
      return {
        verdict: "unreachable",
        message: `Could not reach a gateway at ${url}.`,
        advice: tunnelAdvice(url),
      };
  }
}

/**
 * A gateway on loopback (the default) cannot be reached from another machine:
 * forward its port over SSH, or put both machines on a tailnet.
 */
export function tunnelAdvice(url: string): string[] {
  let port = "18789";
  let host = "gateway-host";
  try {
    const u = new URL(url);
    port = u.port || (u.protocol === "wss:" ? "443" : "80");
    if (!["127.0.0.1", "localhost", "[::1]"].includes(u.hostname)) host = u.hostname;
  } catch {
    // keep the placeholders
  }
  return [
    "Is the gateway running there? On that host: openclaw health",
    "If it listens on loopback only (the default), forward its port over SSH and use the " +
    "local end:",
    `  ssh -N -L ${port}:127.0.0.1:${port} you@${host}`,
    `  then use ws://127.0.0.1:${port}/ as the gateway URL`,
    "Or reach it over a tailnet: on the gateway host, openclaw configure --section gateway " +
    "(bind tailnet, or Tailscale serve).",
  ];
}
