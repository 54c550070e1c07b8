/**
 * The commit to record in wizard.lastRunCommit. A binary carries the one
 * scripts/compile.ts stamped into lib/version.ts; a source checkout asks git
 * (`git rev-parse --short HEAD` in the checkout, through the Host seam). Only
 * called when the config is about to be written: a plain run never spawns git.
 */
import type { Host } from "./host.ts";
import { COMMIT } from "./version.ts";

export async function buildCommit(host: Host): Promise<string> {
  if (COMMIT !== "dev") return COMMIT;
  const root = new URL("../", import.meta.url);
  // Only a checkout on disk has a git to ask (not a module served over https).
  if (root.protocol !== "file:") return COMMIT;
  return (await host.checkoutCommit(decodeURIComponent(root.pathname))) ?? COMMIT;
}
