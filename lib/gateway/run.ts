/**
 * `openclaw gateway run`: the gateway in the foreground (what the user
 * service runs). Settings from flags, env and config; refuses unsafe binds;
 * writes a pid file so `--force` can stop a previous gateway; stops cleanly
 * on SIGINT/SIGTERM (sockets told, tailscale exposure removed, pid file gone).
 */
import { workspaceContext } from "../config/workspace-path.ts";
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { tildify } from "../config/paths.ts";
import { readConfigFile } from "../config/store.ts";
import { checkConfig, listProblems } from "../config/validate.ts";
import { ActionableError } from "../errors.ts";
import { ensureDir, writeFileAtomic } from "../platform/files.ts";
import { type GatewayFlags, gatewaySettingsFromConfig, resolveListenHost } from "./settings.ts";
import { type RunningGateway, startGateway } from "./server.ts";
import { loadEnvFile } from "../platform/env-file.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { VERSION } from "../version.ts";
import type { TelegramEvent } from "../channels/telegram-runtime.ts";

export interface RunGatewayRequest {
  host: Host;
  paths: StatePaths;
  flags: GatewayFlags;
  force: boolean;
}

export function pidFilePath(paths: StatePaths): string {
  return `${paths.stateDir}/gateway.pid`;
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
        "\nRun `openclaw doctor` to fix it, then start the gateway again.",
    );
  }
  const base = gatewaySettingsFromConfig(status.config, req.flags, host.env);
  const hostname = await resolveListenHost(host, base);
  const settings = { ...base, hostname };
  if (req.force) await stopPrevious(host, paths);

  const log = (line: string) => host.stderr(`${new Date().toISOString()} ${line}\n`);
  const gw = await startGateway({ host, paths, settings, log });
  try {
    return await serveUntilStopped(req, gw, status.config, settings.bind, log);
  } finally {
    // Whatever ended the run (a signal, or an error after start), nothing stays listening.
    await gw.shutdown();
  }
}

async function serveUntilStopped(
  req: RunGatewayRequest,
  gw: RunningGateway,
  config: OpenclawConfig,
  bind: string,
  log: (line: string) => void,
): Promise<number> {
  const { host, paths } = req;
  // Listen for stop signals first: one that comes while the rest starts still stops cleanly.
  const signals = stopOnSignals(gw);
  try {
    await ensureDir(paths.stateDir);
    await writeFileAtomic(
      pidFilePath(paths),
      JSON.stringify({ pid: host.pid, port: gw.port, hostname: gw.hostname }) + "\n",
    );
    host.stdout(`Gateway running on ${gw.url}\nControl UI: ${gw.httpUrl}\nStop with Ctrl-C.\n`);
    const extras = await startExtras(req, config, gw, bind, log);
    await gw.finished;
    await extras.stop();
    return 0;
  } finally {
    signals.remove();
    await Deno.remove(pidFilePath(paths)).catch(() => {});
  }
}

/**
 * What runs beside the server for as long as it runs: the channels that live
 * in the gateway (Telegram's DM pairing loop) and the DNS-SD announcement
 * that lets `onboard --mode remote` on another machine find this gateway.
 */
async function startExtras(
  req: RunGatewayRequest,
  config: OpenclawConfig,
  gw: RunningGateway,
  bind: string,
  log: (line: string) => void,
): Promise<{ stop(): Promise<void> }> {
  const { startChannelRuntimes } = await import("../channels/runtime.ts");
  const channels = startChannelRuntimes({
    config,
    paths: req.paths,
    host: req.host,
    onEvent: (channel, e) => log(`${channel}: ${describeChannelEvent(e)}`),
  });
  if (channels.started.length > 0) log(`channels running: ${channels.started.join(", ")}`);
  const { startAdvertising } = await import("../remote/advertise.ts");
  const ad = await startAdvertising({
    name: `openclaw on ${req.host.hostname}`,
    port: gw.port,
    txt: { bind, v: VERSION },
  });
  if (ad.tool) log(`announced on the local network with ${ad.tool}`);
  return {
    stop: async () => {
      await Promise.all([channels.stop(), ad.stop()]);
    },
  };
}

/** One log line per channel event: who and what happened, never message text or codes. */
function describeChannelEvent(e: TelegramEvent): string {
  switch (e.type) {
    case "accepted":
      return `accepted a message from ${e.message.senderId}`;
    case "pairing-sent":
      return `sent a pairing code to ${e.senderId} (approve with: openclaw pairing list)`;
    case "pairing-waiting":
      return `${e.senderId} is waiting for approval`;
    case "ignored":
      return `ignored ${e.senderId ?? "an update"}: ${e.reason}`;
    case "error":
      return `error: ${e.message}`;
  }
}
/** SIGINT/SIGTERM shut the gateway down (sockets told, tailscale exposure removed). */
function stopOnSignals(gw: RunningGateway): { remove(): void } {
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  const stop = () => void gw.shutdown("The gateway received a stop signal.");
  for (const s of signals) Deno.addSignalListener(s, stop);
  return { remove: () => signals.forEach((s) => Deno.removeSignalListener(s, stop)) };
}

/** --force: stop the gateway named by the pid file, if it is still running. */
async function stopPrevious(host: Host, paths: StatePaths): Promise<void> {
  let pid: number | undefined;
  try {
    pid = JSON.parse(await Deno.readTextFile(pidFilePath(paths))).pid;
  } catch {
    return; // no previous gateway of ours recorded
  }
  if (!pid || pid === host.pid || !alive(pid)) return;
  host.stderr(`Stopping the previous gateway (pid ${pid})…\n`);
  Deno.kill(pid, "SIGTERM");
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) {
    throw new ActionableError(
      `The previous gateway (pid ${pid}) did not stop within 5 s. Stop it by hand: kill ${pid}`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    Deno.kill(pid, "SIGCONT");
    return true;
  } catch {
    return false;
  }
}
