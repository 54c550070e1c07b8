/**
 * `deno task link`: put `openclaw` on PATH for this source checkout.
 *
 * Writes a tiny launcher (sh exec'ing a stable Deno on this checkout's
 * main.ts; never the Deno in npx's cache, which npm cleans at will: see
 * lib/daemon/command.ts) and hands it to install.sh --launcher, which installs
 * it as ~/.openclaw/bin/openclaw with the same env script, profile lines and
 * receipt as a release install — so PATH handling lives in one place and
 * `openclaw uninstall` removes it like a release.
 *
 *   deno task link [--yes] [--dry-run] [--no-modify-path] [--install-dir <dir>]
 */
import { fileURLToPath } from "node:url";
import { realHost } from "../lib/host.ts";
import { ensureRuntime, stableRuntime } from "../lib/daemon/command.ts";
import { shellQuote } from "../lib/platform/invocation.ts";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const INSTALL_SH = fileURLToPath(new URL("../install.sh", import.meta.url));

/** The launcher's text; lib/platform/invocation.ts recognises it by the quoted main.ts. */
export function launcherScript(deno: string, main: string): string {
  return [
    "#!/bin/sh",
    `# openclaw from the source checkout ${main.replace(/\/main\.ts$/, "")}.`,
    "# Written by `deno task link`; `openclaw uninstall` removes it.",
    `exec ${shellQuote(deno)} run -q -A ${shellQuote(main)} "$@"`,
    "",
  ].join("\n");
}

async function main(args: string[]): Promise<number> {
  const host = realHost();
  const dryRun = args.includes("--dry-run");
  const rt = await stableRuntime(host);
  // The launcher must outlive npx's cache: copy the running Deno first (not for a dry run).
  const copied = dryRun ? undefined : await ensureRuntime(host, rt);
  if (copied) console.error(copied);
  const dir = await Deno.makeTempDir({ prefix: "openclaw-link." });
  try {
    const launcher = `${dir}/openclaw`;
    await Deno.writeTextFile(launcher, launcherScript(rt.execPath, MAIN), { mode: 0o755 });
    const { code } = await new Deno.Command("sh", {
      args: [INSTALL_SH, "--launcher", launcher, "--no-onboard", ...args],
      stdin: "inherit",
      stdout: "inherit",
      stderr: "inherit",
    }).output();
    return code;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
