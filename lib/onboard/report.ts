/**
 * What onboarding tells the user: the plan (for --dry-run), the summary of
 * what changed, the JSON summary (--json), and the equivalent
 * non-interactive command. Secrets never appear: they are elided to
 * `sk-ant-…1234` or replaced by an environment variable reference.
 */
import { basename, tildify } from "../config/paths.ts";
import { maskSecret } from "../auth/profiles.ts";
import { formatPath } from "../config/validate.ts";
import { RESET_SCOPE_LABELS } from "../config/reset.ts";
import type { ApplyResult } from "./apply.ts";
import type { FlowKind, Plan } from "./types.ts";
import { channelFlags } from "../channels/equivalent.ts";

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
  const edits = plan.configEdits.filter((e) => e.value !== undefined);
  if (edits.length > 0) {
    lines.push(`Config ${t(configPath)}:`);
    for (const e of edits) lines.push(`  ${formatPath(e.path)} = ${JSON.stringify(e.value)}`);
  }
  return elideSecrets(lines.join("\n"), plan.secrets);
}

export function renderSummary(plan: Plan, result: ApplyResult, home: string): string {
  const t = (p: string) => tildify(p, home);
  const s = plan.summary;
  const lines: string[] = [];
  for (const m of result.trashed) lines.push(`Moved ${m.what} to the trash: ${t(m.to)}`);
  lines.push(`Config      ${t(result.configPath)}${result.configChanged ? "" : " (unchanged)"}`);
  if (s.authChoice) {
    lines.push(`Model auth  ${s.authChoice === "skip" ? "skipped" : "Anthropic API key"}`);
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
  if (s.channels?.length) lines.push(`Channels    ${s.channels.join(", ")}`);
  return lines.join("\n");
}

export function nextSteps(plan: Plan): string[] {
  const steps = [...plan.nextSteps];
  if (plan.summary.authChoice === "skip") {
    steps.push("Set up model auth: openclaw configure --section model");
  }
  if (plan.summary.gateway?.authMode === "token") {
    steps.push("Clients connect with the token in gateway.auth.token of your config.");
  }
  steps.push("Check your setup any time: openclaw doctor");
  return steps;
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
    mode: "local",
    flow: input.flow,
    dryRun: input.dryRun,
    workspace: plan.summary.workspace,
    authChoice: plan.summary.authChoice,
    model: plan.summary.model,
    gateway: plan.summary.gateway,
    channels: plan.summary.channels,
    installDaemon: false,
    skipChannels: input.options.skipChannels,
    skipSkills: input.options.skipSkills,
    skipHealth: input.options.skipHealth,
    reset: plan.reset?.scope,
    configPath: result?.configPath,
    configChanged: result?.configChanged,
    trashed: result?.trashed.map((t) => ({ what: t.what, from: t.from, to: t.to })),
    workspaceFilesCreated: result?.workspaceCreated,
  };
}

/** The one-liner that repeats this run without questions (secrets as env references). */
export function equivalentCommand(plan: Plan, flow: FlowKind, home: string): string {
  const s = plan.summary;
  const args = ["openclaw", "onboard", "--non-interactive", "--accept-risk", "--flow", flow];
  if (s.authChoice === "skip") args.push("--auth-choice", "skip");
  else if (s.authChoice === "apiKey") {
    args.push("--auth-choice", "apiKey", "--anthropic-api-key", '"$ANTHROPIC_API_KEY"');
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
  if (s.channels !== undefined) {
    const channels = channelFlags(plan.configEdits, shellQuote);
    args.push(...(channels.length ? channels : ["--skip-channels"]));
  }
  return args.join(" ");
}

function shellQuote(s: string): string {
  if (/^[\w@%+=:,./~-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
