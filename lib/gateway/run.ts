/**
 * `openclaw gateway run`: the gateway in the foreground (what the user
 * service runs). Settings from flags, env and config; refuses unsafe binds;
 * writes a pid file so `--force` can stop a previous gateway; stops cleanly
 * on SIGINT/SIGTERM (sockets told, tailscale exposure removed, pid file gone).
 */
import type { WizardRunner } from "./methods/wizard.ts";
import { workspaceContext } from "../config/workspace-path.ts";
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { tildify } from "../config/paths.ts";
import { readConfigFile } from "../config/store.ts";
import { checkConfig, listProblems } from "../config/validate.ts";
import { ActionableError } from "../errors.ts";
import {
  type GatewayFlags,
  type GatewaySettings,
  gatewaySettingsFromConfig,
  isLoopbackHost,
  resolveListenHost,
} from "./settings.ts";
import { ConfigAuthSource } from "./auth-reload.ts";
import { type RunningGateway, startGateway } from "./server.ts";
import { loadEnvFile } from "../platform/env-file.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { VERSION } from "../version.ts";
import type { ChannelEvent } from "../channels/channel-runtime.ts";
import { alive, identifyPrevious, pidFilePath, writePidFile } from "./pid-file.ts";
import type { GatewayAuth } from "./auth.ts";
import { cli } from "../platform/invocation.ts";
import { type AgentSource, ConfigAgentSource } from "./agent-source.ts";

export interface RunGatewayRequest {
  host: Host;
  paths: StatePaths;
  flags: GatewayFlags;
  force: boolean;
  /** What `wizard.start` runs (lib/cli/gateway.ts hands in onboarding's). */
  wizard?: WizardRunner;
  /** The agent that answers (default: the config's, created as the gateway starts). */
  agent?: AgentSource;
}

export async function runGateway(req: RunGatewayRequest): Promise<number> {
  const { host, paths } = req;
  // Keys saved for the gateway (OPENAI_API_KEY, …): systemd passes them, a LaunchAgent cannot.
  await loadEnvFile(paths.envFile);
  const file = await readConfigFile(paths.configPath);
  const status = checkConfig(file, workspaceContext(host.home, paths));
  if (status.state === "invalid") {
    throw new ActionableError(
      `${tildify(paths.configPath, host.home)} is not valid:\n` +
        listProblems(status.problems) +
        `\nRun \`${cli("doctor")}\` to fix it, then start the gateway again.`,
    );
  }
  const base = gatewaySettingsFromConfig(status.config, req.flags, host.env);
  const hostname = await resolveListenHost(host, base);
  const settings = { ...base, hostname };
  if (req.force) await stopPrevious(host, paths, settings.auth);

  const log = (line: string) => host.stderr(`${new Date().toISOString()} ${line}\n`);
  // The config may rotate the secret while we run (onboard, configure): follow it.
  const auth = new ConfigAuthSource({
    configPath: paths.configPath,
    initial: settings.auth,
    fromConfig: (config) => authFromConfig(config, req, settings, log),
    log,
  });
  await auth.prime();
  const agent = req.agent ?? new ConfigAgentSource({ host, paths, log });
  const gw = await startGateway({ host, paths, settings, auth, log, agent, wizard: req.wizard });
  // Ready without waiting for it, yet the first message does not pay for its start-up.
  agent.warm();
  try {
    return await serveUntilStopped({ ...req, agent }, gw, status.config, settings.bind, log);
  } finally {
    // Whatever ended the run (a signal, or an error after start), nothing stays listening.
    await gw.shutdown();
  }
}

/** A run's request once its agent is settled. */
type WithAgent = RunGatewayRequest & { agent: AgentSource };

async function serveUntilStopped(
  req: WithAgent,
  gw: RunningGateway,
  config: OpenclawConfig,
  bind: string,
  log: (line: string) => void,
): Promise<number> {
  const { host, paths } = req;
  // Listen for stop signals first: one that comes while the rest starts still stops cleanly.
  const signals = stopOnSignals(gw);
  let recorded = false;
  try {
    const problem = await writePidFile(host, paths, gw);
    recorded = problem === undefined;
    if (problem) {
      // A read-only state folder costs only --force; the gateway itself needs no writes to run.
      log(
        `running without ${tildify(pidFilePath(paths), host.home)} (${problem}); ` +
          "`gateway run --force` cannot find this gateway, stop it with Ctrl-C or its service",
      );
    }
    host.stdout(`${await banner(req, gw, config)}\n`);
    const extras = await startExtras(req, config, gw, bind, log);
    await gw.finished;
    await extras.stop();
    return 0;
  } finally {
    signals.remove();
    if (recorded) await Deno.remove(pidFilePath(paths)).catch(() => {});
  }
}

/** The banner: addresses a user can open (not the wildcard listened on) and `openclaw dashboard`. */
async function banner(
  req: RunGatewayRequest,
  gw: RunningGateway,
  config: OpenclawConfig,
): Promise<string> {
  const { renderBanner, dashboardCommand } = await import("./banner.ts");
  const { tailnetDnsName } = await import("./tailscale.ts");
  // The same settings the gateway started with (already validated by then).
  const settings = gatewaySettingsFromConfig(config, req.flags, req.host.env);
  const tailnet = settings.tailscale !== "off" || settings.bind === "tailnet";
  return renderBanner({
    listenHost: gw.hostname,
    port: gw.port,
    tailscale: settings.tailscale,
    tailnetName: tailnet ? await tailnetDnsName(req.host) : undefined,
    dashboard: dashboardCommand(req.paths.profile),
  });
}

/**
 * What runs beside the server for as long as it runs: the channels that live
 * in the gateway (Telegram's DM pairing loop) and the DNS-SD announcement
 * that lets `onboard --mode remote` on another machine find this gateway.
 */
async function startExtras(
  req: WithAgent,
  config: OpenclawConfig,
  gw: RunningGateway,
  bind: string,
  log: (line: string) => void,
): Promise<{ stop(): Promise<void> }> {
  const { startAgentChannels } = await import("../channels/agent-turns.ts");
  const channels = await startAgentChannels({
    config,
    paths: req.paths,
    host: req.host,
    agent: req.agent,
    log,
    board: gw.channels,
    webhooks: gw.webhooks,
    onEvent: (channel, e) => log(`${channel}: ${describeChannelEvent(e)}`),
  });
  if (channels.started.length > 0) log(`channels running: ${channels.started.join(", ")}`);
  const { startAdvertising } = await import("../remote/advertise.ts");
  const ad = await startAdvertising({
    name: `openclaw on ${req.host.hostname}`,
    port: gw.port,
    hostname: gw.hostname,
    txt: { bind, v: VERSION },
    onLost: log,
  });
  log(ad.message);
  return {
    stop: async () => {
      await Promise.all([channels.stop(), ad.stop()]);
    },
  };
}

/** One log line per channel event: who and what happened, never message text or codes. */
function describeChannelEvent(e: ChannelEvent): string {
  switch (e.type) {
    case "accepted":
      return `accepted a message from ${e.message.senderId}`;
    case "pairing-sent":
      return `sent a pairing code to ${e.senderId} (approve with: ${cli("pairing list")})`;
    case "pairing-waiting":
      return `${e.senderId} is waiting for approval`;
    case "ignored":
      return `ignored ${e.senderId ?? "an update"}: ${e.reason}`;
    case "error":
      return `error: ${e.message}`;
  }
}
/**
 * The auth a changed config gives this running gateway: flags and env still
 * win, and the listener's own rules hold (no auth off beyond loopback or with
 * Tailscale; funnel needs a password).
 */
function authFromConfig(
  config: OpenclawConfig,
  req: RunGatewayRequest,
  running: GatewaySettings,
  log: (line: string) => void,
): GatewaySettings["auth"] {
  const next = gatewaySettingsFromConfig(
    config,
    { ...req.flags, tailscale: running.tailscale },
    req.host.env,
  );
  if (next.auth.mode === "none" && !isLoopbackHost(running.hostname)) {
    throw new Error(`auth none is not allowed while listening on ${running.hostname}`);
  }
  // A secret pinned by flag or env wins; say so when the config's own one differs from it.
  const fromFile = config.gateway?.auth;
  const pinned = [
    req.flags.token !== undefined ? "--token" : undefined,
    req.flags.password !== undefined ? "--password" : undefined,
    req.host.env("OPENCLAW_GATEWAY_TOKEN") !== undefined ? "OPENCLAW_GATEWAY_TOKEN" : undefined,
    req.host.env("OPENCLAW_GATEWAY_PASSWORD") !== undefined
      ? "OPENCLAW_GATEWAY_PASSWORD"
      : undefined,
  ].filter((x) => x !== undefined);
  const differs = next.auth.mode === "password"
    ? fromFile?.password !== next.auth.password
    : fromFile?.token !== next.auth.token;
  if (pinned.length > 0 && next.auth.mode !== "none" && differs) {
    log(
      `the config's gateway.auth changed, but ${pinned.join(" / ")} given to this gateway wins; ` +
        "restart it without that to use the config's secret",
    );
  }
  return next.auth;
}

/** SIGINT/SIGTERM shut the gateway down (sockets told, tailscale exposure removed). */
function stopOnSignals(gw: RunningGateway): { remove(): void } {
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  const stop = () => void gw.shutdown("The gateway received a stop signal.");
  for (const s of signals) Deno.addSignalListener(s, stop);
  return { remove: () => signals.forEach((s) => Deno.removeSignalListener(s, stop)) };
}

/**
 * --force: stop the gateway named by the pid file, once it proved to be this
 * state folder's gateway (pid-file.ts). Anything else is a stale record: say
 * so, remove it, signal nothing.
 */
async function stopPrevious(host: Host, paths: StatePaths, auth: GatewayAuth): Promise<void> {
  const prev = await identifyPrevious(host, paths, auth);
  if (prev.kind === "none") return;
  if (prev.kind === "stale") {
    host.stderr(
      `${tildify(pidFilePath(paths), host.home)} names pid ${prev.pid}, which is not an openclaw ` +
        `gateway of this state folder (${prev.reason}); removed the stale file, signalled nothing.\n`,
    );
    await Deno.remove(pidFilePath(paths)).catch(() => {});
    return;
  }
  const pid = prev.pid;
  host.stderr(`Stopping the previous gateway (pid ${pid})…\n`);
  Deno.kill(pid, "SIGTERM");
  for (let i = 0; i < 50 && await alive(host, pid); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (await alive(host, pid)) {
    throw new ActionableError(
      `The previous gateway (pid ${pid}) did not stop within 5 s. Stop it by hand: kill ${pid}`,
    );
  }
}
