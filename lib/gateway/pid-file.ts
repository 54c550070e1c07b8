/**
 * `gateway.pid`: which process runs this state folder's gateway, so that
 * `gateway run --force` can stop it. A PID alone is not enough: the file
 * outlives a crash, PIDs are reused, and the file can be edited. Before any
 * signal the process must prove it is our gateway:
 * - its command line is `… openclaw|main.ts … gateway run …` (/proc on Linux,
 *   `ps` elsewhere);
 * - its start time is the one recorded when the file was written (a reused
 *   PID belongs to a process that started later);
 * - the recorded port answers as an openclaw gateway, and when it lets us in,
 *   its `health` names the same PID and this state folder's config.
 * Anything else is a stale record: it is removed and nothing is signalled.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { ensureDir, writeFileAtomic } from "../platform/files.ts";
import { processAlive, processStartTime, startTimeFromStat } from "../platform/process-identity.ts";
import type { GatewayAuth } from "./auth.ts";
import { callGateway, GatewayCallError } from "./client.ts";
import type { HealthPayload } from "./methods/health.ts";

export interface PidRecord {
  pid: number;
  port: number;
  hostname: string;
  /** The process start time as the OS reports it (/proc/<pid>/stat field 22, or `ps -o lstart=`). */
  startTime?: string;
  configPath?: string;
}

export function pidFilePath(paths: StatePaths): string {
  return `${paths.stateDir}/gateway.pid`;
}

export interface ProcessInfo {
  argv: string[];
  startTime?: string;
}

/** The command line and start time of a live process, or undefined when it cannot be seen. */
export async function processInfo(host: Host, pid: number): Promise<ProcessInfo | undefined> {
  if (host.platform === "linux") {
    try {
      const cmdline = await Deno.readTextFile(`/proc/${pid}/cmdline`);
      const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
      return {
        argv: cmdline.split("\0").filter((a) => a !== ""),
        startTime: startTimeFromStat(stat),
      };
    } catch {
      return undefined;
    }
  }
  if (host.platform === "windows") return undefined;
  try {
    const command = await host.run("ps", ["-o", "command=", "-p", String(pid)]);
    if (command.code !== 0 || !command.stdout.trim()) return undefined;
    return {
      argv: command.stdout.trim().split(/\s+/),
      startTime: await processStartTime(host, pid),
    };
  } catch {
    return undefined;
  }
}

/** `deno run … main.ts gateway run …` or `openclaw gateway run …` (the compiled binary). */
export function looksLikeGateway(argv: string[]): boolean {
  const at = argv.findIndex((a, i) => a === "gateway" && argv[i + 1] === "run");
  if (at < 0) return false;
  return argv.slice(0, at).some((a) => {
    const base = a.split("/").pop() ?? "";
    return base === "main.ts" || base.startsWith("openclaw");
  });
}

/**
 * Record this gateway. Returns a problem (to say to the user) instead of
 * throwing: a read-only state folder must not stop the gateway, it only
 * loses `--force`.
 */
export async function writePidFile(
  host: Host,
  paths: StatePaths,
  listen: { port: number; hostname: string },
): Promise<string | undefined> {
  const record: PidRecord = {
    pid: host.pid,
    port: listen.port,
    hostname: listen.hostname,
    startTime: (await processInfo(host, host.pid))?.startTime,
    configPath: paths.configPath,
  };
  try {
    await ensureDir(paths.stateDir);
    await writeFileAtomic(pidFilePath(paths), JSON.stringify(record) + "\n");
    return undefined;
  } catch (err) {
    return (err as Error)?.message ?? String(err);
  }
}

export async function readPidFile(paths: StatePaths): Promise<PidRecord | undefined> {
  let raw: unknown;
  try {
    raw = JSON.parse(await Deno.readTextFile(pidFilePath(paths)));
  } catch {
    return undefined;
  }
  const r = raw as Partial<PidRecord> | null;
  if (!r || typeof r !== "object" || !Number.isInteger(r.pid) || (r.pid as number) <= 1) {
    return { pid: 0, port: 0, hostname: "" }; // unreadable: stale by definition
  }
  return {
    pid: r.pid as number,
    port: Number.isInteger(r.port) ? r.port as number : 0,
    hostname: typeof r.hostname === "string" ? r.hostname : "127.0.0.1",
    startTime: typeof r.startTime === "string" ? r.startTime : undefined,
    configPath: typeof r.configPath === "string" ? r.configPath : undefined,
  };
}

export type PreviousGateway =
  | { kind: "none" }
  | { kind: "gateway"; pid: number }
  | { kind: "stale"; pid: number; reason: string };

/** What the pid file names: nothing, our running gateway, or a stale record (with why). */
export async function identifyPrevious(
  host: Host,
  paths: StatePaths,
  auth: GatewayAuth,
): Promise<PreviousGateway> {
  const rec = await readPidFile(paths);
  if (!rec) return { kind: "none" };
  const { pid } = rec;
  if (pid === 0) return { kind: "stale", pid, reason: "the file is not a gateway record" };
  if (pid === host.pid) return { kind: "none" };
  if (!(await alive(host, pid))) return { kind: "stale", pid, reason: "no such process" };
  if (rec.configPath && rec.configPath !== paths.configPath) {
    return { kind: "stale", pid, reason: "it was written for another config" };
  }
  const info = await processInfo(host, pid);
  if (!info) return { kind: "stale", pid, reason: "its command line cannot be read" };
  if (!looksLikeGateway(info.argv)) {
    return { kind: "stale", pid, reason: `it runs \`${info.argv.join(" ").slice(0, 80)}\`` };
  }
  if (rec.startTime && info.startTime && rec.startTime !== info.startTime) {
    return { kind: "stale", pid, reason: "that PID now belongs to a process started later" };
  }
  const answer = await askPort(rec, auth, paths);
  if (answer === "ours") return { kind: "gateway", pid };
  return { kind: "stale", pid, reason: answer };
}

/** "ours", or why the recorded port does not show our gateway. */
async function askPort(rec: PidRecord, auth: GatewayAuth, paths: StatePaths): Promise<string> {
  if (!rec.port) return "no port is recorded";
  const h = rec.hostname === "0.0.0.0" || rec.hostname === ""
    ? "127.0.0.1"
    : rec.hostname === "::"
    ? "[::1]"
    : rec.hostname.includes(":")
    ? `[${rec.hostname}]`
    : rec.hostname;
  try {
    const health = await callGateway<HealthPayload>({
      url: `ws://${h}:${rec.port}/`,
      token: auth.token,
      password: auth.password,
      method: "health",
      timeoutMs: 3000,
    });
    if (health.pid !== rec.pid) return `port ${rec.port} is served by another gateway`;
    if (health.config.path !== paths.configPath) return "it serves another config";
    return "ours";
  } catch (err) {
    // Refused credentials still come as openclaw protocol frames: it is a gateway, ours by the checks above.
    if (
      err instanceof GatewayCallError && (err.kind === "auth" || err.kind === "rate-limited")
    ) return "ours";
    return `port ${rec.port} does not answer as an openclaw gateway`;
  }
}

/** Whether a process exists (never signalled to find out); false when the system cannot tell. */
export async function alive(host: Host, pid: number): Promise<boolean> {
  return (await processAlive(host, pid)) ?? false;
}
