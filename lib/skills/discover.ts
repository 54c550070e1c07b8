/**
 * Find every skill: the workspace's `skills/` (highest precedence), the
 * managed folder `~/.openclaw/skills/`, then the skills bundled in the
 * binary. A skill is a folder holding a SKILL.md. When two places have a
 * skill of the same name, the higher one wins and the other is listed as
 * shadowed. A broken SKILL.md is reported (file and line) and skipped; the
 * rest still load.
 */
import { tildify } from "../config/paths.ts";
import type { StatePaths } from "../config/paths.ts";
import { BUNDLED_SKILLS } from "./bundled/index.ts";
import { parseSkillFile } from "./frontmatter.ts";
import type { Skill, SkillProblem, SkillSource } from "./model.ts";

export interface SkillRoots {
  /** `<workspace>/skills` */
  workspace?: string;
  /** `~/.openclaw/skills` */
  managed: string;
}

export interface Discovery {
  /** One per name, sorted by name. */
  skills: Skill[];
  /** Skills hidden by a higher-precedence skill of the same name. */
  shadowed: Skill[];
  problems: SkillProblem[];
  roots: SkillRoots;
}

export function skillRoots(paths: StatePaths, workspace: string | undefined): SkillRoots {
  return {
    workspace: workspace ? `${workspace}/skills` : undefined,
    managed: `${paths.stateDir}/skills`,
  };
}

export async function discoverSkills(roots: SkillRoots, home: string): Promise<Discovery> {
  const problems: SkillProblem[] = [];
  const found: Skill[] = [];
  const collect = (r: { skill?: Skill; problems: SkillProblem[] }) => {
    problems.push(...r.problems);
    if (r.skill) found.push(r.skill);
  };
  if (roots.workspace) {
    for (const r of await readRoot(roots.workspace, "workspace", home)) collect(r);
  }
  for (const r of await readRoot(roots.managed, "managed", home)) collect(r);
  for (const b of BUNDLED_SKILLS) {
    collect(parseSkillFile(b.text, {
      file: `bundled:${b.folder}/SKILL.md`,
      source: "bundled",
      folderName: b.folder,
    }));
  }

  // `found` is in precedence order: the first of each name wins.
  const byName = new Map<string, Skill>();
  const shadowed: Skill[] = [];
  for (const s of found) {
    if (byName.has(s.name)) shadowed.push(s);
    else byName.set(s.name, s);
  }
  const skills = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { skills, shadowed, problems, roots };
}

async function readRoot(
  root: string,
  source: SkillSource,
  home: string,
): Promise<{ skill?: Skill; problems: SkillProblem[] }[]> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(root));
  } catch (err) {
    if (err instanceof Deno.errors.NotFound || err instanceof Deno.errors.NotADirectory) return [];
    return [{ problems: [unreadable(tildify(root, home), err)] }];
  }
  const out: { skill?: Skill; problems: SkillProblem[] }[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const dir = `${root}/${entry.name}`;
    const file = `${dir}/SKILL.md`;
    const shown = tildify(file, home);
    let text: string;
    try {
      if (!(await Deno.stat(dir)).isDirectory) continue; // follows symlinked skill folders
      text = await Deno.readTextFile(file);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) continue; // a folder that is not a skill
      out.push({ problems: [unreadable(shown, err)] });
      continue;
    }
    out.push(parseSkillFile(text, { file: shown, source, folderName: entry.name, dir }));
  }
  return out;
}

function unreadable(file: string, err: unknown): SkillProblem {
  return {
    file,
    line: 1,
    message: `cannot read it: ${err instanceof Error ? err.message : String(err)}`,
    severity: "error",
  };
}
