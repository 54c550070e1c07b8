/**
 * Step: skills. Reads the skills this setup will have (bundled, managed and
 * the planned workspace's), shows each one's status, asks for the Node
 * package manager skill installs use (`skills.install.nodeManager`,
 * `--node-manager`), and lets the user pick which skills' missing programs
 * to install (`--skills-install`). The installs are only planned here; they
 * run right after the apply phase (lib/plan/skill-installs.ts).
 *
 * QuickStart shows the status and keeps the defaults (npm, install nothing):
 * installs are optional and `openclaw skills install <name>` does them any
 * time. Advanced asks both questions. `--skip-skills` skips the step.
 */
import { UsageError } from "../../errors.ts";
import type { SkillStatus } from "../../skills/check.ts";
import type { InstallItem } from "../../skills/install.ts";
import type { NodeManager } from "../../skills/node-manager.ts";
import { Q } from "../questions.ts";
import type { StepContext } from "../types.ts";
import type { Plan, PlanPart } from "../../plan/types.ts";
import { cli } from "../../platform/invocation.ts";

export async function skillsStep(ctx: StepContext, plan?: Plan): Promise<PlanPart> {
  if (ctx.options.skipSkills) return {};
  // Loaded only when the step runs: --skip-skills runs (and the bench) never parse YAML.
  const { binsToVerify, checkAll, installable } = await import("../../skills/check.ts");
  const { DEFAULT_NODE_MANAGER, NODE_MANAGER_OPTIONS } = await import(
    "../../skills/node-manager.ts"
  );
  const { describeRecipe } = await import("../../skills/recipes.ts");
  const { renderStatusNote } = await import("../../skills/render.ts");
  const { skillsReport } = await import("../../skills/status.ts");
  const { host, paths, prompter } = ctx;
  const current = ctx.base.skills?.install?.nodeManager;
  const report = await skillsReport(host, paths, {
    workspace: plan?.workspace?.path,
    config: ctx.base,
    nodeManager: ctx.options.nodeManager ?? current ?? DEFAULT_NODE_MANAGER,
  });
  await prompter.note(
    renderStatusNote(report.statuses, report.discovery.problems),
    "Skills",
  );

  const quick = ctx.flow === "quickstart";
  const nodeManager = await prompter.select<NodeManager>({
    ...Q.nodeManager,
    message: "Which Node package manager should skill installs use?",
    options: NODE_MANAGER_OPTIONS,
    initialValue: current ?? DEFAULT_NODE_MANAGER,
    silent: quick || (ctx.keepExisting && current !== undefined),
  });
  // The recipes (and whether their installer is here) depend on the manager.
  const statuses = nodeManager === report.nodeManager
    ? report.statuses
    : await checkAll(report.discovery.skills, { ...report.probe, nodeManager });
  const candidates = statuses.filter(installable);

  const picked = ctx.options.skillsInstall !== undefined
    ? await pickedFromFlag(ctx, statuses, candidates)
    : candidates.length === 0
    ? []
    : await prompter.multiselect<string>({
      ...Q.skillsInstall,
      message: "Install the programs these skills need? (space picks, enter goes on)",
      options: candidates.map((s) => ({
        value: s.skill.name,
        label: s.skill.name,
        hint: describeRecipe(s.recipe!, nodeManager) +
          (s.installer && !s.installer.present ? ` (${s.installer.name} not found)` : ""),
      })),
      initialValues: [],
      silent: quick,
    });

  const installs: InstallItem[] = candidates
    .filter((s) => picked.includes(s.skill.name))
    .map((s) => ({
      skill: s.skill.name,
      recipe: s.recipe!,
      nodeManager,
      bins: binsToVerify(s, s.recipe!),
    }));
  const ready = statuses.filter((s) => s.state === "ready").length;
  const missing = statuses.filter((s) => s.state === "missing").length;
  const leftOut = candidates.filter((s) => !picked.includes(s.skill.name));
  return {
    configEdits: current === nodeManager
      ? []
      : [{ path: ["skills", "install", "nodeManager"], value: nodeManager }],
    skillInstalls: installs,
    summary: { skills: { nodeManager, ready, missing } },
    nextSteps: leftOut.length
      ? [
        `Install what skills still need: ${
          leftOut.map((s) => cli(`skills install ${s.skill.name}`)).join("; ")
        }`,
      ]
      : [],
  };
}

/** `--skills-install a,b` (or `all`): unknown names are an error; ready ones are noted. */
async function pickedFromFlag(
  ctx: StepContext,
  statuses: SkillStatus[],
  candidates: SkillStatus[],
): Promise<string[]> {
  const names = (ctx.options.skillsInstall ?? "").split(",").map((n) => n.trim()).filter(Boolean);
  if (names.includes("all")) return candidates.map((s) => s.skill.name);
  const unknown = names.filter((n) => !statuses.some((s) => s.skill.name === n));
  if (unknown.length > 0) {
    throw new UsageError(
      `--skills-install: no skill named ${unknown.join(", ")}. Skills here: ${
        statuses.map((s) => s.skill.name).join(", ")
      } (or all).`,
      ["--skills-install"],
    );
  }
  const nothing = names.filter((n) => !candidates.some((s) => s.skill.name === n));
  if (nothing.length > 0) {
    await ctx.prompter.note(
      nothing.map((n) => {
        const s = statuses.find((x) => x.skill.name === n)!;
        return `${n}: ${
          s.state === "ready"
            ? "ready already"
            : s.state === "unsupported"
            ? "not for this OS"
            : `nothing installable (see \`${cli("skills check")}\`)`
        }`;
      }).join("\n"),
      "Nothing to install for",
    );
  }
  return names.filter((n) => candidates.some((s) => s.skill.name === n));
}
