/**
 * The `download` install recipe: fetch over HTTPS with curl, check the
 * SHA-256 the recipe pins before anything is unpacked, unpack into a staging
 * folder, then swap it in as ~/.openclaw/tools/<skill>/. A failure at any
 * point leaves the previous tools folder as it was and no staging behind.
 */
import { ensureDir } from "../platform/files.ts";
import type { CommandResult } from "../host.ts";
import type { Host } from "../host.ts";
import type { DownloadRecipe } from "./model.ts";
import { installerHelp } from "./recipes.ts";

export interface DownloadJob {
  recipe: DownloadRecipe;
  /** Where the unpacked files end up. */
  targetDir: string;
  /** A folder on the same file system for the temporary files. */
  workDir: string;
  run: (cmd: string, args: string[]) => Promise<CommandResult>;
  log: (text: string) => Promise<void>;
}

export type DownloadOutcome = { ok: true } | { ok: false; error: string; hint: string };

export async function runDownload(host: Host, job: DownloadJob): Promise<DownloadOutcome> {
  const { recipe } = job;
  const unpacker = recipe.archive === "zip" ? "unzip" : recipe.archive ? "tar" : undefined;
  if (unpacker && !(await host.which(unpacker))) {
    return { ok: false, error: `${unpacker} not found`, hint: installerHelp(unpacker) };
  }
  await ensureDir(job.workDir, 0o755);
  const tmp = await Deno.makeTempDir({ dir: job.workDir, prefix: ".download-" });
  try {
    const name = fileNameOf(recipe.url);
    const file = `${tmp}/${name}`;
    const got = await job.run("curl", [
      "--fail",
      "--silent",
      "--show-error",
      "--location",
      "--proto",
      "=https",
      "--tlsv1.2",
      "--retry",
      "3",
      "--output",
      file,
      recipe.url,
    ]);
    if (got.code !== 0) {
      return {
        ok: false,
        error: `download failed (curl exit ${got.code}): ${got.stderr.trim() || recipe.url}`,
        hint: "check the network and that the URL still exists, then try again",
      };
    }
    const actual = await sha256File(file);
    if (actual !== recipe.sha256.toLowerCase()) {
      await job.log(`sha256 mismatch: expected ${recipe.sha256}, got ${actual}\n`);
      return {
        ok: false,
        error:
          `checksum mismatch for ${name}: expected ${recipe.sha256.toLowerCase()}, got ${actual}`,
        hint: "nothing was unpacked; the file changed upstream or was tampered with: " +
          "tell the skill's author",
      };
    }
    await job.log(`sha256 ok (${actual})\n`);

    const staging = `${tmp}/unpacked`;
    await Deno.mkdir(staging);
    if (unpacker) {
      const args = recipe.archive === "zip"
        ? ["-q", "-o", file, "-d", staging]
        : [recipe.archive === "tar.bz2" ? "-xjf" : "-xzf", file, "-C", staging];
      const r = await job.run(unpacker, args);
      if (r.code !== 0) {
        return {
          ok: false,
          error: `could not unpack ${name} (${unpacker} exit ${r.code})`,
          hint: "the archive may be damaged or of another type than the recipe says",
        };
      }
    } else {
      const target = `${staging}/${recipe.bins?.[0] ?? name}`;
      await Deno.rename(file, target);
      await Deno.chmod(target, 0o755);
    }
    await swapIn(staging, job.targetDir);
    return { ok: true };
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

/** Replace `target` with `staging`; the old folder is removed only once the new one is in place. */
async function swapIn(staging: string, target: string): Promise<void> {
  const old = `${target}.old-${crypto.randomUUID().slice(0, 8)}`;
  let hadOld = false;
  try {
    await Deno.rename(target, old);
    hadOld = true;
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  try {
    await Deno.rename(staging, target);
  } catch (err) {
    if (hadOld) await Deno.rename(old, target);
    throw err;
  }
  if (hadOld) await Deno.remove(old, { recursive: true });
}

export async function sha256File(path: string): Promise<string> {
  const bytes = await Deno.readFile(path);
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function fileNameOf(url: string): string {
  const last = new URL(url).pathname.split("/").filter(Boolean).pop() ?? "download";
  return /^[\w.+-]+$/.test(last) ? last : "download";
}
