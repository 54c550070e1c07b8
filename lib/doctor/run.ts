/**
 * The doctor command's flow: diagnose, report, fix (with --fix, or after a
 * yes on a terminal), diagnose again and report what remains. Exit 1 while
 * errors remain, so scripts can gate on it.
 */
import type { Host } from "../host.ts";
import { type StatePaths, tildify } from "../config/paths.ts";
import { acquireLock } from "../config/lock.ts";
import { diagnose, type DoctorProblem } from "./checks.ts";
import { applyDoctorFixes, type DoctorFixResult } from "./fix.ts";
import { cli } from "../platform/invocation.ts";

export interface DoctorRequest {
  host: Host;
  paths: StatePaths;
  fix: boolean;
  json: boolean;
  /** A terminal is there to ask "fix now?". */
  mayAsk: boolean;
}

export async function runDoctor(req: DoctorRequest): Promise<number> {
  const { host, paths } = req;
  const problems = await diagnose(host, paths);
  const fixable = problems.filter((p) => p.fixable);
  let fixResult: DoctorFixResult | undefined;
  let remaining = problems;

  if (!req.json) host.stdout(renderProblems(problems, host, paths));
  if (fixable.length > 0 && (req.fix || (req.mayAsk && await askToFix(fixable.length)))) {
    const lock = await acquireLock(host, paths.lockPath, "openclaw doctor --fix");
    try {
      // Diagnose again under the lock: another run may have changed the state meanwhile.
      fixResult = await applyDoctorFixes(host, paths, await diagnose(host, paths));
    } finally {
      await lock.release();
    }
    remaining = await diagnose(host, paths);
    if (!req.json) host.stdout(renderFixes(fixResult, remaining, host, paths));
  } else if (!req.json && fixable.length > 0) {
    host.stdout(
      `\n${fixable.length} of these can be fixed automatically: ${cli("doctor --fix")}\n`,
    );
  }

  const ok = !remaining.some((p) => p.severity === "error");
  if (req.json) {
    host.stdout(
      JSON.stringify(
        {
          ok,
          configPath: paths.configPath,
          problems,
          fixed: fixResult?.fixed,
          failed: fixResult?.failed,
          remaining,
        },
        null,
        2,
      ) + "\n",
    );
  }
  return ok ? 0 : 1;
}

function renderProblems(problems: DoctorProblem[], host: Host, paths: StatePaths): string {
  const head = `openclaw doctor · ${tildify(paths.configPath, host.home)}\n`;
  if (problems.length === 0) return `${head}✓ No problems found.\n`;
  return head + problems.map((p) => renderProblem(p)).join("");
}

function renderProblem(p: DoctorProblem): string {
  const mark = p.severity === "error" ? "✗" : "!";
  const where = p.path ? `${p.path}: ` : "";
  return `${mark} ${where}${p.message}\n    fix: ${p.fix}\n`;
}

function renderFixes(
  r: DoctorFixResult,
  remaining: DoctorProblem[],
  host: Host,
  paths: StatePaths,
): string {
  const lines = [
    "",
    ...r.fixed.map((f) => `✓ ${f}`),
    ...r.failed.map((f) => `✗ not fixed (${f.id}): ${f.error}`),
  ];
  lines.push(
    remaining.length === 0
      ? "✓ No problems remain."
      : `\nStill to do (${tildify(paths.configPath, host.home)}):\n` +
        remaining.map(renderProblem).join(""),
  );
  return lines.join("\n") + "\n";
}

async function askToFix(count: number): Promise<boolean> {
  const { ClackPrompter } = await import("../wizard/clack-prompter.ts");
  return await new ClackPrompter().confirm({
    id: "doctor.fix",
    message: `Fix ${count === 1 ? "it" : `these ${count}`} now? (the config is backed up first)`,
    initialValue: true,
  });
}
