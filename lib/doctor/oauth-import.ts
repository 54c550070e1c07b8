/**
 * doctor's side of the headless tip: a credentials/oauth.json copied from a
 * machine with a browser, whose sign-ins the agent's auth profiles lack.
 * Reported as a fixable warning; --fix imports it (lib/auth/oauth-import.ts),
 * every other profile kept. Tokens never appear in the report.
 */
import type { Host } from "../host.ts";
import { authProfilesPath, DEFAULT_AGENT_ID, type StatePaths, tildify } from "../config/paths.ts";
import { parseAuthProfiles, writeAuthProfilesFile } from "../auth/profiles.ts";
import { describeImports, oauthImports, withOAuthImports } from "../auth/oauth-import.ts";
import { readTextIfExists } from "../platform/files.ts";
import { ActionableError } from "../errors.ts";
import { cli } from "../platform/invocation.ts";

export const OAUTH_NOT_IMPORTED = "oauth-not-imported";

interface Found {
  oauthPath: string;
  storePath: string;
  storeText: string | undefined;
  imports: ReturnType<typeof oauthImports>;
}

async function find(paths: StatePaths): Promise<Found | undefined> {
  const oauthPath = `${paths.credentialsDir}/oauth.json`;
  const oauthText = await readTextIfExists(oauthPath);
  if (oauthText === undefined) return undefined;
  const storePath = authProfilesPath(paths);
  const storeText = await readTextIfExists(storePath);
  // A malformed store is not this check's to judge; onboarding stops on it with the fix.
  let store;
  try {
    store = parseAuthProfiles(storeText, storePath);
  } catch {
    return undefined;
  }
  return { oauthPath, storePath, storeText, imports: oauthImports(oauthText, store) };
}

export async function oauthImportProblems(host: Host, paths: StatePaths) {
  const found = await find(paths);
  if (!found || found.imports.length === 0) return [];
  return [{
    id: OAUTH_NOT_IMPORTED,
    severity: "warning" as const,
    path: found.oauthPath,
    message: `Holds a sign-in that agent ${DEFAULT_AGENT_ID}'s auth profiles lack: ` +
      `${describeImports(found.imports)}; models of that provider have no credentials yet.`,
    fix: `Run ${cli("doctor --fix")} to import it into ` +
      `${tildify(found.storePath, host.home)} (other profiles are kept).`,
    fixable: true,
  }];
}

/** Import under the caller's lock, judged again on the files as they are now. */
export async function fixOAuthImport(host: Host, paths: StatePaths): Promise<string> {
  const found = await find(paths);
  if (!found) {
    throw new ActionableError(
      "credentials/oauth.json or the auth profiles can no longer be read; run " +
        `${cli("doctor")} again.`,
    );
  }
  const where = tildify(found.storePath, host.home);
  if (found.imports.length === 0) return `${where} already has the sign-ins of oauth.json.`;
  await writeAuthProfilesFile(
    found.storePath,
    withOAuthImports(found.storeText, found.storePath, found.imports),
  );
  return `Imported the sign-in in ${tildify(found.oauthPath, host.home)} into ${where}: ` +
    `${describeImports(found.imports)}.`;
}
