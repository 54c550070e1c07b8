/**
 * The names and addresses this gateway serves, and the Host check that
 * stops DNS rebinding: a page on attacker.example whose name the attacker
 * re-points at 127.0.0.1 reaches the gateway with `Host: attacker.example:P`
 * and a matching Origin, so comparing the Origin with the Host proves
 * nothing. The Host itself must name this gateway: a loopback name, the
 * bind address, this machine's own addresses and name when bound to every
 * interface, the tailnet address and MagicDNS name when Tailscale is on —
 * with the listening port (or none, behind Tailscale serve's HTTPS).
 */
import type { Host } from "../host.ts";
import type { GatewaySettings } from "./settings.ts";
import { isLoopbackHost } from "./settings.ts";
import { tailnetDnsName } from "./tailscale.ts";

export interface ServedHosts {
  /** Lowercase host names and IP literals (IPv6 in brackets), without a trailing dot. */
  names: ReadonlySet<string>;
  port: number;
  /** A Host without a port is fine (Tailscale serve/funnel proxies HTTPS on 443 to us). */
  portOptional: boolean;
  /** Addresses looked up again on a miss (a LAN address may change while the gateway runs). */
  current?: () => string[];
}

/** What this gateway answers to; `interfaces` lists the machine's own IP addresses. */
export async function servedHosts(
  host: Host,
  settings: Pick<GatewaySettings, "tailscale" | "bind" | "hostname">,
  listen: { hostname: string; port: number },
  interfaces: () => string[] = machineAddresses,
): Promise<ServedHosts> {
  const names = new Set(["localhost", "127.0.0.1", "[::1]"]);
  const add = (n: string | undefined) => n && names.add(literal(n));
  // The bind/custom host as configured (it may be a name) and the address it resolved to.
  const wildcard = listen.hostname === "0.0.0.0" || listen.hostname === "::";
  if (wildcard) interfaces().forEach(add);
  else {
    add(settings.hostname);
    add(listen.hostname);
  }
  if (!isLoopbackHost(listen.hostname)) {
    // Other machines reach a LAN or tailnet bind by this machine's name too.
    add(host.hostname);
    add(`${host.hostname}.local`);
  }
  const tailscaleOn = settings.tailscale !== "off";
  if (tailscaleOn || settings.bind === "tailnet" || isTailnetAddress(listen.hostname)) {
    add(await tailnetDnsName(host));
  }
  return {
    names,
    port: listen.port,
    portOptional: tailscaleOn,
    current: wildcard ? () => interfaces().map(literal) : undefined,
  };
}

/** Whether a Host header names this gateway (name and port). */
export function hostAllowed(hostHeader: string | null, served: ServedHosts): boolean {
  if (!hostHeader) return false;
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(hostHeader.trim());
  if (!m) return false;
  const name = normalise(m[1]);
  if (!served.names.has(name) && !served.current?.().includes(name)) return false;
  if (m[2] === undefined) return served.portOptional;
  return Number(m[2]) === served.port;
}

/** An IP literal or name as a Host header spells it: lowercase, IPv6 in brackets. */
function literal(n: string): string {
  return normalise(n.includes(":") && !n.startsWith("[") ? `[${n}]` : n);
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** Tailscale hands out addresses from 100.64.0.0/10 (CGNAT space). */
function isTailnetAddress(ip: string): boolean {
  const m = /^100\.(\d+)\.\d+\.\d+$/.exec(ip);
  return !!m && Number(m[1]) >= 64 && Number(m[1]) <= 127;
}

/** This machine's interface addresses (IPv6 link-local zone ids dropped). */
function machineAddresses(): string[] {
  try {
    return Deno.networkInterfaces().map((i) => i.address.replace(/%.*$/, ""));
  } catch {
    return [];
  }
}
