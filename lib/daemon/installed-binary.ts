/**
 * The openclaw binary a service runs, for a compiled openclaw. After an in-place upgrade
 * (install.sh renames the new binary over the old one), a process still running the old one
 * gets `…/openclaw (deleted)` from `Deno.execPath()` on Linux, or a path where nothing is any
 * more: a service installed from that process (e.g. through the Control UI wizard) would point
 * at a file that is gone. The install receipt says where openclaw is installed now; without
 * one, the install is refused with what to run instead.
 */
import { ActionableError } from "../errors.ts";
import type { Host } from "../host.ts";
import { isExecutableFile } from "../platform/files.ts";
import { findReceipt } from "../uninstall/receipt.ts";

/** What Linux appends to /proc/self/exe when the running file was unlinked. */
const DELETED = " (deleted)";

export async function serviceBinary(host: Host, execPath: string): Promise<string> {
  if (!execPath.endsWith(DELETED) && await isExecutableFile(execPath)) return execPath;
  const original = execPath.endsWith(DELETED) ? execPath.slice(0, -DELETED.length) : execPath;
  // A damaged receipt is as good as none here: the message below says what to do.
  const found = await findReceipt(host, original).catch(() => undefined);
  if (found && await isExecutableFile(found.receipt.binary)) return found.receipt.binary;
  throw new ActionableError(
    `This openclaw (${original}) was replaced or removed while it was running (an upgrade?), ` +
      `so a service cannot be pointed at it, and no install receipt says where openclaw is ` +
      `installed now${
        found ? ` (${found.path} names ${found.receipt.binary}, which is gone)` : ""
      }.` +
      `\nOpen a new shell and run: openclaw daemon install` +
      `\n(or reinstall first: curl -fsSL https://openclaw.ai/install.sh | sh)`,
  );
}
