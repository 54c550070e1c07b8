/**
 * What onboarding tells the user: the plan (for --dry-run), the summary of
 * what changed, the JSON summary (--json), and the equivalent
 * non-interactive command. Secrets never appear: they are elided to
 * `…1234` or replaced by an environment variable reference.
 */
import { basename, tildify } from "../config/paths.ts";
import { maskSecret } from "../auth/profiles.ts";
import { formatPath } from "../config/validate.ts";
import { RESET_SCOPE_LABELS } from "../config/reset.ts";
import type { ApplyResult } from "./apply.ts";
import type { DaemonApplyResult } from "../daemon/onboarding.ts";
import type { FlowKind, Plan } from "./types.ts";
import type { HelloFacts } from "./steps/hello.ts";
import type { InstallRun } from "../skills/install.ts";
import { describeRecipe } from "../skills/recipes.ts";
import { renderResult } from "../skills/render.ts";
import { channelFlags } from "../channels/equivalent.ts";
import {
  cli,
  currentInvocation,
  shellQuoteKeepingTilde as shellQuote,
} from "../platform/invocation.ts";

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
  return elideSecrets(lines.join("\n"), plan.secrets);
}

export function renderSummary(
  plan: Plan,
  result: ApplyResult,
  home: string,
  skillRun?: InstallRun,
): string {
  const t = (p: string) => tildify(p, home);
  const s = plan.summary;
  const lines: string[] = [];
  for (const m of result.trashed) lines.push(`Moved ${m.what} to the trash: ${t(m.to)}`);
  lines.push(`Config      ${t(result.configPath)}${result.configChanged ? "" : " (unchanged)"}`);
  if (s.remote) {
    lines.push(`Gateway     remote ${s.remote.url} (auth ${s.remote.authMode})`);
    lines.push(`Reachable   ${REMOTE_PROBE_LABELS[s.remote.probe] ?? s.remote.probe}`);
  }
  if (s.authChoice) {
    lines.push(
      `Model auth  ${s.authLabel ?? (s.authChoice === "skip" ? "skipped" : s.authChoice)}`,
    );
  }
  if (s.model) lines.push(`Model       ${s.model}`);
  if (s.workspace) {
    lines.push(
      `Workspace   ${t(s.workspace)}` +
        (result.workspaceCreated.length
          ? ` (new: ${result.workspaceCreated.map(basename).join(", ")})`
          : ""),
    );
  }
  if (s.gateway) {
    const g = s.gateway;
    lines.push(
      `Gateway     port ${g.port}, bind ${g.bind}${
        g.customBindHost ? ` (${g.customBindHost})` : ""
      }, ` +
        `auth ${g.authMode}, tailscale ${g.tailscaleMode}`,
    );
  }
  if (s.skills) {
    lines.push(
      `Skills      ${s.skills.ready} ready, ${s.skills.missing} missing requirements ` +
        `(installs use ${s.skills.nodeManager})`,
    );
  }
  for (const r of skillRun?.results ?? []) lines.push(`  ${renderResult(r)}`);
  if (skillRun) lines.push(`  Install log: ${t(skillRun.logPath)}`);
  if (result.daemon) lines.push(...daemonSummaryLines(result.daemon));
  const channels = [
    ...(s.channels ?? []),
    ...(s.channelsKept ?? []).map((c) => `${c} (kept)`),
  ];
  if (channels.length) lines.push(`Channels    ${channels.join(", ")}`);
  if (s.hello) lines.push(helloSummaryLine(s.hello));
  return lines.join("\n");
}

/** The summary line: the reply's first line, cut short. */
function helloSummaryLine(h: HelloFacts): string {
  const first = h.text.split("\n").find((l) => l.trim()) ?? "";
  const short = first.length > 120 ? `${first.slice(0, 119)}…` : first;
  return h.ok ? `Hello       answered: ${short}` : `Hello       failed (${h.errorKind}): ${short}`;
}

const REMOTE_PROBE_LABELS: Record<string, string> = {
  ok: "yes",
  rejected: "no: it rejected the credentials",
  unreachable: "no: nothing answered",
  timeout: "no: no answer in time",
  protocol: "answered, but not as expected",
  skipped: "not checked (--skip-health)",
};

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

function daemonSummaryLines(d: DaemonApplyResult): string[] {
  // "Running", not a second "Gateway" row: the gateway's settings have that label.
  if (d.background) return [`Running     ${d.background}`];
  if (d.kept) {
    return [
      `Service     unchanged: kept your edited ${d.kept} (${cli("daemon restart")} applies it)`,
    ];
  }
  if (d.error) {
    return ["Service     not installed:", ...d.error.split("\n").map((l) => `            ${l}`)];
  }
  if (!d.installed || !d.outcome) {
    return [`Service     not installed${d.reason ? ` (${d.reason})` : ""}`];
  }
  const lines = [
    `Service     ${d.name} (${d.manager}): ${d.outcome.steps.slice(-1)[0] ?? "installed"}`,
  ];
  for (const s of d.outcome.steps.slice(0, -1)) lines.push(`            ${s}`);
  for (const w of d.outcome.warnings) lines.push(`  ! ${w}`);
  return lines;
}

export function nextSteps(plan: Plan): string[] {
  const steps = [...plan.nextSteps];
  // Skipped, unless a copied credentials/oauth.json just gave the model its credentials.
  const imported = plan.summary.authLabel?.startsWith("from credentials/oauth.json") ?? false;
  if (plan.summary.authChoice === "skip" && !imported) {
    steps.push(`Set up model auth: ${cli("configure --section model")}`);
  }
  if (plan.summary.gateway?.authMode === "token") {
    steps.push("Clients connect with the token in gateway.auth.token of your config.");
  }
  steps.push(`Check your setup any time: ${cli("doctor")}`);
  return steps;
}

/**
 * The next steps as a list, each command on a line of its own ("Label:" then
 * the command indented below), so none is ever wrapped or run into prose.
 */
export function renderNextSteps(steps: string[]): string {
  const marker = `: ${currentInvocation().prefix} `;
  return steps.map((step) => {
    const at = step.indexOf(marker);
    if (at < 0 || step.includes("\n")) return `- ${step}`;
    const commands = step.slice(at + 2).split("; ");
    return [`- ${step.slice(0, at + 1)}`, ...commands.map((c) => `    ${c}`)].join("\n");
  }).join("\n");
}

export interface JsonSummaryInput {
  plan: Plan;
  result?: ApplyResult;
  dryRun: boolean;
  flow: FlowKind;
  options: { skipDaemon: boolean; skipSkills: boolean; skipHealth: boolean; skipChannels: boolean };
  skillRun?: InstallRun;
}

/** The machine-readable summary; the field names follow the public CLI's. */
export function jsonSummary(input: JsonSummaryInput): Record<string, unknown> {
  const { plan, result } = input;
  return {
    ok: true,
    mode: plan.summary.remote ? "remote" : "local",
    flow: input.flow,
    remote: plan.summary.remote,
    dryRun: input.dryRun,
    workspace: plan.summary.workspace,
    authChoice: plan.summary.authChoice,
    authCheck: plan.summary.authCheck,
    model: plan.summary.model,
    gateway: plan.summary.gateway,
    channels: plan.summary.channels,
    installDaemon: plan.daemon?.install ?? false,
    daemon: result?.daemon && {
      installed: result.daemon.installed,
      manager: result.daemon.manager,
      name: result.daemon.name,
      steps: result.daemon.outcome?.steps,
      warnings: result.daemon.outcome?.warnings,
      linger: result.daemon.outcome?.linger,
      background: result.daemon.background,
      kept: result.daemon.kept,
      reason: result.daemon.reason,
      error: result.daemon.error,
    },
    skipChannels: input.options.skipChannels,
    skipSkills: input.options.skipSkills,
    skipHealth: input.options.skipHealth,
    hello: plan.summary.hello,
    reset: plan.reset?.scope,
    configPath: result?.configPath,
    configChanged: result?.configChanged,
    trashed: result?.trashed.map((t) => ({ what: t.what, from: t.from, to: t.to })),
    workspaceFilesCreated: result?.workspaceCreated,
    skills: plan.summary.skills && {
      ...plan.summary.skills,
      installs: input.dryRun
        ? (plan.skillInstalls ?? []).map((i) => ({
          skill: i.skill,
          command: describeRecipe(i.recipe, i.nodeManager),
        }))
        : input.skillRun?.results ?? [],
      installLog: input.skillRun?.logPath,
    },
  };
}

/** The one-liner that repeats this run without questions (secrets as env references). */
export function equivalentCommand(plan: Plan, flow: FlowKind, home: string): string {
  const s = plan.summary;
  if (s.remote) {
    const remote = [
      cli("onboard"),
      "--non-interactive",
      "--accept-risk",
      "--mode",
      "remote",
    ];
    remote.push("--remote-url", shellQuote(s.remote.url));
    if (s.remote.authMode === "token") remote.push("--remote-token", '"$OPENCLAW_GATEWAY_TOKEN"');
    if (s.remote.authMode === "password") {
      remote.push("--remote-password", '"$OPENCLAW_GATEWAY_PASSWORD"');
    }
    return remote.join(" ");
  }
  const args = [cli("onboard"), "--non-interactive", "--accept-risk", "--flow", flow];
  if (s.authArgs) {
    args.push(...s.authArgs.map((a) => (a.startsWith('"$') ? a : shellQuote(a))));
  }
  if (s.workspace) args.push("--workspace", shellQuote(tildify(s.workspace, home)));
  if (s.gateway) {
    args.push("--gateway-port", String(s.gateway.port), "--gateway-bind", s.gateway.bind);
    if (s.gateway.customBindHost) {
      args.push("--gateway-custom-bind-host", shellQuote(s.gateway.customBindHost));
    }
    args.push("--gateway-auth", s.gateway.authMode);
    if (s.gateway.authMode === "password") {
      args.push("--gateway-password", '"$OPENCLAW_GATEWAY_PASSWORD"');
    }
    args.push("--tailscale", s.gateway.tailscaleMode);
  }
  if (s.skills) args.push("--node-manager", s.skills.nodeManager);
  if (plan.skillInstalls?.length) {
    args.push("--skills-install", plan.skillInstalls.map((i) => i.skill).join(","));
  }
  if (plan.daemon) args.push(plan.daemon.install ? "--install-daemon" : "--skip-daemon");
  if (s.channels !== undefined) {
    const channels = channelFlags(plan.configEdits, shellQuote);
    // Kept channels stay in the config the command keeps: not "--skip-channels", which
    // would read as "no channels".
    if (channels.length) args.push(...channels);
    else if (!s.channelsKept?.length) args.push("--skip-channels");
  }
  return args.join(" ");
}
