/**
 * Which gateway the CLI talks to, and with which secret: the remote one in
 * remote mode (gateway.mode = remote, gateway.remote.url), otherwise this
 * machine's gateway at the address its bind mode listens on.
 */
import type { Host } from "../host.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { DEFAULT_GATEWAY_PORT } from "../config/schema.ts";
import { tailnetIPv4 } from "./tailscale.ts";

export interface ResolvedTarget {
  url: string;
  token?: string;
  password?: string;
  remote: boolean;
  port: number;
}

export async function gatewayTarget(host: Host, config: OpenclawConfig): Promise<ResolvedTarget> {
  const g = config.gateway ?? {};
  const port = g.port ?? DEFAULT_GATEWAY_PORT;
  if (g.mode === "remote" && g.remote?.url) {
    return {
      url: g.remote.url,
      token: host.env("OPENCLAW_GATEWAY_TOKEN") ?? g.remote.token,
      password: host.env("OPENCLAW_GATEWAY_PASSWORD") ?? g.remote.password,
      remote: true,
      port,
    };
  }
  let address = "127.0.0.1";
  if (g.bind === "custom" && g.customBindHost && g.customBindHost !== "0.0.0.0") {
    address = g.customBindHost.includes(":") ? `[${g.customBindHost}]` : g.customBindHost;
  } else if (g.bind === "tailnet") {
    address = (await tailnetIPv4(host)) ?? address;
  }
  const mode = g.auth?.mode;
  return {
    url: `ws://${address}:${port}/`,
    token: host.env("OPENCLAW_GATEWAY_TOKEN") ?? (mode !== "password" ? g.auth?.token : undefined),
    password: host.env("OPENCLAW_GATEWAY_PASSWORD") ??
      (mode === "password" ? g.auth?.password : undefined),
    remote: false,
    port,
  };
}
