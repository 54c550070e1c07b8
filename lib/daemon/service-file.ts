/**
 * Compare the service file on disk with what openclaw would write, and write
 * it. A file openclaw wrote and nobody touched is replaced silently when the
 * settings change; a hand-edited one is only replaced after the user agreed
 * (or --force), and then kept next to it as `<file>.bak`.
 */
import { dirname, tildify } from "../config/paths.ts";
import { ensureDir, readTextIfExists, writeFileAtomic } from "../platform/files.ts";
import { ActionableError } from "../errors.ts";
import { fileOrigin } from "./digest.ts";
import { lineDiff } from "./diff.ts";
import type { PreparedFile } from "./types.ts";
import { cli } from "../platform/invocation.ts";

export async function prepareFile(path: string, text: string): Promise<PreparedFile> {
  const current = await readTextIfExists(path);
  if (current === undefined) return { path, text, change: "new" };
  if (current === text) return { path, text, current, change: "same" };
  if (fileOrigin(current) === "ours") return { path, text, current, change: "update" };
  return { path, text, current, change: "edited", diff: lineDiff(current, text) };
}

/** Message shown before asking to replace a hand-edited file. */
export function editedFileMessage(file: PreparedFile, home: string): string {
  return `${tildify(file.path, home)} was changed by hand. Replacing it would change:\n` +
    `${file.diff}\n(- is in the file now, + is what openclaw would write; ` +
    `your version would be kept as ${tildify(file.path, home)}.bak)`;
}

export class EditedFileError extends ActionableError {
  constructor(file: PreparedFile, home: string) {
    super(
      `${editedFileMessage(file, home)}\n` +
        `Nothing was changed. To replace it, run \`${cli("daemon install --force")}\`; ` +
        `to keep your version, leave it and use \`${cli("daemon restart")}\`.`,
    );
  }
}

/**
 * Write the file if it needs writing. Returns whether it did, the backup path
 * of a replaced hand-edited file, and the step to report (as systemd and
 * launchd installs both word it).
 */
export async function writePrepared(
  file: PreparedFile,
  replaceEdited: boolean,
  home: string,
): Promise<{ written: boolean; backup?: string; step: string }> {
  const shown = tildify(file.path, home);
  if (file.change === "same") return { written: false, step: `${shown} is up to date` };
  let backup: string | undefined;
  if (file.change === "edited") {
    if (!replaceEdited) throw new EditedFileError(file, home);
    backup = `${file.path}.bak`;
    await writeFileAtomic(backup, file.current ?? "", { mode: 0o644 });
  }
  // Service managers read these files as the user; 0644 in 0755 folders is their norm.
  await ensureDir(dirname(file.path), 0o755);
  await writeFileAtomic(file.path, file.text, { mode: 0o644 });
  const step = `${file.change === "new" ? "Wrote" : "Updated"} ${shown}` +
    (backup ? ` (your edited version: ${tildify(backup, home)})` : "");
  return { written: true, backup, step };
}

/** Remove the service file; a hand-edited one is kept as `<file>.bak`. Returns what was done. */
export async function removeServiceFile(path: string, home: string): Promise<string> {
  const current = await readTextIfExists(path);
  if (current !== undefined && fileOrigin(current) !== "ours") {
    await Deno.rename(path, `${path}.bak`);
    return `Removed ${tildify(path, home)} (it had been edited by hand: kept as ${
      tildify(`${path}.bak`, home)
    })`;
  }
  await Deno.remove(path);
  return `Removed ${tildify(path, home)}`;
}
