/**
 * What `openclaw gateway run` listens on and how it authenticates: flags
 * first, then the environment (OPENCLAW_GATEWAY_TOKEN/PASSWORD), then the
 * config, then defaults. The refusal rules (no non-loopback bind without
 * auth, funnel needs a password) are checked here, before any socket opens.
 */
import type { Host } from "../host.ts";
import { ActionableError, UsageError } from "../errors.ts";
import {
  type BindMode,
  BindModeSchema,
  DEFAULT_GATEWAY_PORT,
  type GatewayAuthMode,
  GatewayAuthModeSchema,
  GatewaySecretLengthSchema,
  type OpenclawConfig,
  type TailscaleMode,
  TailscaleModeSchema,
} from "../config/schema.ts";
import { validateHost, validatePort } from "../config/validators.ts";
import type { GatewayAuth } from "./auth.ts";
import { tailnetIPv4 } from "./tailscale.ts";
import { cli } from "../platform/invocation.ts";

export interface GatewayFlags {
  port?: string;
  bind?: string;
  host?: string;
  auth?: string;
  token?: string;
  password?: string;
  tailscale?: string;
}

export interface GatewaySettings {
  port: number;
  bind: BindMode;
  /** The address the socket listens on. */
  hostname: string;
  auth: GatewayAuth;
  tailscale: TailscaleMode;
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function pick<T>(
  flag: string,
  raw: string | undefined,
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  fallback: T,
): T {
  if (raw === undefined) return fallback;
  const r = schema.safeParse(raw);
  if (!r.success) throw new UsageError(`${flag}: invalid value "${raw}".`, [flag]);
  return r.data as T;
}

/** A secret no client could send must not start a gateway nobody can reach. */
function checkSecretLength(secret: string | undefined, source: string): void {
  const r = GatewaySecretLengthSchema.safeParse(secret ?? "");
  if (r.success) return;
  const message = `${source}: ${r.error.issues[0].message}`;
  if (source.startsWith("--")) throw new UsageError(message, [source]);
  throw new ActionableError(`${message} Set a shorter one.`);
}

/** Settings without network lookups (the tailnet address is resolved by resolveListenHost). */
export function gatewaySettingsFromConfig(
  config: OpenclawConfig,
  flags: GatewayFlags,
  env: (name: string) => string | undefined,
): Omit<GatewaySettings, "hostname"> & { customBindHost?: string } {
  const g = config.gateway ?? {};
  let port = g.port ?? DEFAULT_GATEWAY_PORT;
  if (flags.port !== undefined) {
    const problem = validatePort(flags.port);
    if (problem) throw new UsageError(`--port: ${problem}`, ["--port"]);
    port = Number(flags.port);
  }
  const bind = pick<BindMode>("--bind", flags.bind, BindModeSchema, g.bind ?? "loopback");
  const customBindHost = flags.host ?? g.customBindHost;
  if (flags.host !== undefined && validateHost(flags.host)) {
    throw new UsageError(`--host: ${validateHost(flags.host)}`, ["--host"]);
  }
  const token = flags.token ?? env("OPENCLAW_GATEWAY_TOKEN") ?? g.auth?.token;
  const password = flags.password ?? env("OPENCLAW_GATEWAY_PASSWORD") ?? g.auth?.password;
  const sourceOf = (flag: string, given: string | undefined, name: string, key: string) =>
    given !== undefined ? flag : env(name) !== undefined ? name : `gateway.auth.${key}`;
  checkSecretLength(token, sourceOf("--token", flags.token, "OPENCLAW_GATEWAY_TOKEN", "token"));
  checkSecretLength(
    password,
    sourceOf("--password", flags.password, "OPENCLAW_GATEWAY_PASSWORD", "password"),
  );
  // A secret given without a mode implies its mode.
  const impliedMode: GatewayAuthMode | undefined = flags.password && !flags.token
    ? "password"
    : flags.token
    ? "token"
    : undefined;
  const mode = pick<GatewayAuthMode>(
    "--auth",
    flags.auth,
    GatewayAuthModeSchema,
    impliedMode ?? g.auth?.mode ?? (token ? "token" : password ? "password" : "none"),
  );
  const tailscale = pick<TailscaleMode>(
    "--tailscale",
    flags.tailscale,
    TailscaleModeSchema,
    g.tailscale?.mode ?? "off",
  );
  if (mode === "token" && !token) {
    throw new ActionableError(
      "Gateway auth is token, but no token is set. Pass --token, set OPENCLAW_GATEWAY_TOKEN, " +
        `or run \`${cli("configure --section gateway")}\`.`,
    );
  }
  if (mode === "password" && !password) {
    throw new ActionableError(
      "Gateway auth is password, but no password is set. Pass --password or set " +
        "OPENCLAW_GATEWAY_PASSWORD.",
    );
  }
  if (tailscale === "funnel" && mode !== "password") {
    throw new ActionableError(
      "Tailscale funnel makes the gateway reachable from the internet, so it needs password auth: " +
        "pass --auth password --password <secret> (or --tailscale serve / off).",
    );
  }
  if (tailscale !== "off" && mode === "none") {
    throw new ActionableError(
      `Tailscale ${tailscale} exposes the gateway beyond this machine, so it needs auth: ` +
        "use --auth token or --auth password.",
    );
  }
  return {
    port,
    bind,
    customBindHost,
    auth: {
      mode,
      token: mode === "token" ? token : undefined,
      password: mode === "password" ? password : undefined,
    },
    tailscale,
  };
}

/** The address to listen on for a bind mode; refuses a non-loopback address without auth. */
export async function resolveListenHost(
  host: Host,
  s: Omit<GatewaySettings, "hostname"> & { customBindHost?: string },
): Promise<string> {
  let hostname: string;
  switch (s.bind) {
    case "loopback":
      hostname = "127.0.0.1";
      break;
    case "lan":
      hostname = "0.0.0.0";
      break;
    case "custom":
      if (!s.customBindHost) {
        throw new UsageError(
          "bind is custom but no address is set: pass --host <address> or set gateway.customBindHost.",
          ["--host"],
        );
      }
      hostname = s.customBindHost.replace(/^\[|\]$/g, "");
      break;
    case "tailnet": {
      const ip = await tailnetIPv4(host);
      if (!ip) {
        throw new ActionableError(
          "bind is tailnet, but no Tailscale address was found (`tailscale ip -4`). " +
            "Start Tailscale (`tailscale up`) or use --bind loopback.",
        );
      }
      hostname = ip;
      break;
    }
    case "auto":
      // Tailscale serve proxies to 127.0.0.1, so it wants loopback.
      hostname = s.tailscale === "off" ? (await tailnetIPv4(host)) ?? "127.0.0.1" : "127.0.0.1";
      break;
  }
  if (!isLoopbackHost(hostname) && s.auth.mode === "none") {
    throw new ActionableError(
      `Refusing to listen on ${hostname} without auth: other machines could drive your agent.\n` +
        "Use --auth token (recommended) or --auth password, or --bind loopback.",
    );
  }
  return hostname;
}
