/**
 * The addresses a user can open the gateway at, for the `gateway run`
 * banner and `status`. A wildcard listen address (0.0.0.0, ::) is where the
 * socket listens, not something a browser can open: it becomes 127.0.0.1 on
 * this machine plus this machine's LAN addresses; Tailscale adds the tailnet
 * name (https through serve/funnel, else the name on the gateway's port).
 */

export interface OpenUrl {
  url: string;
  /** Where the URL works: "this machine", "LAN", "tailnet", "internet". */
  where: string;
}

export interface OpenUrlsInput {
  /** The address the socket listens on. */
  listenHost: string;
  port: number;
  /** gateway.tailscale.mode of the running gateway. */
  tailscale: string;
  /** This machine's MagicDNS name, when Tailscale is on or the bind is tailnet. */
  tailnetName?: string;
  /** This machine's LAN addresses (default: from its network interfaces). */
  lan?: string[];
}

export function isWildcard(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  return h === "0.0.0.0" || h === "::";
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\./.test(h);
}

function hostPart(address: string): string {
  const h = address.replace(/^\[|\]$/g, "");
  return h.includes(":") ? `[${h}]` : h;
}

/** Tailscale hands out addresses from 100.64.0.0/10. */
function isTailnetAddress(ip: string): boolean {
  const m = /^100\.(\d+)\.\d+\.\d+$/.exec(ip);
  return !!m && Number(m[1]) >= 64 && Number(m[1]) <= 127;
}

export function openUrls(input: OpenUrlsInput): OpenUrl[] {
  const { port } = input;
  const http = (h: string) => `http://${hostPart(h)}:${port}/`;
  const out: OpenUrl[] = [];
  if (isWildcard(input.listenHost)) {
    out.push({ url: http("127.0.0.1"), where: "this machine" });
    for (const ip of input.lan ?? lanAddresses()) {
      out.push({ url: http(ip), where: isTailnetAddress(ip) ? "tailnet" : "LAN" });
    }
  } else if (isLoopback(input.listenHost)) {
    out.push({ url: http(input.listenHost), where: "this machine" });
  } else {
    out.push({
      url: http(input.listenHost),
      where: isTailnetAddress(input.listenHost) ? "tailnet" : "LAN",
    });
  }
  const name = input.tailnetName?.replace(/\.$/, "");
  if (name) {
    if (input.tailscale === "serve" || input.tailscale === "funnel") {
      out.push({
        url: `https://${name}/`,
        where: input.tailscale === "funnel" ? "internet" : "tailnet",
      });
    } else if (!isLoopback(input.listenHost)) out.push({ url: http(name), where: "tailnet" });
  }
  return out;
}

/** One line per address: `http://…/  (this machine)`. */
export function renderOpenUrls(urls: OpenUrl[], indent = "  "): string[] {
  const w = Math.max(...urls.map((u) => u.url.length));
  return urls.map((u) => `${indent}${u.url.padEnd(w)}  (${u.where})`);
}

/**
 * This machine's IPv4 addresses other machines can use: not loopback, not
 * link-local (169.254/16, what a host gives itself without DHCP).
 */
export function lanAddresses(): string[] {
  try {
    const seen = new Set<string>();
    for (const i of Deno.networkInterfaces()) {
      if (i.family !== "IPv4" || /^127\./.test(i.address) || /^169\.254\./.test(i.address)) {
        continue;
      }
      seen.add(i.address);
    }
    return [...seen];
  } catch {
    return [];
  }
}
