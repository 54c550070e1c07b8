/**
 * Channels that ship as plugins (Mattermost): before the channel is set up,
 * the plugin is installed — from npm (`npm pack`, unpacked into
 * ~/.openclaw/extensions/<id>/) or from a local folder (used in place) — and
 * recorded in the config (plugins.entries.<id>, plugins.installs.<id>).
 */
import { absolute } from "../config/paths.ts";
import { ActionableError } from "../errors.ts";
import type { Host } from "../host.ts";
import type { ConfigEdit, PlannedTask } from "../plan/types.ts";
import { ensureDir, pathExists } from "../platform/files.ts";

export interface PluginInfo {
  id: string;
  npm: string;
}

export type PluginSource =
  | { kind: "npm"; spec: string }
  | { kind: "path"; path: string };

export function extensionsDir(stateDir: string): string {
  return `${stateDir}/extensions`;
}

const NPM_SPEC = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(@[\w.^~<>=*|-]+)?$/i;

export function isPathSpec(spec: string): boolean {
  return /^(\.{1,2}\/|\/|~\/|~$)/.test(spec.trim());
}

/** The prompt/flag validator: an npm package name, or a folder holding a package.json. */
export function pluginSpecValidator(host: Host): (v: string) => string | undefined {
  return (input) => {
    const spec = input.trim();
    if (spec === "") {
      return "Enter an npm package (e.g. @openclaw/mattermost) or a local folder (./path).";
    }
    if (isPathSpec(spec)) {
      const dir = absolute(spec, host);
      try {
        Deno.statSync(`${dir}/package.json`);
        return undefined;
      } catch {
        return `${dir} is not a plugin folder (it has no package.json).`;
      }
    }
    return NPM_SPEC.test(spec)
      ? undefined
      : "That is neither an npm package name (name or @scope/name, optionally @version) nor a path starting with ./, / or ~/.";
  };
}

export function parsePluginSource(spec: string, host: Host): PluginSource {
  return isPathSpec(spec)
    ? { kind: "path", path: absolute(spec, host) }
    : { kind: "npm", spec: spec.trim() };
}

export function isPluginInstalled(config: Record<string, unknown>, id: string): boolean {
  const installs = (config.plugins as { installs?: Record<string, unknown> } | undefined)?.installs;
  return Boolean(installs && installs[id]);
}

/** The config edits that record the plugin, and the task that installs it (npm only). */
export function planPluginInstall(
  plugin: PluginInfo,
  source: PluginSource,
  stateDir: string,
  now: Date,
): { edits: ConfigEdit[]; tasks: PlannedTask[] } {
  const installPath = source.kind === "path"
    ? source.path
    : `${extensionsDir(stateDir)}/${plugin.id}`;
  const record = source.kind === "path"
    ? { source: "path", sourcePath: source.path, installPath, installedAt: now.toISOString() }
    : { source: "npm", spec: source.spec, installPath, installedAt: now.toISOString() };
  const edits: ConfigEdit[] = [
    { path: ["plugins", "entries", plugin.id, "enabled"], value: true },
    { path: ["plugins", "installs", plugin.id], value: record },
  ];
  if (source.kind === "path") return { edits, tasks: [] };
  return {
    edits,
    tasks: [{
      description: `Install the ${plugin.id} plugin from npm (${source.spec}) into ${installPath}`,
      run: (host) => installFromNpm(host, source.spec, installPath),
    }],
  };
}

/** npm pack into a staging folder, unpack, then rename into place: all or nothing. */
export async function installFromNpm(host: Host, spec: string, installPath: string): Promise<void> {
  const parent = installPath.slice(0, installPath.lastIndexOf("/"));
  await ensureDir(parent, 0o755);
  const staging = await Deno.makeTempDir({ dir: parent, prefix: ".staging-plugin-" });
  try {
    let packed;
    try {
      packed = await host.run("npm", ["pack", spec, "--pack-destination", staging, "--silent"], {
        cwd: staging,
      });
    } catch {
      throw new ActionableError(
        "npm is needed to install the plugin and was not found. Install Node.js (with npm), " +
          "or give a local plugin folder instead.",
      );
    }
    if (packed.code !== 0) {
      throw new ActionableError(
        `npm could not fetch ${spec}: ${
          (packed.stderr || packed.stdout).trim().split("\n").slice(-3).join(" ")
        }\n` +
          "Check the package name and your network, or give a local plugin folder. Nothing was installed.",
      );
    }
    const tgz = (await Array.fromAsync(Deno.readDir(staging))).find((e) => e.name.endsWith(".tgz"));
    if (!tgz) {
      throw new ActionableError(`npm pack ${spec} produced no archive. Nothing was installed.`);
    }
    const tar = await host.run("tar", ["-xzf", `${staging}/${tgz.name}`, "-C", staging]);
    if (tar.code !== 0 || !(await pathExists(`${staging}/package/package.json`))) {
      throw new ActionableError(
        `Could not unpack ${tgz.name}: ${tar.stderr.trim()}. Nothing was installed.`,
      );
    }
    if (await pathExists(installPath)) {
      // An earlier install: move it aside only once the new one is ready.
      await Deno.rename(installPath, `${staging}/previous`);
    }
    await Deno.rename(`${staging}/package`, installPath);
  } finally {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
  }
}
