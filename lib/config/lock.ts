/**
 * A lock file beside the config so two openclaw runs cannot change state at
 * the same time. One writer at a time, for real:
 *
 * - Taking it is one atomic step: the holder's record is written to a temp
 *   file first and then hard-linked to the lock path, which fails if the lock
 *   exists. Nobody ever sees an empty lock of ours.
 * - A lock whose holder is gone is taken over by renaming a fresh record over
 *   it, under a short-lived `.takeover` marker so two runs cannot both take
 *   over, and only if the file still holds what was judged stale.
 * - The record names the holder by PID, boot id and process start time, so a
 *   lock left by a container that started again with a new hostname, or by a
 *   PID another program now has, is recognised as stale.
 * - A run that finds the lock held waits a little (10 s by default) and then
 *   gives up with a message naming the holder.
 */
import { ActionableError } from "../errors.ts";
import type { Host } from "../host.ts";
import { dirname } from "./paths.ts";
import { ensureDir, explainFsError, pathExists } from "../platform/files.ts";
import { bootId, processAlive, processStartTime } from "../platform/process-identity.ts";

export interface LockHolder {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
  /** This boot of the holder's kernel (absent in locks of older versions). */
  bootId?: string;
  /** When the holder's process started, as the OS tells it. */
  processStart?: string;
  /** Tells apart two holders in one process (the gateway). */
  token?: string;
}

export interface Lock {
  path: string;
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for another run to finish; default 10 s (OPENCLAW_LOCK_WAIT_MS). */
  waitMs?: number;
}

/**
 * Scripted runs (several `agents add` at once) hold the lock for well under a
 * second: waiting this long lets them all succeed in turn, while a run behind
 * an interactive wizard still hears quickly why it cannot go on.
 */
export const DEFAULT_LOCK_WAIT_MS = 10_000;
const POLL_MS = 50;
/** An empty or half-written lock file is its creator's (still writing) for this long. */
export const PARTIAL_LOCK_GRACE_MS = 5_000;
/** A takeover lasts milliseconds: an older marker was left by a crash. */
const TAKEOVER_MARKER_STALE_MS = 10_000;

export async function acquireLock(
  host: Host,
  lockPath: string,
  command: string,
  opts: LockOptions = {},
): Promise<Lock> {
  // A cancelled first run must leave no trace, not even an empty state dir.
  const dir = dirname(lockPath);
  let createdDir = !(await pathExists(dir).catch((err) => {
    throw explainFsError(err, dir, "create the folder");
  }));
  await ensureDir(dir);
  const me: LockHolder = {
    pid: host.pid,
    hostname: host.hostname,
    command,
    startedAt: host.now().toISOString(),
    bootId: await bootId(host),
    processStart: await processStartTime(host, host.pid),
    token: crypto.randomUUID(),
  };
  const record = JSON.stringify(me) + "\n";
  const waitMs = opts.waitMs ?? waitFromEnv(host) ?? DEFAULT_LOCK_WAIT_MS;
  const deadline = Date.now() + waitMs;
  let told = false;
  let dirGone = 0;
  try {
    while (true) {
      const outcome = await tryTake(host, lockPath, me, record).catch(async (err) => {
        // The run before us created the state dir and removed it, empty, on release.
        if (!(err instanceof Deno.errors.NotFound) || ++dirGone > 5) throw err;
        await ensureDir(dir);
        createdDir = true;
        return undefined;
      });
      if (outcome === undefined) continue;
      if (outcome.taken) {
        return { path: lockPath, release: () => releaseLock(lockPath, record, createdDir) };
      }
      if (Date.now() >= deadline) throw busyError(host, lockPath, outcome.holder, waitMs);
      if (!told) {
        told = true;
        host.stderr(
          `Waiting for another openclaw to finish (${describeHolder(host, outcome.holder)})…\n`,
        );
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } catch (err) {
    // Non-recursive: only succeeds when nothing else is there.
    if (createdDir) await Deno.remove(dir).catch(() => {});
    throw err;
  }
}

type Outcome = { taken: true } | { taken: false; holder?: LockHolder };

async function tryTake(
  host: Host,
  lockPath: string,
  me: LockHolder,
  record: string,
): Promise<Outcome> {
  // Look first: a waiter must not litter the state dir with temp files while
  // the holder works in it (a reset lists that folder).
  let seen = await readLock(lockPath);
  if (!seen) {
    if (await createExclusive(lockPath, record)) return { taken: true };
    seen = await readLock(lockPath);
    if (!seen) return { taken: false }; // came and went: try again
  }
  if (await isHeld(host, me, seen)) return { taken: false, holder: seen.holder };
  return (await takeOver(lockPath, seen.text, record))
    ? { taken: true }
    : { taken: false, holder: seen.holder };
}

/** Create the lock holding `record`, or return false when one exists. */
async function createExclusive(lockPath: string, record: string): Promise<boolean> {
  const tmp = await writeTemp(lockPath, record);
  try {
    await Deno.link(tmp, lockPath);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.AlreadyExists) return false;
    // A file system without hard links: create-exclusive and write (briefly empty,
    // which other runs read as held thanks to PARTIAL_LOCK_GRACE_MS).
    if (err instanceof Deno.errors.PermissionDenied || err instanceof Deno.errors.NotSupported) {
      return await createNewAndWrite(lockPath, record);
    }
    throw explainFsError(err, lockPath, "create the lock");
  } finally {
    await Deno.remove(tmp).catch(() => {});
  }
}

/**
 * Replace a stale lock with ours. Under the marker nobody else replaces the
 * lock, and nobody creates one while the stale file is there, so if it still
 * holds what was judged stale, it is ours to replace.
 */
async function takeOver(lockPath: string, staleText: string, record: string): Promise<boolean> {
  const marker = `${lockPath}.takeover`;
  if (!(await claimMarker(marker))) return false;
  try {
    if ((await readTextOrUndefined(lockPath)) !== staleText) return false; // it moved on: judge again
    const tmp = await writeTemp(lockPath, record);
    try {
      await Deno.rename(tmp, lockPath);
    } catch (err) {
      await Deno.remove(tmp).catch(() => {});
      throw explainFsError(err, lockPath, "take over the stale lock");
    }
    // Re-check that the lock names us before going on.
    return (await readTextOrUndefined(lockPath)) === record;
  } finally {
    await Deno.remove(marker).catch(() => {});
  }
}

async function claimMarker(marker: string): Promise<boolean> {
  try {
    (await Deno.open(marker, { write: true, createNew: true, mode: 0o600 })).close();
    return true;
  } catch (err) {
    if (!(err instanceof Deno.errors.AlreadyExists)) {
      throw explainFsError(err, marker, "create the lock");
    }
    const age = await fileAgeMs(marker);
    if (age !== undefined && age > TAKEOVER_MARKER_STALE_MS) {
      await Deno.remove(marker).catch(() => {});
    }
    return false;
  }
}

/** A private temp file next to the lock with `text`, synced; nothing is left if writing fails. */
async function writeTemp(lockPath: string, text: string): Promise<string> {
  const tmp = `${lockPath}.${Deno.pid}-${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeNewFile(tmp, text);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw lockWriteError(err, lockPath);
  }
  return tmp;
}

/** The lock is taken before anything else is written: say so. */
function lockWriteError(err: unknown, lockPath: string): unknown {
  const explained = explainFsError(err, lockPath, "create the lock");
  if (!(explained instanceof ActionableError)) return explained;
  return new ActionableError(
    `${explained.message}\nNothing was changed (the lock is taken before anything is written).`,
    explained.exitCode,
  );
}

async function createNewAndWrite(lockPath: string, record: string): Promise<boolean> {
  try {
    await writeNewFile(lockPath, record);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.AlreadyExists) return false;
    // Never leave an empty lock behind (a full disk fails the write, not the create).
    await Deno.remove(lockPath).catch(() => {});
    throw lockWriteError(err, lockPath);
  }
}

async function writeNewFile(path: string, text: string): Promise<void> {
  const file = await Deno.open(path, { write: true, createNew: true, mode: 0o600 });
  try {
    const bytes = new TextEncoder().encode(text);
    let written = 0;
    while (written < bytes.length) written += await file.write(bytes.subarray(written));
    await file.sync();
  } finally {
    file.close();
  }
}

interface SeenLock {
  text: string;
  holder?: LockHolder;
  ageMs?: number;
}

async function readLock(path: string): Promise<SeenLock | undefined> {
  const text = await readTextOrUndefined(path);
  if (text === undefined) return undefined;
  return { text, holder: parseHolder(text), ageMs: await fileAgeMs(path) };
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed?.pid === "number" && typeof parsed?.hostname === "string") {
      return parsed as LockHolder;
    }
  } catch {
    // empty or half-written
  }
  return undefined;
}

async function isHeld(host: Host, me: LockHolder, seen: SeenLock): Promise<boolean> {
  // Empty or half-written: its creator may be writing it right now.
  if (!seen.holder) return seen.ageMs === undefined || seen.ageMs < PARTIAL_LOCK_GRACE_MS;
  return await holderIsRunning(host, me, seen.holder);
}

/** Is the process a lock names still running? Unsure means yes. */
export async function holderIsRunning(
  host: Host,
  me: LockHolder,
  holder: LockHolder,
): Promise<boolean> {
  if (holder.bootId && me.bootId) {
    // Another boot: the holder ran before a reboot (or on another machine; one
    // state dir belongs to one machine at a time). Containers share the boot id
    // of their host, so a new hostname alone proves nothing.
    if (holder.bootId !== me.bootId) return false;
  } else if (holder.hostname !== me.hostname) {
    return true; // another machine, and no way to tell whether it still runs
  }
  if (holder.processStart) {
    const now = holder.pid === me.pid ? me.processStart : await processStartTime(host, holder.pid);
    // A different start time: that PID now belongs to another process.
    if (now !== undefined) return now === holder.processStart;
  }
  return await isAlive(host, holder.pid);
}

async function releaseLock(path: string, record: string, removeEmptyDir: boolean): Promise<void> {
  // Only our own record: a lock taken over from us is someone else's now.
  if ((await readTextOrUndefined(path)) === record) await Deno.remove(path).catch(() => {});
  // Non-recursive: only succeeds when the run wrote nothing else there.
  if (removeEmptyDir) await Deno.remove(dirname(path)).catch(() => {});
}

function busyError(
  host: Host,
  lockPath: string,
  holder: LockHolder | undefined,
  waitMs: number,
): ActionableError {
  const waited = waitMs > 0 ? ` (waited ${Math.round(waitMs / 100) / 10} s)` : "";
  return new ActionableError(
    `Another openclaw is changing this state right now: ${
      describeHolder(host, holder)
    }${waited}.\n` +
      `Wait for it to finish, then run this again. If that process is gone, remove ${lockPath}.`,
    1,
  );
}

function describeHolder(host: Host, holder: LockHolder | undefined): string {
  if (!holder) return "its lock file is still being written";
  return `pid ${holder.pid} (\`${holder.command}\`, started ${holder.startedAt}${
    holder.hostname !== host.hostname ? ` on ${holder.hostname}` : ""
  })`;
}

function waitFromEnv(host: Host): number | undefined {
  const raw = host.env("OPENCLAW_LOCK_WAIT_MS");
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

async function readTextOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return undefined;
  }
}

async function fileAgeMs(path: string): Promise<number | undefined> {
  try {
    const mtime = (await Deno.stat(path)).mtime;
    return mtime ? Date.now() - mtime.getTime() : undefined;
  } catch {
    return undefined;
  }
}

/** Is the holder's process alive? When the system cannot tell, the lock counts as held. */
async function isAlive(host: Host, pid: number): Promise<boolean> {
  if (pid === host.pid) return true;
  return (await processAlive(host, pid)) ?? true;
}
