/**
 * Tailscale, through its own CLI (`tailscale` on PATH) via host.run: the
 * machine's tailnet IPv4 for the tailnet/auto binds, and `serve`/`funnel`
 * switched on when the gateway starts and off when it stops.
 */
import type { Host } from "../host.ts";
import { ActionableError } from "../errors.ts";
import type { TailscaleMode } from "../config/schema.ts";

/** The first tailnet IPv4 of this machine, or undefined when tailscale is absent or down. */
export async function tailnetIPv4(host: Host): Promise<string | undefined> {
  if (!(await host.which("tailscale"))) return undefined;
  try {
    const r = await host.run("tailscale", ["ip", "-4"]);
    if (r.code !== 0) return undefined;
    const ip = r.stdout.split("\n").map((l) => l.trim()).find((l) =>
      /^\d+\.\d+\.\d+\.\d+$/.test(l)
    );
    return ip;
  } catch {
    return undefined;
  }
}

/** The tailscale arguments that expose 127.0.0.1:<port> over HTTPS (tailnet or internet). */
export function exposeArgs(mode: Exclude<TailscaleMode, "off">, port: number): string[] {
  return [mode, "--bg", "--yes", `--https=443`, `http://127.0.0.1:${port}`];
}

/** The arguments that remove only what exposeArgs added (not the user's other serve rules). */
export function unexposeArgs(mode: Exclude<TailscaleMode, "off">): string[] {
  return [mode, "--https=443", "off"];
}

export interface TailscaleExposure {
  mode: Exclude<TailscaleMode, "off">;
  remove(): Promise<void>;
}

export async function exposeWithTailscale(
  host: Host,
  mode: Exclude<TailscaleMode, "off">,
  port: number,
): Promise<TailscaleExposure> {
  if (!(await host.which("tailscale"))) {
    throw new ActionableError(
      `gateway.tailscale.mode is ${mode}, but the tailscale command was not found.\n` +
        "Install Tailscale (https://tailscale.com/download) and run `tailscale up`, " +
        "or start with --tailscale off.",
    );
  }
  const r = await host.run("tailscale", exposeArgs(mode, port));
  if (r.code !== 0) {
    throw new ActionableError(
      `tailscale ${mode} failed (exit ${r.code}): ${(r.stderr || r.stdout).trim()}\n` +
        "Check `tailscale status` (is it up and logged in?)" +
        (mode === "funnel" ? " and that funnel is enabled for your tailnet." : "."),
    );
  }
  return {
    mode,
    remove: async () => {
      await host.run("tailscale", unexposeArgs(mode)).catch(() => undefined);
    },
  };
}

/** This machine's MagicDNS name (`Self.DNSName` of `tailscale status --json`), if Tailscale says. */
export async function tailnetDnsName(host: Host): Promise<string | undefined> {
  if (!(await host.which("tailscale"))) return undefined;
  try {
    const r = await host.run("tailscale", ["status", "--json"], { timeoutMs: 3000 });
    if (r.code !== 0) return undefined;
    const name = JSON.parse(r.stdout)?.Self?.DNSName;
    return typeof name === "string" && /^[a-z0-9.-]+\.?$/i.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}
