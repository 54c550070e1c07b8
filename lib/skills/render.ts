/**
 * What the user reads about skills: the table of `skills list`, the
 * per-requirement report of `skills check`, install results, and the JSON
 * shapes of `--json`. Pure functions of the report, tested as text.
 */
import type { Missing, SkillStatus } from "./check.ts";
import type { SkillProblem } from "./model.ts";
import type { InstallResult } from "./install.ts";
import type { SkillsReport } from "./status.ts";
import { describeRecipe } from "./recipes.ts";
import type { NodeManager } from "./node-manager.ts";

const MARK: Record<SkillStatus["state"], string> = {
  ready: "✓",
  missing: "✗",
  unsupported: "–",
};

export function missingLabel(m: Missing): string {
  switch (m.kind) {
    case "os":
      return `OS ${m.need.join("/")}`;
    case "bin":
      return `program ${m.name}`;
    case "anyBins":
      return `one of ${m.names.join(", ")}`;
    case "env":
      return `env ${m.name}`;
    case "config":
      return `config ${m.key}`;
  }
}

/** One line per skill: mark, name, status, description. */
export function renderList(statuses: SkillStatus[], problems: SkillProblem[]): string {
  const width = Math.max(4, ...statuses.map((s) => s.skill.name.length));
  const lines = statuses.map((s) => {
    const state = s.state === "ready"
      ? "ready"
      : s.state === "unsupported"
      ? "not for this OS"
      : `missing ${s.missing.map(missingLabel).join(", ")}`;
    return `${MARK[s.state]} ${s.skill.name.padEnd(width)}  ${state} · ${s.skill.source}\n` +
      `  ${" ".repeat(width + 2)}${s.skill.description}`;
  });
  return [...lines, ...renderProblems(problems)].join("\n");
}

export function renderProblems(problems: SkillProblem[]): string[] {
  if (problems.length === 0) return [];
  return [
    "",
    "Problems:",
    ...problems.map((p) =>
      `  ${p.file}:${p.line}: ${p.message}${p.severity === "error" ? " (skill skipped)" : ""}`
    ),
  ];
}

/** A short status line per skill, for the onboarding note. */
export function renderStatusNote(statuses: SkillStatus[], problems: SkillProblem[]): string {
  const ready = statuses.filter((s) => s.state === "ready").length;
  const missing = statuses.filter((s) => s.state === "missing").length;
  const lines = [
    `${ready} ready, ${missing} missing requirements, ` +
    `${statuses.length - ready - missing} not for this OS`,
    "",
  ];
  for (const s of statuses) {
    const detail = s.state === "ready"
      ? "ready"
      : s.state === "unsupported"
      ? "not for this OS"
      : `needs ${s.missing.map(missingLabel).join(", ")}`;
    lines.push(
      `${MARK[s.state]} ${s.skill.emoji ? `${s.skill.emoji} ` : ""}${s.skill.name}: ${detail}`,
    );
  }
  lines.push(...renderProblems(problems));
  return lines.join("\n");
}

/** `skills check`: totals, then each skill that is not ready with how to fix each gap. */
export function renderCheck(report: SkillsReport): string {
  const { statuses, discovery } = report;
  const ready = statuses.filter((s) => s.state === "ready");
  const missing = statuses.filter((s) => s.state === "missing");
  const unsupported = statuses.filter((s) => s.state === "unsupported");
  const lines = [
    `Skills: ${ready.length} ready, ${missing.length} missing requirements, ` +
    `${unsupported.length} not for this OS`,
  ];
  if (ready.length) lines.push("", `Ready: ${ready.map((s) => s.skill.name).join(", ")}`);
  for (const s of missing) {
    lines.push("", `✗ ${s.skill.name} (${s.skill.source})`);
    for (const m of s.missing) lines.push(`  - ${missingLabel(m)}: ${m.hint}`);
    if (s.installer && !s.installer.present) {
      lines.push(`  ! the recipe needs ${s.installer.name}, which is not on PATH`);
    }
  }
  if (unsupported.length) {
    lines.push("", `Not for this OS: ${unsupported.map((s) => s.skill.name).join(", ")}`);
  }
  lines.push(...renderProblems(discovery.problems));
  return lines.join("\n");
}

export function renderResult(r: InstallResult): string {
  if (r.ok && !r.stillMissing?.length) return `✓ ${r.skill}: installed (${r.command})`;
  if (r.ok) return `! ${r.skill}: ${r.hint}`;
  return `✗ ${r.skill}: ${r.error}${r.hint ? `\n    ${r.hint}` : ""}`;
}

export function renderResults(results: InstallResult[], logShown: string): string {
  const ok = results.filter((r) => r.ok).length;
  return [
    ...results.map(renderResult),
    `${ok} of ${results.length} installed. Log: ${logShown}`,
  ].join("\n");
}

export function statusJson(s: SkillStatus, nodeManager: NodeManager) {
  return {
    name: s.skill.name,
    description: s.skill.description,
    emoji: s.skill.emoji,
    source: s.skill.source,
    file: s.skill.file,
    status: s.state,
    missing: s.missing,
    install: s.skill.install.map((r) => ({
      id: r.id,
      kind: r.kind,
      label: r.label,
      command: describeRecipe(r, nodeManager),
    })),
    recipe: s.recipe ? s.recipe.id : undefined,
    installer: s.installer,
  };
}

export function listJson(report: SkillsReport) {
  return {
    workspace: report.workspace,
    nodeManager: report.nodeManager,
    skills: report.statuses.map((s) => statusJson(s, report.nodeManager)),
    shadowed: report.discovery.shadowed.map((s) => ({
      name: s.name,
      source: s.source,
      file: s.file,
    })),
    problems: report.discovery.problems,
  };
}

export function checkJson(report: SkillsReport) {
  const count = (state: SkillStatus["state"]) =>
    report.statuses.filter((s) => s.state === state).length;
  return {
    ready: count("ready"),
    missing: count("missing"),
    unsupported: count("unsupported"),
    ...listJson(report),
  };
}

/** `skills info <name>`: one skill in full, each requirement with its state. */
export function renderInfo(s: SkillStatus, nodeManager: NodeManager): string {
  const k = s.skill;
  const lines = [
    `${k.emoji ? `${k.emoji} ` : ""}${k.name} — ${k.description}`,
    `Status:   ${
      s.state === "ready"
        ? "ready"
        : s.state === "unsupported"
        ? "not for this OS"
        : "missing requirements"
    }`,
    `Source:   ${k.source} (${k.file})`,
  ];
  if (k.homepage) lines.push(`Homepage: ${k.homepage}`);
  if (k.os) lines.push(`OS:       ${k.os.join(", ")}`);
  const gap = (kind: Missing["kind"], name: string) =>
    s.missing.find((m) =>
      m.kind === kind &&
      ("name" in m ? m.name === name : "key" in m ? m.key === name : true)
    );
  const req: string[] = [];
  for (const b of k.requires.bins ?? []) req.push(`${gap("bin", b) ? "✗" : "✓"} program ${b}`);
  if (k.requires.anyBins?.length) {
    req.push(`${gap("anyBins", "") ? "✗" : "✓"} one of ${k.requires.anyBins.join(", ")}`);
  }
  for (const e of k.requires.env ?? []) req.push(`${gap("env", e) ? "✗" : "✓"} env ${e}`);
  for (const c of k.requires.config ?? []) req.push(`${gap("config", c) ? "✗" : "✓"} config ${c}`);
  if (req.length) lines.push("Requires:", ...req.map((r) => `  ${r}`));
  if (k.install.length) {
    lines.push(
      "Install:",
      ...k.install.map((r) =>
        `  ${r === s.recipe ? "→" : " "} ${r.id}: ${describeRecipe(r, nodeManager)}${
          r.os ? ` (${r.os.join(", ")})` : ""
        }`
      ),
    );
  }
  if (s.missing.length && s.state === "missing") {
    lines.push("To do:", ...s.missing.map((m) => `  - ${missingLabel(m)}: ${m.hint}`));
  }
  return lines.join("\n");
}

export function infoJson(s: SkillStatus, nodeManager: NodeManager) {
  return { ...statusJson(s, nodeManager), requires: s.skill.requires, homepage: s.skill.homepage };
}
