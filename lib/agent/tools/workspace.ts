/**
 * Confinement to the workspace: every path a tool touches is resolved with
 * symbolic links followed (realpath), and must end up inside the workspace's
 * own real path. A path that leaves it — "../x", "/etc/passwd", or a link in
 * the workspace that points out — is refused with a reason the model can read.
 */
import { normalize } from "../../config/paths.ts";
import { ToolInputError } from "./types.ts";

export class OutsideWorkspaceError extends ToolInputError {}

export interface ResolvedPath {
  /** The real absolute path to act on. */
  real: string;
  /** The path as the model should see it, relative to the workspace. */
  shown: string;
  exists: boolean;
}

/** The workspace's real path (it may itself be reached through a link). */
export async function workspaceRoot(workspace: string): Promise<string> {
  return await Deno.realPath(workspace);
}

export async function resolveInWorkspace(root: string, given: string): Promise<ResolvedPath> {
  const rel = given.trim();
  if (rel === "") throw new ToolInputError("Give a path relative to the workspace.");
  if (rel.includes("\0")) throw new ToolInputError("A path has no NUL characters.");
  const lexical = normalize(rel.startsWith("/") ? rel : `${root}/${rel}`);
  if (!inside(root, lexical)) throw outside(given);
  // Follow links: the target must be inside as well. A missing tail is resolved
  // through its nearest existing parent, so a new file under a link to /tmp is refused too.
  let existing = lexical;
  const missing: string[] = [];
  for (;;) {
    try {
      const real = await Deno.realPath(existing);
      const full = missing.length ? `${real}/${missing.reverse().join("/")}` : real;
      if (!inside(root, full)) throw outside(given, true);
      return { real: full, shown: shownPath(root, full), exists: missing.length === 0 };
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
      // A dangling link here would be created through; refuse it rather than guess its target.
      if (await isSymlink(existing)) throw outside(given, true);
      const i = existing.lastIndexOf("/");
      missing.push(existing.slice(i + 1));
      existing = existing.slice(0, i) || "/";
    }
  }
}

export function shownPath(root: string, real: string): string {
  return real === root ? "." : real.slice(root.length + 1);
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith("/") ? root : `${root}/`);
}

function outside(given: string, viaLink = false): OutsideWorkspaceError {
  return new OutsideWorkspaceError(
    `Refused: "${given}" is outside the workspace${viaLink ? " (through a symbolic link)" : ""}. ` +
      "The file tools only reach files inside the workspace folder; use a path relative to it.",
  );
}

async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await Deno.lstat(path)).isSymlink;
  } catch {
    return false;
  }
}
