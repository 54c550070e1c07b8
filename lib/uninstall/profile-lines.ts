/**
 * Taking install.sh's PATH line back out of a shell profile: only lines
 * exactly equal to the one the receipt names are removed; everything else in
 * the file stays byte for byte. A profile the installer created and that is
 * empty afterwards is removed too.
 */
import { explainFsError, readTextIfExists, writeFileAtomic } from "../platform/files.ts";

export type LineRemoval = "removed" | "absent" | "file-removed";

export async function removeProfileLine(
  file: string,
  line: string,
  createdByInstaller = false,
): Promise<LineRemoval> {
  const text = await readTextIfExists(file);
  if (text === undefined) return "absent";
  const rest = withoutLine(text, line);
  if (rest === text) return "absent";
  // Write through a link to the file it points at, keeping the file's mode.
  const real = await Deno.realPath(file);
  if (createdByInstaller && rest.trim() === "") {
    try {
      await Deno.remove(real);
    } catch (err) {
      throw explainFsError(err, real, "remove");
    }
    return "file-removed";
  }
  const mode = ((await Deno.stat(real)).mode ?? 0o644) & 0o777;
  await writeFileAtomic(real, rest, { mode });
  return "removed";
}

/** The text without lines equal to `line` (line endings of the others kept). */
export function withoutLine(text: string, line: string): string {
  const parts = text.split("\n");
  const kept = parts.filter((p) => p !== line && p !== `${line}\r`);
  return kept.join("\n");
}
