/**
 * Telling "macOS will not let imsg read the Messages database" from any
 * other failure: retrying cannot fix it, granting Full Disk Access can.
 * imsg says so in the error it answers with (current versions: "Permission
 * Error … Full Disk Access") or on stderr as it exits (older ones; SQLite's
 * "unable to open database file", macOS' "authorization denied").
 */

const PERMISSION_SIGNS =
  /full disk access|permission (error|denied)|authorization denied|operation not permitted|unable to open database/i;

/** One line for `channels status`: where to grant it. */
export const FULL_DISK_ACCESS_FIX =
  "Grant Full Disk Access: System Settings → Privacy & Security → Full Disk Access → add the " +
  "app that runs the gateway (your terminal, or the openclaw binary for the service), then " +
  "restart the gateway.";

/** imsg sends through Messages by AppleScript: macOS asks once, and a refusal makes sends hang. */
export const AUTOMATION_FIX =
  "allow the gateway's app to control Messages: System Settings → Privacy & Security → " +
  "Automation → Messages";

/** The problem in words when `text` (an error or imsg's stderr) is a refused database, else undefined. */
export function permissionProblem(text: string): string | undefined {
  return PERMISSION_SIGNS.test(text)
    ? "macOS did not let imsg read the Messages database (no Full Disk Access)"
    : undefined;
}

/** The last line imsg wrote to stderr, short, for a log line about why it exited. */
export function lastLine(stderr: string): string {
  const line = stderr.trim().split("\n").at(-1)?.trim() ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
