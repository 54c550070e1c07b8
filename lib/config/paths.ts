/**
 * Where openclaw keeps its state. One function resolves every path from the
 * host (HOME, env) and the global --profile flag, so no other module reads
 * HOME or OPENCLAW_* variables.
 */
import type { Host } from "../host.ts";

export const DEFAULT_AGENT_ID = "main";

export interface StatePaths {
  /** The profile name, or undefined for the default state dir. */
  profile?: string;
  stateDir: string;
  configPath: string;
  /** The previous config, kept on every write. */
  backupPath: string;
  /** Held while a command changes state, so two runs cannot interleave. */
  lockPath: string;
  /** KEY=value secrets for the daemon (systemd EnvironmentFile, launchd). */
  envFile: string;
  credentialsDir: string;
  agentsDir: string;
  defaultWorkspace: string;
  logsDir: string;
}

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The same check serves the flag parser and tests. */
export function validateProfileName(name: string): string | undefined {
  return PROFILE_NAME.test(name)
    ? undefined
    : "A profile name is letters, digits, '-' and '_' (at most 64), starting with a letter or digit.";
}

export function resolvePaths(host: Host, profile?: string): StatePaths {
  const envStateDir = host.env("OPENCLAW_STATE_DIR");
  const stateDir = profile
    ? `${host.home}/.openclaw-${profile}`
    : envStateDir
    ? absolute(envStateDir, host)
    : `${host.home}/.openclaw`;
  const envConfig = host.env("OPENCLAW_CONFIG_PATH");
  const configPath = envConfig && !profile
    ? absolute(envConfig, host)
    : `${stateDir}/openclaw.json`;
  return {
    profile,
    stateDir,
    configPath,
    backupPath: `${configPath}.bak`,
    lockPath: `${configPath}.lock`,
    envFile: `${stateDir}/.env`,
    credentialsDir: `${stateDir}/credentials`,
    agentsDir: `${stateDir}/agents`,
    defaultWorkspace: `${stateDir}/workspace`,
    logsDir: `${stateDir}/logs`,
  };
}

export function agentDir(paths: StatePaths, agentId = DEFAULT_AGENT_ID): string {
  return `${paths.agentsDir}/${agentId}/agent`;
}

export function authProfilesPath(paths: StatePaths, agentId = DEFAULT_AGENT_ID): string {
  return `${agentDir(paths, agentId)}/auth-profiles.json`;
}

export function sessionsDir(paths: StatePaths, agentId = DEFAULT_AGENT_ID): string {
  return `${paths.agentsDir}/${agentId}/sessions`;
}

/**
 * A path made absolute against the current directory, normalized. With a host, the path is one
 * a user typed: trimmed, and `~` is their home folder.
 */
export function absolute(path: string, host?: Pick<Host, "home">): string {
  let p = path;
  if (host) {
    p = p.trim();
    if (p === "~") p = host.home;
    else if (p.startsWith("~/")) p = `${host.home}/${p.slice(2)}`;
  }
  return normalize(p.startsWith("/") ? p : `${Deno.cwd()}/${p}`);
}

/** Collapse `.`/`..` and duplicate slashes in an absolute POSIX path. */
export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return "/" + out.join("/");
}

/** Show a path with the home folder as `~` (shorter, and no user name in logs). */
export function tildify(path: string, home: string): string {
  return path === home ? "~" : path.startsWith(home + "/") ? "~" + path.slice(home.length) : path;
}

export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
