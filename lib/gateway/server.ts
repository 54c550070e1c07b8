/**
 * The gateway server: one TCP port carries the Control UI page (`GET /`)
 * and the WebSocket RPC (any path, `Upgrade: websocket`), on a small
 * transport of our own (./transport/) so every limit holds while bytes are
 * read, not after.
 *
 * Security at the door, before any method runs:
 * - the Host header must name this gateway (DNS rebinding), for HTTP and WebSocket alike;
 * - browser connections only from the gateway's own origin (Origin check);
 * - wrong secrets beyond the failed-connect limit (per address and global) are
 *   answered RATE_LIMITED / close 4029 at `connect` (never a right secret);
 * - request heads are size-capped and must arrive within the header timeout;
 * - unauthenticated sockets are capped in number; excess ones get 503 at once;
 * - a socket must complete `connect` within the handshake timeout;
 * - a frame larger than the limit (64 KiB before `connect`) closes the socket (1009)
 *   from its header, before its payload is read; the server stays up;
 * - secrets are compared in constant time and never logged.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { VERSION } from "../version.ts";
import { ActionableError } from "../errors.ts";
import type { GatewaySettings } from "./settings.ts";
import { DEFAULT_LIMITER, FailedConnectLimiter, type LimiterOptions } from "./auth.ts";
import { HANDSHAKE_TIMEOUT_MS, MAX_FRAME_BYTES, PRE_CONNECT_MAX_BYTES } from "./protocol.ts";
import type { GatewayContext } from "./context.ts";
import { ConfigWatch } from "./methods/health.ts";
import { type AuthSource, fixedAuth } from "./auth-reload.ts";
import { WIZARD_IDLE_MS, type WizardRunner, WizardSessions } from "./methods/wizard.ts";
import { Connection } from "./connection.ts";
import { type AgentSource, ConfigAgentSource } from "./agent-source.ts";
import { ChatRuns } from "./methods/chat.ts";
import { METHODS } from "./methods/registry.ts";
import { exposeWithTailscale, type TailscaleExposure } from "./tailscale.ts";
import { CONTROL_UI_HTML, controlUiHtml } from "./control-ui/page.ts";
import { hostAllowed, type ServedHosts, servedHosts } from "./served-hosts.ts";
import {
  AcceptWebSocket,
  type IncomingRequest,
  listen,
  type Listener,
  ReadBody,
} from "./transport/listener.ts";
import { type WebhookRoute, WebhookTable } from "./webhooks.ts";
import { ChannelStatusBoard } from "../channels/status-board.ts";
import { textResponse } from "./transport/http-response.ts";
import { cli } from "../platform/invocation.ts";
import { type Clock, realClock } from "../platform/clock.ts";

export interface GatewayLimits {
  maxFrameBytes: number;
  handshakeTimeoutMs: number;
  failedConnects: LimiterOptions;
  wizardIdleMs: number;
  /** A request head (request line and headers) must arrive within this. */
  headerTimeoutMs: number;
  /** Largest request head, in bytes (431 beyond). */
  maxHeaderBytes: number;
  /** Sockets not yet authenticated (reading a request, or upgraded before `connect`). */
  maxPreAuthSockets: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  maxFrameBytes: MAX_FRAME_BYTES,
  handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS,
  failedConnects: DEFAULT_LIMITER,
  wizardIdleMs: WIZARD_IDLE_MS,
  headerTimeoutMs: 10_000,
  // Browsers send cookies of every localhost app with each request; 16 KiB leaves room for them.
  maxHeaderBytes: 16 * 1024,
  maxPreAuthSockets: 256,
};

export interface StartOptions {
  host: Host;
  paths: StatePaths;
  settings: GatewaySettings;
  limits?: Partial<GatewayLimits>;
  /** Where connect's secret comes from (default: settings.auth, fixed). */
  auth?: AuthSource;
  /** Where log lines go (default: stderr). Lines never hold secrets. */
  log?: (line: string) => void;
  /** The flow `wizard.start` runs (the CLI hands in onboarding's); absent, there is none. */
  wizard?: WizardRunner;
  /** Whose timers the deadlines (header, handshake, wizard idle) run on (default: the real ones). */
  clock?: Clock;
  /** The agent chat.send talks to (default: the one the config describes, created on first use). */
  agent?: AgentSource;
}

export interface RunningGateway {
  hostname: string;
  port: number;
  /** ws://host:port/ (what clients connect to). */
  url: string;
  /** http://host:port/ (the Control UI). */
  httpUrl: string;
  connections(): number;
  /** The channels' states, written by the channels run.ts starts beside the server. */
  channels: ChannelStatusBoard;
  /** POST paths channels add for their platforms' pushed events (webhooks.ts). */
  webhooks: WebhookTable;
  /** Close every socket (with a `shutdown` event), remove tailscale exposure, stop listening. */
  shutdown(reason?: string): Promise<void>;
  /** Resolves when the server has stopped. */
  finished: Promise<void>;
}

export async function startGateway(opts: StartOptions): Promise<RunningGateway> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const log = opts.log ?? ((line: string) => opts.host.stderr(`${line}\n`));
  const limiter = new FailedConnectLimiter(limits.failedConnects);
  const connections = new Set<Connection>();
  const { settings } = opts;
  const clock = opts.clock ?? realClock;
  const webhooks = new WebhookTable();

  // deno-lint-ignore prefer-const -- set once the port is known; handlers read it later
  let ctx!: GatewayContext;
  // deno-lint-ignore prefer-const -- as above
  let served!: ServedHosts;
  let server: Listener;
  try {
    server = listen({
      hostname: settings.hostname,
      port: settings.port,
      maxHeaderBytes: limits.maxHeaderBytes,
      headerTimeoutMs: limits.headerTimeoutMs,
      clock,
      maxPreAuthSockets: limits.maxPreAuthSockets,
      handler: (req) => handle(req),
      log,
    });
  } catch (err) {
    throw listenError(err, settings);
  }
  const addr = server.addr;
  const displayHost = addr.hostname.includes(":") ? `[${addr.hostname}]` : addr.hostname;
  const url = `ws://${displayHost}:${addr.port}/`;

  ctx = {
    host: opts.host,
    paths: opts.paths,
    settings,
    auth: opts.auth ?? fixedAuth(settings.auth),
    version: VERSION,
    startedAt: performance.now(),
    startedAtIso: opts.host.now().toISOString(),
    listen: { hostname: addr.hostname, port: addr.port },
    url,
    config: new ConfigWatch(opts.paths.configPath),
    wizard: new WizardSessions(opts.host, opts.paths, limits.wizardIdleMs, log, opts.wizard, clock),
    agent: opts.agent ?? new ConfigAgentSource({ host: opts.host, paths: opts.paths, log }),
    chat: new ChatRuns(),
    channels: new ChannelStatusBoard(() => opts.host.now()),
    connections: () => connections.size,
    log,
  };

  let tailscale: TailscaleExposure | undefined;
  if (settings.tailscale !== "off") {
    try {
      tailscale = await exposeWithTailscale(opts.host, settings.tailscale, addr.port);
      log(`tailscale ${settings.tailscale} on for port ${addr.port}`);
    } catch (err) {
      await server.close();
      throw err;
    }
  }
  served = await servedHosts(opts.host, settings, addr);
  log(`gateway listening on ${url} (auth ${settings.auth.mode}, bind ${settings.bind})`);

  function handle(req: IncomingRequest): Response | AcceptWebSocket | ReadBody {
    const address = req.remoteAddr;
    // A platform's pushed event: its handler authenticates it (see webhooks.ts).
    const hook = req.upgrade ? undefined : webhooks.match(req.path);
    if (hook) return webhookAnswer(req, hook);
    // DNS rebinding: the Host must name this gateway before the Origin is compared with it.
    if (!hostAllowed(req.headers.get("host"), served)) {
      log(`refused a request for a foreign Host (${address})`);
      return textResponse(
        403,
        "This gateway does not answer to the Host name in this request (a DNS rebinding " +
          `guard). Open it by an address it listens on, e.g. http://127.0.0.1:${addr.port}/ on ` +
          `its machine; an SSH tunnel must keep port ${addr.port} on both ends.`,
      );
    }
    if (!req.upgrade) return page(req, ctx.auth.latest().mode);
    const origin = req.headers.get("origin");
    if (origin && !sameOrigin(origin, req.headers.get("host"))) {
      log(`refused a browser connection from another origin (${address})`);
      return textResponse(403, "Cross-origin WebSocket connections are not allowed.");
    }
    // Before `connect`, frames are capped lower: an unauthenticated peer gets little.
    return new AcceptWebSocket(Math.min(limits.maxFrameBytes, PRE_CONNECT_MAX_BYTES), (socket) => {
      const conn = new Connection(socket, address, {
        ctx,
        limiter,
        methods: METHODS,
        maxFrameBytes: limits.maxFrameBytes,
        handshakeTimeoutMs: limits.handshakeTimeoutMs,
        clock,
        onClose: () => connections.delete(conn),
      });
      connections.add(conn);
    });
  }

  let stopping: Promise<void> | undefined;
  const shutdown = (reason = "The gateway is stopping.") => {
    stopping ??= (async () => {
      log("gateway stopping");
      await ctx.wizard.shutdown().catch(() => {});
      ctx.chat.abortAll();
      for (const c of connections) c.shutdown(reason);
      await tailscale?.remove();
      await server.close();
      log("gateway stopped");
    })();
    return stopping;
  };

  return {
    hostname: addr.hostname,
    port: addr.port,
    url,
    httpUrl: `http://${displayHost}:${addr.port}/`,
    connections: () => connections.size,
    channels: ctx.channels,
    webhooks,
    shutdown,
    finished: server.finished,
  };
}

function webhookAnswer(req: IncomingRequest, hook: WebhookRoute): Response | ReadBody {
  if (req.method !== "POST") {
    return textResponse(405, "This path takes the platform's POST requests only.", {
      allow: "POST",
    });
  }
  return new ReadBody(hook.maxBodyBytes, (body) =>
    hook.handler({
      method: req.method,
      path: req.path,
      query: new URLSearchParams(req.query),
      headers: req.headers,
      body,
      remoteAddr: req.remoteAddr,
    }));
}

function page(req: IncomingRequest, authMode: GatewaySettings["auth"]["mode"]): Response {
  const path = req.path;
  if ((req.method !== "GET" && req.method !== "HEAD") || (path !== "/" && path !== "/index.html")) {
    return textResponse(404, "Not found. The Control UI is at /.");
  }
  if (!CONTROL_UI_HTML.includes("</html>")) {
    // The page is a module compiled into the binary; a build that lost it says how to get it back.
    return textResponse(
      503,
      "The Control UI is missing from this build. Rebuild openclaw (deno task compile) or " +
        "reinstall it; the RPC on this port still works.",
    );
  }
  // HEAD gets the same response; the transport sends its headers (with the real length) only.
  return new Response(controlUiHtml(authMode), {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy":
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; " +
        "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; " +
        "form-action 'none'",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "no-referrer",
    },
  });
}

/** A browser's Origin must name this very host:port (the page it loaded from us). */
export function sameOrigin(origin: string, hostHeader: string | null): boolean {
  if (!hostHeader) return false;
  try {
    const o = new URL(origin);
    return (o.protocol === "http:" || o.protocol === "https:") &&
      o.host.toLowerCase() === hostHeader.toLowerCase();
  } catch {
    return false;
  }
}

function listenError(err: unknown, s: GatewaySettings): Error {
  if (err instanceof Deno.errors.AddrInUse) {
    return new PortInUseError(
      s.port,
      s.hostname,
      `Port ${s.port} on ${s.hostname} is already in use (another gateway?).\n` +
        `Check with \`${cli("status")}\`, stop the other process, pick another port with --port, ` +
        "or pass --force to stop a previous openclaw gateway.",
    );
  }
  if (err instanceof Deno.errors.AddrNotAvailable) {
    return new ActionableError(
      `Cannot listen on ${s.hostname}: this machine has no such address. ` +
        "Check gateway.customBindHost or use --bind loopback.",
    );
  }
  if (err instanceof Deno.errors.PermissionDenied) {
    return new ActionableError(
      `Not allowed to listen on port ${s.port}. Ports below 1024 need privileges: use a higher port.`,
    );
  }
  return err as Error;
}

/** The gateway's port is taken; callers other than `gateway run` give their own fixes. */
export class PortInUseError extends ActionableError {
  constructor(readonly port: number, readonly hostname: string, message: string) {
    super(message);
  }
}
