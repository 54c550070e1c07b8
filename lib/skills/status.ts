/**
 * Everything `skills list|check|install` and the onboarding step start from:
 * the config, the workspace it names, the skills found, and each one's
 * status on this machine.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { readConfigOrStop } from "../config/read-valid.ts";
import { resolveWorkspacePath } from "../config/workspace-path.ts";
import { checkAll, hostProbe, type Probe, type SkillStatus } from "./check.ts";
import { discoverSkills, type Discovery, skillRoots } from "./discover.ts";
import { configuredNodeManager, type NodeManager } from "./node-manager.ts";

export interface SkillsReport {
  discovery: Discovery;
  statuses: SkillStatus[];
  probe: Probe;
  nodeManager: NodeManager;
  workspace: string;
}

export interface ReportOptions {
  /** The workspace to look in (default: the config's, else ~/.openclaw/workspace). */
  workspace?: string;
  /** The config to check config keys against (default: read openclaw.json). */
  config?: unknown;
  nodeManager?: NodeManager;
}

export async function skillsReport(
  host: Host,
  paths: StatePaths,
  opts: ReportOptions = {},
): Promise<SkillsReport> {
  const config = opts.config ?? (await readConfigOrStop(host, paths)).config;
  const configured = (config as { agents?: { defaults?: { workspace?: unknown } } }).agents
    ?.defaults?.workspace;
  const workspace = opts.workspace ??
    (typeof configured === "string" && configured
      ? resolveWorkspacePath(configured, host.home)
      : undefined) ??
    paths.defaultWorkspace;
  const nodeManager = opts.nodeManager ?? configuredNodeManager(config);
  const discovery = await discoverSkills(skillRoots(paths, workspace), host.home);
  const probe = await hostProbe(host, paths, config, nodeManager);
  const statuses = await checkAll(discovery.skills, probe);
  return { discovery, statuses, probe, nodeManager, workspace };
}
