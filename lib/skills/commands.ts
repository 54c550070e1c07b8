/**
 * The actions behind `openclaw skills …` (lib/cli/skills.ts only parses).
 * Each returns its exit code; output goes through the host.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { tildify } from "../config/paths.ts";
import { ActionableError, UsageError } from "../errors.ts";
import { binsToVerify, installable, type SkillStatus } from "./check.ts";
import { type InstallItem, runInstalls } from "./install.ts";
import type { NodeManager } from "./node-manager.ts";
import { describeRecipe, recipeFitsOs } from "./recipes.ts";
import {
  checkJson,
  infoJson,
  listJson,
  missingLabel,
  renderCheck,
  renderInfo,
  renderList,
  renderResult,
} from "./render.ts";
import { skillsReport } from "./status.ts";

export async function runSkillsList(
  host: Host,
  paths: StatePaths,
  opts: { json: boolean; eligible: boolean },
): Promise<number> {
  const report = await skillsReport(host, paths);
  if (opts.eligible) report.statuses = report.statuses.filter((s) => s.state === "ready");
  if (opts.json) {
    host.stdout(JSON.stringify(listJson(report), null, 2) + "\n");
  } else if (report.statuses.length === 0) {
    host.stdout(`No skills${opts.eligible ? " are ready" : " found"}.\n`);
  } else {
    host.stdout(renderList(report.statuses, report.discovery.problems) + "\n");
  }
  return 0;
}

export async function runSkillsCheck(
  host: Host,
  paths: StatePaths,
  opts: { json: boolean },
): Promise<number> {
  const report = await skillsReport(host, paths);
  host.stdout(
    (opts.json ? JSON.stringify(checkJson(report), null, 2) : renderCheck(report)) + "\n",
  );
  return 0;
}

export async function runSkillsInfo(
  host: Host,
  paths: StatePaths,
  opts: { name: string; json: boolean },
): Promise<number> {
  const report = await skillsReport(host, paths);
  const status = findSkill(report.statuses, opts.name);
  host.stdout(
    (opts.json
      ? JSON.stringify(infoJson(status, report.nodeManager), null, 2)
      : renderInfo(status, report.nodeManager)) + "\n",
  );
  return 0;
}

function findSkill(statuses: SkillStatus[], name: string): SkillStatus {
  const status = statuses.find((s) => s.skill.name === name);
  if (!status) {
    throw new UsageError(
      `No skill named "${name}". Skills here: ${
        statuses.map((s) => s.skill.name).join(", ") || "none"
      }.`,
    );
  }
  return status;
}

export interface InstallOptions {
  name: string;
  json: boolean;
  nodeManager?: NodeManager;
  recipe?: string;
}

export async function runSkillsInstall(
  host: Host,
  paths: StatePaths,
  opts: InstallOptions,
): Promise<number> {
  const report = await skillsReport(host, paths, { nodeManager: opts.nodeManager });
  const status = findSkill(report.statuses, opts.name);
  const item = installItem(status, report.nodeManager, opts.recipe, report.probe.os);
  if ("done" in item) {
    if (opts.json) {
      host.stdout(
        JSON.stringify({ ok: item.ok, skill: opts.name, message: item.done }, null, 2) + "\n",
      );
    } else {
      (item.ok ? host.stdout : host.stderr)(`${item.done}\n`);
    }
    return item.ok ? 0 : 1;
  }

  const say = opts.json ? host.stderr : host.stdout;
  const run = await runInstalls(host, paths, [item], {
    start: (i) => say(`Installing ${i.skill}: ${describeRecipe(i.recipe, i.nodeManager)}…\n`),
  });
  const result = run.results[0];
  const logShown = tildify(run.logPath, host.home);
  if (opts.json) {
    host.stdout(JSON.stringify({ ok: result.ok, result, logPath: run.logPath }, null, 2) + "\n");
  } else {
    say(`${renderResult(result)}\nLog: ${logShown}\n`);
    const rest = status.missing.filter((m) => m.kind === "env" || m.kind === "config");
    if (result.ok && rest.length) {
      say(
        `Still to do for ${status.skill.name}:\n${
          rest.map((m) => `  - ${missingLabel(m)}: ${m.hint}`).join("\n")
        }\n`,
      );
    }
  }
  return result.ok ? 0 : 1;
}

/** The install to run for a skill, or why there is none (`ok` says whether that is fine). */
function installItem(
  status: SkillStatus,
  nodeManager: NodeManager,
  recipeId: string | undefined,
  os: Parameters<typeof recipeFitsOs>[2],
): InstallItem | { done: string; ok: boolean } {
  const name = status.skill.name;
  if (status.state === "unsupported") {
    return { done: `${name} is not for this OS (${status.missing[0]?.hint}).`, ok: false };
  }
  let recipe = status.recipe;
  if (recipeId !== undefined) {
    recipe = status.skill.install.find((r) => r.id === recipeId);
    if (!recipe) {
      throw new UsageError(
        `--recipe: ${name} has no recipe "${recipeId}". Its recipes: ${
          status.skill.install.map((r) => r.id).join(", ") || "none"
        }.`,
        ["--recipe"],
      );
    }
    if (!recipeFitsOs(recipe, status.skill, os)) {
      throw new ActionableError(`The ${recipeId} recipe of ${name} is not for this OS.`);
    }
  }
  const programsMissing = status.missing.some((m) => m.kind === "bin" || m.kind === "anyBins");
  if (!programsMissing && recipeId === undefined) {
    if (status.state === "ready") {
      return { done: `${name} is ready; nothing to install.`, ok: true };
    }
    return {
      done: `${name} needs nothing that can be installed; it still needs:\n` +
        status.missing.map((m) => `  - ${missingLabel(m)}: ${m.hint}`).join("\n"),
      ok: false,
    };
  }
  if (!recipe || (recipeId === undefined && !installable(status))) {
    return {
      done: `${name} has no install recipe for this machine. Install ${
        status.missing.filter((m) => m.kind === "bin").map((m) => missingLabel(m)).join(", ") ||
        "what it needs"
      } with your system's package manager.`,
      ok: false,
    };
  }
  return { skill: name, recipe, nodeManager, bins: binsToVerify(status, recipe) };
}
