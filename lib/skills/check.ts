/**
 * Is a skill ready on this machine? Checks its OS, the programs it needs on
 * PATH, its environment variables and config keys, and for each missing
 * thing says how to get it (the install recipe when one provides it).
 *
 * The probe is an interface so tests control PATH, env and config exactly;
 * `hostProbe` builds the real one from the host, the config and the
 * gateway's env file (~/.openclaw/.env, which the service runs with).
 */
import { parseEnvFile } from "../platform/env-file.ts";
import type { Host } from "../host.ts";
import { getAt } from "../config/store.ts";
import { tildify } from "../config/paths.ts";
import type { StatePaths } from "../config/paths.ts";
import { isExecutableFile, readTextIfExists } from "../platform/files.ts";
import { type Recipe, type Skill, type SkillOs, skillOsOf } from "./model.ts";
import type { NodeManager } from "./node-manager.ts";
import { chooseRecipe, describeRecipe, installerOf } from "./recipes.ts";
import { cli } from "../platform/invocation.ts";

export interface Probe {
  os: SkillOs | undefined;
  /** Whether `program` is on PATH (or in the skill's downloaded tools folder). */
  hasBin(program: string, skill?: Skill): Promise<boolean>;
  /** The variable's value from the environment or the gateway env file. */
  env(name: string): string | undefined;
  /** The parsed openclaw.json (or {}). */
  config: unknown;
  nodeManager: NodeManager;
  /** Shown in hints, e.g. ~/.openclaw/.env. */
  envFileShown: string;
  configShown: string;
}

export type Missing =
  | { kind: "os"; need: SkillOs[]; hint: string }
  | { kind: "bin"; name: string; hint: string }
  | { kind: "anyBins"; names: string[]; hint: string }
  | { kind: "env"; name: string; hint: string }
  | { kind: "config"; key: string; hint: string };

export type SkillState = "ready" | "missing" | "unsupported";

export interface SkillStatus {
  skill: Skill;
  state: SkillState;
  missing: Missing[];
  /** The recipe that would install the missing programs here, if any. */
  recipe?: Recipe;
  /** The program that recipe runs (brew, npm, …) and whether it is on PATH. */
  installer?: { name: string; present: boolean };
}

export async function checkSkill(skill: Skill, probe: Probe): Promise<SkillStatus> {
  if (skill.os && (!probe.os || !skill.os.includes(probe.os))) {
    return {
      skill,
      state: "unsupported",
      missing: [{
        kind: "os",
        need: skill.os,
        hint: `only for ${skill.os.join(", ")} (this machine: ${probe.os ?? "other"})`,
      }],
    };
  }
  const req = skill.requires;
  const missingBins: string[] = [];
  for (const b of req.bins ?? []) if (!(await probe.hasBin(b, skill))) missingBins.push(b);
  let anyMissing: string[] | undefined;
  if (req.anyBins?.length) {
    let found = false;
    for (const b of req.anyBins) if (await probe.hasBin(b, skill)) found = true;
    if (!found) anyMissing = req.anyBins;
  }

  const installers = new Map<string, boolean>();
  for (const r of skill.install) {
    const name = installerOf(r, probe.nodeManager);
    if (!installers.has(name)) installers.set(name, await probe.hasBin(name));
  }
  const recipe = missingBins.length || anyMissing
    ? chooseRecipe(skill, probe.os, probe.nodeManager, (p) => installers.get(p) ?? false)
    : undefined;
  const binHint = (bin: string) => {
    if (recipe && (!recipe.bins || recipe.bins.includes(bin))) {
      return `install it: ${cli(`skills install ${skill.name}`)} (${
        describeRecipe(recipe, probe.nodeManager)
      })`;
    }
    return `install ${bin} with your system's package manager and make sure it is on PATH`;
  };

  const missing: Missing[] = [];
  for (const b of missingBins) missing.push({ kind: "bin", name: b, hint: binHint(b) });
  if (anyMissing) {
    missing.push({
      kind: "anyBins",
      names: anyMissing,
      hint: `one of them is enough; ${binHint(anyMissing[0])}`,
    });
  }
  for (const e of req.env ?? []) {
    if (!probe.env(e)) {
      missing.push({
        kind: "env",
        name: e,
        hint: `set ${e} in your environment, or as ${e}=… in ${probe.envFileShown} ` +
          "for the gateway service",
      });
    }
  }
  for (const key of req.config ?? []) {
    if (!getAt(probe.config, key.split("."))) {
      missing.push({
        kind: "config",
        key,
        hint: `set ${key} in ${probe.configShown} (\`${cli("configure")}\` sets most keys)`,
      });
    }
  }
  const installer = recipe
    ? {
      name: installerOf(recipe, probe.nodeManager),
      present: installers.get(installerOf(recipe, probe.nodeManager)) ?? false,
    }
    : undefined;
  return { skill, state: missing.length ? "missing" : "ready", missing, recipe, installer };
}

export async function checkAll(skills: Skill[], probe: Probe): Promise<SkillStatus[]> {
  const out: SkillStatus[] = [];
  for (const s of skills) out.push(await checkSkill(s, probe));
  return out;
}

/** Whether installing the recipe could help: some missing program is one it provides. */
export function installable(status: SkillStatus): boolean {
  return Boolean(status.recipe) &&
    status.missing.some((m) => m.kind === "bin" || m.kind === "anyBins");
}

/** Where a download recipe unpacks a skill's tools. */
export function toolsDir(paths: StatePaths, skillName: string): string {
  return `${paths.stateDir}/tools/${skillName}`;
}

/** The real probe: PATH through the host, env plus the gateway env file, the config. */
export async function hostProbe(
  host: Host,
  paths: StatePaths,
  config: unknown,
  nodeManager: NodeManager,
): Promise<Probe> {
  const envFile = parseEnvFile((await readTextIfExists(paths.envFile)) ?? "");
  const cache = new Map<string, boolean>();
  return {
    os: skillOsOf(host.platform),
    async hasBin(program, skill) {
      const key = `${skill?.name ?? ""}\u0000${program}`;
      const known = cache.get(key);
      if (known !== undefined) return known;
      const found = await findBin(host, paths, program, skill?.name);
      cache.set(key, found);
      return found;
    },
    env: (name) => host.env(name) || envFile.get(name) || undefined,
    config,
    nodeManager,
    envFileShown: tildify(paths.envFile, host.home),
    configShown: tildify(paths.configPath, host.home),
  };
}

/** Whether `program` is on PATH, or in the tools folder a download recipe filled for the skill. */
export async function findBin(
  host: Host,
  paths: StatePaths,
  program: string,
  skillName?: string,
): Promise<boolean> {
  if ((await host.which(program)) !== undefined) return true;
  if (!skillName) return false;
  const dir = toolsDir(paths, skillName);
  return await isExecutableFile(`${dir}/${program}`) ||
    await isExecutableFile(`${dir}/bin/${program}`);
}

/** The programs to look for after the install: the missing ones the recipe provides. */
export function binsToVerify(status: SkillStatus, recipe: Recipe): string[] {
  return status.missing.flatMap((m) => {
    if (m.kind === "bin") return !recipe.bins || recipe.bins.includes(m.name) ? [m.name] : [];
    if (m.kind === "anyBins") return m.names.filter((n) => recipe.bins?.includes(n));
    return [];
  });
}
