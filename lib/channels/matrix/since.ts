/**
 * Where the Matrix runtime's /sync left off (next_batch), kept across
 * restarts: with it, a restarted gateway answers what arrived while it was
 * down and nothing twice; without it (the very first start), the first
 * sync only marks the spot and old history is not answered. The token
 * belongs to one account: a file written for another account is ignored.
 */
import type { StatePaths } from "../../config/paths.ts";
import { writeFileAtomic } from "../../platform/files.ts";

export function sincePath(paths: StatePaths): string {
  return `${paths.stateDir}/channels/matrix-sync.json`;
}

export async function readSince(paths: StatePaths, userId: string): Promise<string | undefined> {
  try {
    const v = JSON.parse(await Deno.readTextFile(sincePath(paths)));
    return v?.userId === userId && typeof v.since === "string" && v.since ? v.since : undefined;
  } catch {
    return undefined;
  }
}

export async function writeSince(paths: StatePaths, userId: string, since: string): Promise<void> {
  await writeFileAtomic(sincePath(paths), JSON.stringify({ userId, since }) + "\n", {
    mode: 0o600,
  });
}
