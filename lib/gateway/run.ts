/**
 * `openclaw gateway run`: the gateway in the foreground (what the user
 * service runs). Settings from flags, env and config; refuses unsafe binds;
 * writes a pid file so `--force` can stop a previous gateway; stops cleanly
 * on SIGINT/SIGTERM (sockets told, tailscale exposure removed, pid file gone).
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { tildify } from "../config/paths.ts";
import { readConfigFile } from "../config/store.ts";
import { checkConfig } from "../config/validate.ts";
import { ActionableError } from "../errors.ts";
import { ensureDir, writeFileAtomic } from "../platform/files.ts";
import { type GatewayFlags, gatewaySettingsFromConfig, resolveListenHost } from "./settings.ts";
import { type RunningGateway, startGateway } from "./server.ts";

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
  const file = await readConfigFile(paths.configPath);
  const status = checkConfig(file);
  if (status.state === "invalid") {
    throw new ActionableError(
      `${tildify(paths.configPath, host.home)} is not valid:\n` +
        status.problems.slice(0, 5).map((p) => `  - ${p}`).join("\n") +
        "\nRun `openclaw doctor` to fix it, then start the gateway again.",
    );
  }
  const base = gatewaySettingsFromConfig(status.config, req.flags, host.env);
  const hostname = await resolveListenHost(host, base);
  const settings = { ...base, hostname };
  if (req.force) await stopPrevious(host, paths);

  const log = (line: string) => host.stderr(`${new Date().toISOString()} ${line}\n`);
  const gw = await startGateway({ host, paths, settings, log });
  await ensureDir(paths.stateDir);
  await writeFileAtomic(
    pidFilePath(paths),
    JSON.stringify({ pid: host.pid, port: gw.port, hostname: gw.hostname }) + "\n",
  );
  host.stdout(`Gateway running on ${gw.url}\nControl UI: ${gw.httpUrl}\nStop with Ctrl-C.\n`);
  await untilSignal(gw);
  await Deno.remove(pidFilePath(paths)).catch(() => {});
  return 0;
}

async function untilSignal(gw: RunningGateway): Promise<void> {
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  const stop = () => void gw.shutdown("The gateway received a stop signal.");
  for (const s of signals) Deno.addSignalListener(s, stop);
  try {
    await gw.finished;
  } finally {
    for (const s of signals) Deno.removeSignalListener(s, stop);
  }
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
