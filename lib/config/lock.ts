/**
 * A lock file beside the config so two openclaw runs cannot change state at
 * the same time. The file names its holder (pid, host, command, start time);
 * a lock whose process is gone is taken over, so a crash never wedges the
 * user out.
 */
import { ActionableError } from "../errors.ts";
import type { Host } from "../host.ts";
import { dirname } from "./paths.ts";
import { ensureDir, explainFsError, pathExists } from "../platform/files.ts";

export interface LockHolder {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
}

export interface Lock {
  path: string;
  release(): Promise<void>;
}

export async function acquireLock(host: Host, lockPath: string, command: string): Promise<Lock> {
  // A cancelled first run must leave no trace, not even an empty state dir.
  const createdDir = !(await pathExists(dirname(lockPath)));
  await ensureDir(dirname(lockPath));
  const me: LockHolder = {
    pid: host.pid,
    hostname: host.hostname,
    command,
    startedAt: host.now().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await Deno.open(lockPath, { write: true, createNew: true, mode: 0o600 });
      await file.write(new TextEncoder().encode(JSON.stringify(me) + "\n"));
      file.close();
      return { path: lockPath, release: () => releaseLock(lockPath, me, createdDir) };
    } catch (err) {
      if (!(err instanceof Deno.errors.AlreadyExists)) {
        throw explainFsError(err, lockPath, "create the lock");
      }
      const holder = await readHolder(lockPath);
      if (holder && (holder.hostname !== host.hostname || await isAlive(host, holder.pid))) {
        throw new ActionableError(
          `Another openclaw is changing this state right now: pid ${holder.pid} ` +
            `(\`${holder.command}\`, started ${holder.startedAt}${
              holder.hostname !== host.hostname ? ` on ${holder.hostname}` : ""
            }).\n` +
            `Wait for it to finish, then run this again. If that process is gone, remove ${lockPath}.`,
          1,
        );
      }
      // Stale (its process is gone) or unreadable: take it over.
      await Deno.remove(lockPath).catch(() => {});
    }
  }
  throw new ActionableError(`Could not take the lock ${lockPath}; remove it and try again.`);
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await Deno.readTextFile(path));
    if (typeof parsed?.pid === "number") return parsed as LockHolder;
  } catch {
    // unreadable or half-written: treat as stale
  }
  return undefined;
}

async function releaseLock(path: string, me: LockHolder, removeEmptyDir: boolean): Promise<void> {
  const holder = await readHolder(path);
  if (holder && holder.pid === me.pid && holder.startedAt === me.startedAt) {
    await Deno.remove(path).catch(() => {});
  }
  // Non-recursive: only succeeds when the run wrote nothing else there.
  if (removeEmptyDir) await Deno.remove(dirname(path)).catch(() => {});
}

/** Is a process alive? /proc on Linux; `kill -0` elsewhere. */
async function isAlive(host: Host, pid: number): Promise<boolean> {
  if (pid === host.pid) return true;
  if (host.platform === "linux") {
    try {
      await Deno.stat(`/proc/${pid}`);
      return true;
    } catch {
      return false;
    }
  }
  try {
    const r = await host.run("kill", ["-0", String(pid)]);
    return r.code === 0;
  } catch {
    return true; // cannot tell: be safe and treat the lock as held
  }
}
