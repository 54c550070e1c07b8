/**
 * A plan as the user reads it before anything is written (--dry-run, and
 * the `channels add` preview): one line per effect, in the order apply runs
 * them. Secrets never appear: every value the plan lists as secret is elided
 * to `…1234` wherever it would show.
 */
import { tildify } from "../config/paths.ts";
import { maskSecret } from "../auth/profiles.ts";
import { formatPath } from "../config/validate.ts";
import { RESET_SCOPE_LABELS } from "../config/reset.ts";
import { describeRecipe } from "../skills/recipes.ts";
import { secretChannelPaths } from "../channels/flags.ts";
import type { Plan } from "./types.ts";

export function elideSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join(maskSecret(s));
  return out;
}

export function renderPlan(plan: Plan, home: string, configPath: string): string {
  const t = (p: string) => tildify(p, home);
  const lines: string[] = [];
  if (plan.reset) {
    lines.push(
      `Reset: ${RESET_SCOPE_LABELS[plan.reset.scope].label} — moved to the trash, not deleted`,
    );
  }
  for (const task of plan.tasks ?? []) lines.push(task.description);
  for (const d of plan.dirs) lines.push(`Create folder ${t(d.path)} (mode ${d.mode.toString(8)})`);
  for (const f of plan.files) {
    lines.push(`Write ${t(f.path)} (mode ${f.mode.toString(8)}): ${f.description}`);
  }
  if (plan.workspace) {
    lines.push(
      `Workspace ${t(plan.workspace.path)}` +
        (plan.workspace.seedFiles
          ? " with its first-run files (existing files are kept)"
          : " (no first-run files)"),
    );
  }
  if (plan.daemon) lines.push(daemonPlanLine(plan.daemon, home));
  const edits = plan.configEdits.filter((e) => e.value !== undefined);
  if (edits.length > 0) {
    lines.push(`Config ${t(configPath)}:`);
    for (const e of edits) lines.push(`  ${formatPath(e.path)} = ${JSON.stringify(e.value)}`);
  }
  for (const i of plan.skillInstalls ?? []) {
    lines.push(`Install for skill ${i.skill}: ${describeRecipe(i.recipe, i.nodeManager)}`);
  }
  return elideSecrets(lines.join("\n"), secretsOf(plan));
}

/** What a plan must not show: the secrets its steps named, and every value at a declared secret's place. */
function secretsOf(plan: Plan): string[] {
  const declared = new Set(secretChannelPaths());
  const values = plan.configEdits.filter((e) =>
    typeof e.value === "string" && declared.has(e.path.join("."))
  ).map((e) => e.value as string);
  return [...plan.secrets, ...values];
}

function daemonPlanLine(d: NonNullable<Plan["daemon"]>, home: string): string {
  if (d.background) return `Start the gateway in the background on port ${d.port} (until reboot)`;
  if (!d.install || !d.prepared) {
    return `Gateway service: not installed${d.reason ? ` (${d.reason})` : ""}`;
  }
  const file = tildify(d.prepared.path, home);
  const what = {
    new: `write ${file}`,
    same: `${file} is up to date`,
    update: `update ${file}`,
    edited: d.replaceEdited
      ? `replace your edited ${file} (kept as .bak)`
      : `keep your edited ${file}`,
  }[d.prepared.change];
  return `Gateway service (${d.manager}): ${what}, then start it on port ${d.port}`;
}
