/**
 * What onboarding tells the user: the summary of what changed, the JSON
 * summary (--json), and the equivalent non-interactive command (the plan
 * itself, for --dry-run, is lib/plan/render.ts). Secrets never appear: they are elided to
 * `…1234` or replaced by an environment variable reference.
 */
import { basename, tildify } from "../config/paths.ts";
import type { ApplyResult } from "../plan/apply.ts";
import type { DaemonApplyResult } from "../daemon/onboarding.ts";
import type { FlowKind } from "./types.ts";
import type { HelloFacts, Plan } from "../plan/types.ts";
import { describeRecipe } from "../skills/recipes.ts";
import { renderResult } from "../skills/render.ts";
import { channelFlagArgs } from "../channels/equivalent.ts";
import { equivalentArgs, type FlagArg } from "../wizard/equivalent-command.ts";
import { F, Q } from "./questions.ts";
import {
  cli,
  currentInvocation,
  shellQuoteKeepingTilde as shellQuote,
} from "../platform/invocation.ts";

export function renderSummary(
  plan: Plan,
  result: ApplyResult,
  home: string,
): string {
  const t = (p: string) => tildify(p, home);
  const s = { ...plan.summary, ...result.summary };
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
  const skillRun = result.skillRun;
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
    hello: result?.summary.hello,
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
        : result?.skillRun?.results ?? [],
      installLog: result?.skillRun?.logPath,
    },
  };
}

/**
 * The one-liner that repeats this run without questions, from the declared
 * flags: the renderer prints each secret as its `$ENV` reference.
 */
export function equivalentCommand(plan: Plan, flow: FlowKind, home: string): string {
  const args: FlagArg[] = [{ flag: F.nonInteractive }, { flag: Q.risk }];
  args.push(
    ...(plan.summary.remote ? remoteArgs(plan.summary.remote) : localArgs(plan, flow, home)),
  );
  return [cli("onboard"), ...equivalentArgs(args, shellQuote)].join(" ");
}

function remoteArgs(remote: NonNullable<Plan["summary"]["remote"]>): FlagArg[] {
  const args: FlagArg[] = [{ flag: F.mode, value: "remote" }];
  args.push({ flag: Q.remoteUrl, value: remote.url });
  if (remote.authMode === "token") args.push({ flag: Q.remoteToken });
  if (remote.authMode === "password") args.push({ flag: Q.remotePassword });
  return args;
}

function localArgs(plan: Plan, flow: FlowKind, home: string): FlagArg[] {
  const s = plan.summary;
  const args: FlagArg[] = [{ flag: Q.flow, value: flow }, ...(s.authArgs ?? [])];
  if (s.workspace) args.push({ flag: Q.workspace, value: tildify(s.workspace, home) });
  if (s.gateway) {
    const g = s.gateway;
    args.push({ flag: Q.gatewayPort, value: String(g.port) }, {
      flag: Q.gatewayBind,
      value: g.bind,
    });
    if (g.customBindHost) args.push({ flag: Q.gatewayCustomBindHost, value: g.customBindHost });
    args.push({ flag: Q.gatewayAuth, value: g.authMode });
    if (g.authMode === "password") args.push({ flag: Q.gatewayPassword });
    args.push({ flag: Q.tailscale, value: g.tailscaleMode });
  }
  if (s.skills) args.push({ flag: Q.nodeManager, value: s.skills.nodeManager });
  if (plan.skillInstalls?.length) {
    args.push({ flag: Q.skillsInstall, value: plan.skillInstalls.map((i) => i.skill).join(",") });
  }
  if (plan.daemon) args.push({ flag: plan.daemon.install ? Q.installDaemon : F.skipDaemon });
  if (s.channels !== undefined) {
    const channels = channelFlagArgs(plan.configEdits);
    // Kept channels stay in the config the command keeps: not "--skip-channels", which
    // would read as "no channels".
    if (channels.length) args.push(...channels);
    else if (!s.channelsKept?.length) args.push({ flag: F.skipChannels });
  }
  return args;
}
