/** `deno info --json <entry>` run from the repository root: the module graph, parsed. */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

export const ROOT: string = fileURLToPath(new URL("../../", import.meta.url));

export interface GraphDependency {
  specifier: string;
  code?: { specifier: string };
  isDynamic?: boolean;
}

export interface ModuleGraph {
  modules: { specifier: string; dependencies?: GraphDependency[] }[];
  npmPackages: Record<string, unknown>;
}

export async function denoInfo(entry: string): Promise<ModuleGraph> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

/** Deno's cache folder: a child run with a temp HOME gets it as DENO_DIR and needs no download. */
export async function denoDir(): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    env: { NO_COLOR: "1" },
    stdout: "piped",
  }).output();
  return JSON.parse(new TextDecoder().decode(out.stdout)).denoDir;
}
