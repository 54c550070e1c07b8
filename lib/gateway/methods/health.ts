/**
 * `health` and `status`: what a client (the CLI, the Control UI) needs to
 * tell whether the gateway is fine. Nothing secret: the auth mode, never the
 * token or password.
 */
import type { GatewayContext } from "../context.ts";
import { readConfigFile } from "../../config/store.ts";
import { checkConfig } from "../../config/validate.ts";
import { cli } from "../../platform/invocation.ts";

export interface HealthPayload {
  ok: boolean;
  status: "ok" | "degraded";
  version: string;
  pid: number;
  uptimeMs: number;
  config: { path: string; valid: boolean; problems: string[] };
  auth: { mode: string };
  bind: { mode: string; host: string; port: number };
  tailscale: { mode: string };
  channels: string[];
  /** Whether the model answered the last turn this gateway made (none yet: `lastTurn` absent). */
  agent: { lastTurn?: LastTurn };
}

/** The last turn, without its text (a health answer carries no conversation). */
export interface LastTurn {
  ok: boolean;
  at: string;
  sessionKey: string;
  model?: string;
  /** Why it failed (auth, rate-limit, unreachable, …). */
  errorKind?: string;
}

/** How long a config check is trusted before the file is looked at again. */
const RECHECK_MS = 500;

/**
 * The config's validity, re-read only when the file changed, and looked at
 * no more than every RECHECK_MS (health stays cheap under load).
 */
export class ConfigWatch {
  private cached?: { key: string; valid: boolean; problems: string[]; channels: string[] };
  private checkedAt = -Infinity;

  constructor(private readonly path: string) {}

  async current(): Promise<{ valid: boolean; problems: string[]; channels: string[] }> {
    const now = performance.now();
    if (this.cached && now - this.checkedAt < RECHECK_MS) return this.cached;
    this.checkedAt = now;
    let key = "missing";
    try {
      const info = await Deno.stat(this.path);
      key = `${info.mtime?.getTime()}:${info.size}`;
    } catch {
      // missing: checkConfig says so
    }
    if (this.cached?.key === key) return this.cached;
    const status = checkConfig(await readConfigFile(this.path));
    this.cached = {
      key,
      valid: status.state === "valid",
      problems: status.state === "missing"
        ? [`no config yet: run \`${cli("onboard")}\``]
        : status.problems,
      channels: Object.keys(status.config.channels ?? {}),
    };
    return this.cached;
  }
}

export async function health(ctx: GatewayContext): Promise<HealthPayload> {
  const cfg = await ctx.config.current();
  return {
    ok: true,
    status: cfg.valid ? "ok" : "degraded",
    version: ctx.version,
    pid: ctx.host.pid,
    uptimeMs: Math.round(performance.now() - ctx.startedAt),
    config: { path: ctx.paths.configPath, valid: cfg.valid, problems: cfg.problems },
    auth: { mode: ctx.auth.latest().mode },
    bind: { mode: ctx.settings.bind, host: ctx.listen.hostname, port: ctx.listen.port },
    tailscale: { mode: ctx.settings.tailscale },
    channels: cfg.channels,
    agent: { lastTurn: lastTurn(ctx) },
  };
}

function lastTurn(ctx: GatewayContext): LastTurn | undefined {
  const t = ctx.agent.lastTurn();
  if (!t) return undefined;
  return {
    ok: t.ok,
    at: t.endedAt,
    sessionKey: t.sessionKey,
    model: t.model,
    errorKind: t.error?.kind,
  };
}

export interface StatusPayload {
  gateway: {
    version: string;
    pid: number;
    uptimeMs: number;
    startedAt: string;
    url: string;
    bind: string;
    authMode: string;
    tailscale: string;
    connections: number;
  };
  configPath: string;
  /** The running wizard session, if any (cancel it with wizard.cancel). */
  wizard: { active: boolean; status?: string; sessionId?: string; ownerConnected?: boolean };
}

export function status(ctx: GatewayContext): StatusPayload {
  const w = ctx.wizard.summary();
  return {
    gateway: {
      version: ctx.version,
      pid: ctx.host.pid,
      uptimeMs: Math.round(performance.now() - ctx.startedAt),
      startedAt: ctx.startedAtIso,
      url: ctx.url,
      bind: ctx.settings.bind,
      authMode: ctx.auth.latest().mode,
      tailscale: ctx.settings.tailscale,
      connections: ctx.connections(),
    },
    configPath: ctx.paths.configPath,
    wizard: {
      active: w.active,
      status: w.status,
      sessionId: w.sessionId,
      ownerConnected: w.ownerConnected,
    },
  };
}
