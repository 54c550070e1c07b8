/**
 * doctor's side of the move from the public OpenClaw CLI: its credential
 * store (state/openclaw.sqlite) holds auth profiles the agents' own
 * auth-profiles.json lack, so their models have no credentials here. Reported
 * as a fixable warning; --fix (or the one "fix now?" on a terminal) imports
 * them (lib/auth/public-cli-import.ts). The database is only read.
 */
import type { Host } from "../host.ts";
import { type StatePaths, tildify } from "../config/paths.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { withMissingProfiles, writeAuthProfilesFile } from "../auth/profiles.ts";
import { publicCliDatabasePath } from "../auth/public-cli-store.ts";
import { describeSkipped, describeTargets, planPublicImport } from "../auth/public-cli-import.ts";
import { readTextIfExists } from "../platform/files.ts";
import { cli } from "../platform/invocation.ts";

export const PUBLIC_CLI_CREDENTIALS = "public-cli-credentials";

export async function publicImportProblems(host: Host, paths: StatePaths, config: OpenclawConfig) {
  let plan;
  try {
    plan = await planPublicImport(host, paths, config);
  } catch (err) {
    // An unreadable database or a malformed auth-profiles.json: say so, change nothing.
    return [{
      id: PUBLIC_CLI_CREDENTIALS,
      severity: "warning" as const,
      path: publicCliDatabasePath(paths),
      message: `The public OpenClaw CLI's credentials could not be checked: ${
        err instanceof Error ? err.message : String(err)
      }`,
      fix: "Fix what the message names, then run doctor again.",
      fixable: false,
    }];
  }
  if (!plan || plan.targets.length === 0) return [];
  const skipped = plan.skipped.length ? ` Not importable: ${describeSkipped(plan)}.` : "";
  return [{
    id: PUBLIC_CLI_CREDENTIALS,
    severity: "warning" as const,
    path: plan.dbPath,
    message: "The public OpenClaw CLI keeps credentials in this database, which this program " +
      `does not read: the agents' own auth-profiles.json lack ${
        describeTargets(plan, host.home)
      }; ` +
      `their models have no credentials here yet.${skipped}`,
    fix: `Run ${cli("doctor --fix")} to import them (files 0600; other profiles kept; ` +
      "the database is only read, never changed).",
    fixable: true,
  }];
}

/** Import under the caller's lock, planned again on the files as they are now. */
export async function fixPublicImport(
  host: Host,
  paths: StatePaths,
  config: OpenclawConfig,
): Promise<string> {
  const plan = await planPublicImport(host, paths, config);
  if (!plan || plan.targets.length === 0) {
    return "The agents' auth-profiles.json already have the public CLI's credentials.";
  }
  for (const t of plan.targets) {
    const text = withMissingProfiles(await readTextIfExists(t.storePath), t.storePath, t.profiles);
    await writeAuthProfilesFile(t.storePath, text);
  }
  return `Imported the public CLI's credentials (${tildify(plan.dbPath, host.home)}, ` +
    `only read): ${describeTargets(plan, host.home)}.`;
}
