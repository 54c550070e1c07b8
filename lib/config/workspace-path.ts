/**
 * Where an agent's workspace may live. The agent reads and writes there, so
 * it must not be a system folder, and must not hold openclaw's own state
 * (credentials, keys, the config). One rule, used by the wizard's prompt,
 * the --workspace flags, the gateway's wizard RPC and the config loader.
 *
 * `~` and relative paths are resolved against the user's home, never the
 * working folder: the gateway (which answers the RPC wizard) runs wherever
 * its service manager started it.
 */
import { normalize, type StatePaths, tildify } from "./paths.ts";

/** What the rule needs to know about this user. */
export interface WorkspaceContext {
  home: string;
  stateDir: string;
}

export function workspaceContext(home: string, paths: StatePaths): WorkspaceContext {
  return { home, stateDir: paths.stateDir };
}

/**
 * Folders of the operating system: a workspace in or under one is refused
 * (unless it is inside the home folder, e.g. a service user's /var/lib/x).
 */
const SYSTEM_TREES = [
  "/proc",
  "/sys",
  "/dev",
  "/etc",
  "/usr",
  "/bin",
  "/sbin",
  "/lib",
  "/lib32",
  "/lib64",
  "/libx32",
  "/boot",
  "/var",
  "/run",
  "/snap",
  "/System",
  "/Library",
  "/private",
  "/Applications",
  "/Volumes",
  "/cores",
];

/** Shared parents: the folder itself is refused, a folder inside it is fine. */
const SHARED_PARENTS = ["/home", "/Users", "/opt", "/srv", "/mnt", "/media", "/tmp", "/root"];

/** `~`, `~/x` and `x` (relative) under `home`; `..` and `//` collapsed. */
export function resolveWorkspacePath(raw: string, home: string): string {
  const p = raw.trim();
  if (p === "~") return normalize(home);
  if (p.startsWith("~/")) return normalize(`${home}/${p.slice(2)}`);
  return normalize(p.startsWith("/") ? p : `${home}/${p}`);
}

/**
 * The workspace a config names (agents.defaults.workspace), else the default.
 * `data` is the file as parsed, valid or not: reset and uninstall still find it.
 */
export function configuredWorkspace(
  data: unknown,
  home: string,
  paths: Pick<StatePaths, "defaultWorkspace">,
): string {
  const ws = (data as { agents?: { defaults?: { workspace?: unknown } } })?.agents?.defaults
    ?.workspace;
  return typeof ws === "string" && ws.trim()
    ? resolveWorkspacePath(ws, home)
    : paths.defaultWorkspace;
}

/** Why `raw` cannot be a workspace (a sentence that says what to do), or undefined. */
export function workspaceProblem(raw: string, ctx: WorkspaceContext): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === "") {
    return "Enter a folder for the agent's workspace, e.g. ~/.openclaw/workspace.";
  }
  if (/[\0\r\n]/.test(trimmed)) return "A folder path cannot contain a NUL or a line break.";
  if (trimmed.startsWith("~") && trimmed !== "~" && !trimmed.startsWith("~/")) {
    return `${trimmed}: ~user paths are not supported; write the full path or ~/folder.`;
  }
  return pathProblem(resolveWorkspacePath(trimmed, ctx.home), ctx);
}

/** The same rule for a resolved, absolute path (also a symlink's real target). */
export function pathProblem(path: string, ctx: WorkspaceContext): string | undefined {
  const home = normalize(ctx.home);
  const stateDir = normalize(ctx.stateDir);
  // Shown with ~ for the home folder: shorter, and no user name in messages.
  const [p, st] = [tildify(path, home), tildify(stateDir, home)];
  if (path === "/" || path === home) {
    return "Pick a dedicated folder for the workspace, not / or your home folder itself " +
      "(e.g. ~/.openclaw/workspace).";
  }
  const inHome = isInside(path, home);
  const system = SYSTEM_TREES.find((t) => path === t || isInside(path, t));
  if (system && !inHome) {
    return `${p} is a system folder (under ${system}): the agent would read and write ` +
      "there. Pick a folder in your home, e.g. ~/.openclaw/workspace.";
  }
  if (SHARED_PARENTS.includes(path)) {
    return `${p} is shared by other users or programs: pick a folder inside it, or one ` +
      "in your home, e.g. ~/.openclaw/workspace.";
  }
  if ((path === stateDir || isInside(path, stateDir)) && !isStateWorkspace(path, stateDir)) {
    return `${p} is in openclaw's state folder (${st}), next to its keys and ` +
      `credentials. Use ${st}/workspace, or a folder outside ${st}.`;
  }
  if (isInside(stateDir, path)) {
    return `${p} holds openclaw's state folder (${st}), its keys and credentials: ` +
      "the agent could read them. Pick a folder that does not contain it.";
  }
  return undefined;
}

/**
 * The workspaces openclaw itself puts in the state dir: workspace/,
 * workspace-<agent id>/ and agents/<agent id>/workspace/ (and what is in them).
 * Any name after `workspace-` is fine: none of them holds secrets.
 */
function isStateWorkspace(path: string, stateDir: string): boolean {
  const rest = path.slice(stateDir.length + 1).split("/");
  if (rest[0] === "workspace" || rest[0].startsWith("workspace-")) return true;
  return rest[0] === "agents" && rest.length >= 3 && rest[1] !== "" && rest[2] === "workspace";
}

function isInside(path: string, dir: string): boolean {
  return dir === "/" ? path !== "/" : path.startsWith(dir + "/");
}
