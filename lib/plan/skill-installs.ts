/**
 * Runs the skill installs the skills step planned, once the apply phase wrote
 * the config: progress through the prompter's (a spinner on a terminal, lines
 * otherwise), one result per skill, and the log file. A
 * failed install is reported, never fatal: onboarding itself is done.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { Progress } from "../wizard/prompter.ts";
import { type InstallItem, type InstallRun, runInstalls } from "../skills/install.ts";
import { describeRecipe } from "../skills/recipes.ts";

export async function runPlannedSkillInstalls(
  host: Host,
  paths: StatePaths,
  progressOf: (label: string) => Progress,
  items: InstallItem[],
): Promise<InstallRun> {
  const progress = progressOf(`Installing what ${items.length} skill(s) need`);
  let failed = 0;
  const run = await runInstalls(host, paths, items, {
    start: (item, i, total) =>
      progress.update(
        `Installing for ${item.skill} (${i + 1}/${total}): ${
          describeRecipe(item.recipe, item.nodeManager)
        }`,
      ),
    done: (r) => {
      if (!r.ok) failed++;
    },
  });
  progress.stop(
    failed === 0
      ? `Skill installs done (${items.length})`
      : `Skill installs: ${items.length - failed} of ${items.length} succeeded`,
  );
  return run;
}
