/**
 * Finding gateways on the local network (DNS-SD, service `_openclaw-gw._tcp`):
 * Avahi's `avahi-browse` on Linux, Bonjour's `dns-sd` on macOS. Discovery is a
 * convenience: when neither tool is there, or nothing answers, the wizard
 * just asks for the URL. Parsing is pure and tested on captured output.
 */
import type { Host } from "../host.ts";

export const SERVICE_TYPE = "_openclaw-gw._tcp";

export interface FoundGateway {
  /** The advertised instance name, e.g. "openclaw on studio". */
  name: string;
  host: string;
  port: number;
  /** ws://<host>:<port>/ as the wizard would store it. */
  url: string;
}

export type DiscoveryResult =
  | { tool: "avahi-browse" | "dns-sd"; gateways: FoundGateway[] }
  | { tool: undefined; hint: string };

const BROWSE_MS = 2500;
const RESOLVE_MS = 1500;

export async function discoverGateways(host: Host): Promise<DiscoveryResult> {
  if (host.platform === "darwin" && await host.which("dns-sd")) {
    return { tool: "dns-sd", gateways: await browseDnsSd(host) };
  }
  if (await host.which("avahi-browse")) {
    const r = await host.run("avahi-browse", ["-rtpk", SERVICE_TYPE], { timeoutMs: BROWSE_MS });
    return { tool: "avahi-browse", gateways: parseAvahiBrowse(r.stdout) };
  }
  return {
    tool: undefined,
    hint: host.platform === "darwin"
      ? `No gateways were looked for: dns-sd is missing. To look by hand: dns-sd -B ${SERVICE_TYPE}`
      : "No gateways were looked for: avahi-browse is missing (Debian/Ubuntu: " +
        `sudo apt-get install avahi-utils). To look by hand: avahi-browse -rt ${SERVICE_TYPE}`,
  };
}

/**
 * `avahi-browse -rtpk` prints one `;`-separated line per event; resolved
 * services start with `=`: =;iface;proto;name;type;domain;hostname;address;port;txt.
 * The same gateway shows once per interface and protocol: keep one, IPv4 first.
 */
export function parseAvahiBrowse(output: string): FoundGateway[] {
  const found = new Map<string, FoundGateway & { ipv6: boolean }>();
  for (const line of output.split("\n")) {
    if (!line.startsWith("=;")) continue;
    const f = line.split(";").map(unescapeAvahi);
    if (f.length < 9 || f[4] !== SERVICE_TYPE) continue;
    const [, , proto, name, , , hostname, address, portText] = f;
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65535) continue;
    const ipv6 = proto === "IPv6";
    // A link-local IPv6 address needs a zone id no URL carries: use the host name then.
    const where = ipv6 && address.toLowerCase().startsWith("fe80") ? hostname : address;
    const key = name;
    const previous = found.get(key);
    if (previous && (!previous.ipv6 || ipv6)) continue;
    found.set(key, { name, host: where, port, url: wsUrl(where, port), ipv6 });
  }
  return [...found.values()].map(({ ipv6: _ipv6, ...g }) => g);
}

/** Avahi escapes separators and non-printables as \DDD (decimal). */
function unescapeAvahi(field: string): string {
  return field.replace(/\\(\d{3})/g, (_, d) => String.fromCharCode(Number(d)));
}

/** `dns-sd -B` lists instance names; `dns-sd -L` resolves each to host:port. */
async function browseDnsSd(host: Host): Promise<FoundGateway[]> {
  const browse = await host.run("dns-sd", ["-B", SERVICE_TYPE, "local."], {
    timeoutMs: BROWSE_MS,
  });
  const gateways: FoundGateway[] = [];
  for (const name of parseDnsSdBrowse(browse.stdout)) {
    const lookup = await host.run("dns-sd", ["-L", name, SERVICE_TYPE, "local."], {
      timeoutMs: RESOLVE_MS,
    });
    const target = parseDnsSdLookup(lookup.stdout);
    if (target) gateways.push({ name, ...target, url: wsUrl(target.host, target.port) });
  }
  return gateways;
}

/** Instance names of "Add" lines: `<time>  Add  <flags> <if> <domain> <type> <name…>`. */
export function parseDnsSdBrowse(output: string): string[] {
  const names = new Set<string>();
  for (const line of output.split("\n")) {
    const m = /^\S+\s+Add\s+\d+\s+\d+\s+\S+\s+\S+\s+(.+?)\s*$/.exec(line);
    if (m) names.add(m[1]);
  }
  return [...names];
}

/** "… can be reached at studio.local.:18789 (interface 4)" → host and port. */
export function parseDnsSdLookup(output: string): { host: string; port: number } | undefined {
  const m = /can be reached at (\S+?)\.?:(\d+)/.exec(output);
  if (!m) return undefined;
  return { host: m[1], port: Number(m[2]) };
}

function wsUrl(host: string, port: number): string {
  const h = host.includes(":") ? `[${host}]` : host;
  return `ws://${h}:${port}/`;
}
