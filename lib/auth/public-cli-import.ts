/**
 * Moving credentials from the public OpenClaw CLI: its shared store (one
 * SQLite row, public-cli-store.ts) serves every agent, while this program
 * reads each agent's own agents/<id>/agent/auth-profiles.json. So an import
 * copies the store's profiles into the auth-profiles.json of every agent the
 * config declares, adding only the ids a file lacks (a profile saved here
 * wins). `doctor` offers it as a fix; onboarding asks once (--import-credentials).
 */
import type { Host } from "../host.ts";
import { type StatePaths, tildify } from "../config/paths.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { listAgents } from "../agents/registry.ts";
import { readTextIfExists } from "../platform/files.ts";
import { type AuthProfile, parseAuthProfiles } from "./profiles.ts";
import { publicCliDatabasePath, readPublicProfiles } from "./public-cli-store.ts";

/** What one agent's auth-profiles.json gets. */
export interface AgentImport {
  agentId: string;
  storePath: string;
  /** The profiles its file lacks, by id. */
  profiles: Record<string, AuthProfile>;
}

export interface PublicImportPlan {
  dbPath: string;
  /** Every usable profile id of the public store. */
  found: string[];
  /** Profiles that cannot be imported, and why. */
  skipped: { id: string; why: string }[];
  /** The agents whose files lack some of them; empty when all is there already. */
  targets: AgentImport[];
}

/**
 * What importing the public CLI's store would add, or undefined when there
 * is no such store (or it holds no profiles). A malformed auth-profiles.json
 * stops it (parseAuthProfiles says how to fix it).
 */
export async function planPublicImport(
  host: Host,
  paths: StatePaths,
  config: OpenclawConfig,
): Promise<PublicImportPlan | undefined> {
  const dbPath = publicCliDatabasePath(paths);
  const store = await readPublicProfiles(dbPath);
  if (!store) return undefined;
  const found = Object.keys(store.usable);
  if (found.length === 0 && store.skipped.length === 0) return undefined;
  const targets: AgentImport[] = [];
  for (const agent of listAgents(config, paths, host)) {
    const storePath = `${agent.agentDir}/auth-profiles.json`;
    const saved = parseAuthProfiles(await readTextIfExists(storePath), storePath).profiles;
    const missing = Object.entries(store.usable).filter(([id]) => !Object.hasOwn(saved, id));
    if (missing.length > 0) {
      targets.push({ agentId: agent.id, storePath, profiles: Object.fromEntries(missing) });
    }
  }
  return { dbPath, found, skipped: store.skipped, targets };
}

/** "anthropic:default, openai:default → agent main (~/…/auth-profiles.json)": no secrets. */
export function describeTargets(plan: PublicImportPlan, home: string): string {
  return plan.targets.map((t) =>
    `${Object.keys(t.profiles).join(", ")} → agent ${t.agentId} (${tildify(t.storePath, home)})`
  ).join("; ");
}

/** The profiles left out, for a note: "id: why; id: why". */
export function describeSkipped(plan: PublicImportPlan): string {
  return plan.skipped.map((s) => `${s.id}: ${s.why}`).join("; ");
}

/** The secrets an import carries, so a shown plan elides them. */
export function publicImportSecrets(plan: PublicImportPlan): string[] {
  return plan.targets.flatMap((t) =>
    Object.values(t.profiles).flatMap((p) =>
      [p.key, p.token, p.access, p.refresh].filter((v): v is string =>
        typeof v === "string" && v !== ""
      )
    )
  );
}
