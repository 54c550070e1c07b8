/**
 * Who a PID really is. A PID alone is not a process: after a reboot, or in a
 * container that started again (new hostname, same small PIDs), the number
 * names some other program. The boot id tells "this kernel, this boot"; the
 * start time tells "this process, not a later one with the same number".
 * Both are opaque strings, compared for equality only; undefined when this
 * system cannot tell (then callers fall back to weaker checks).
 */
import type { Host } from "../host.ts";

/** This boot of this kernel: Linux's boot_id, macOS's kern.boottime. */
export async function bootId(host: Host): Promise<string | undefined> {
  if (host.platform === "linux") {
    return (await readText("/proc/sys/kernel/random/boot_id"))?.trim() || undefined;
  }
  if (host.platform === "darwin") return await outputOf(host, "sysctl", ["-n", "kern.boottime"]);
  return undefined;
}

/**
 * When the process with this PID started (Linux: /proc/<pid>/stat field 22,
 * clock ticks since boot; macOS: `ps -o lstart=`); undefined when there is no
 * such process or it cannot be told.
 */
export async function processStartTime(host: Host, pid: number): Promise<string | undefined> {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  if (host.platform === "linux") {
    const stat = await readText(`/proc/${pid}/stat`);
    return stat === undefined ? undefined : startTimeFromStat(stat);
  }
  if (host.platform === "darwin") {
    return await outputOf(host, "ps", ["-o", "lstart=", "-p", String(pid)]);
  }
  return undefined;
}

/**
 * Whether a process exists, found without signalling it (a probe signal such
 * as SIGCONT would resume a stopped job that is not ours; `kill -0` fails on
 * another user's process). A zombie has exited: only its parent has not
 * collected it yet. Undefined when this system cannot tell.
 */
export async function processAlive(host: Host, pid: number): Promise<boolean | undefined> {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (host.platform === "linux") {
    const stat = await readText(`/proc/${pid}/stat`);
    if (stat === undefined) return false;
    const close = stat.lastIndexOf(")");
    return stat.slice(close + 2, close + 3) !== "Z";
  }
  if (host.platform === "windows") return undefined;
  const r = await host.run("ps", ["-p", String(pid)]).catch(() => undefined);
  return r === undefined ? undefined : r.code === 0;
}

/** Field 22 of /proc/<pid>/stat. The name (field 2) may hold spaces and ")": skip past the last ")". */
export function startTimeFromStat(stat: string): string | undefined {
  const close = stat.lastIndexOf(")");
  if (close < 0) return undefined;
  // What follows ") " starts at field 3, so field 22 is the 20th.
  const fields = stat.slice(close + 1).trim().split(/\s+/);
  const value = fields[19];
  return value && /^\d+$/.test(value) ? value : undefined;
}

/** What a command prints, trimmed; undefined when it fails or prints nothing. */
async function outputOf(host: Host, cmd: string, args: string[]): Promise<string | undefined> {
  const r = await host.run(cmd, args).catch(() => undefined);
  return r?.code === 0 ? r.stdout.trim() || undefined : undefined;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return undefined;
  }
}
