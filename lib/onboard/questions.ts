/**
 * Every onboarding question and flag, declared once (lib/wizard/question.ts):
 * `onboard` and `configure` register their options from these, the flags
 * adapter gets its answers through them, and the report prints the same
 * setup without questions from them. Prompts, tests and the gateway's wizard
 * RPC key on the ids; the non-interactive contract (exit 2 naming missing
 * flags) comes from the flags.
 *
 * Data only: the command tree loads this on every run (no zod, no steps).
 */
import type { OnboardOptions } from "./options.ts";
import { authAnswersFromOptions, authFlags } from "../auth/questions.ts";
import { DEFAULT_RESET_SCOPE, RESET_SCOPES } from "../config/reset-scopes.ts";
import { NODE_MANAGERS } from "../config/node-managers.ts";
import {
  BIND_MODES,
  type BindMode,
  GATEWAY_AUTH_MODES,
  type GatewayAuthMode,
  TAILSCALE_MODES,
  type TailscaleMode,
} from "../config/gateway-modes.ts";
import { DAEMON_RUNTIME_HELP } from "../daemon/command.ts";
import {
  type ChannelId,
  channelQuestion,
  CHANNELS_SELECT,
  dmFlagRules,
  flagNameOf,
  onboardChannelFlags,
} from "../channels/flags.ts";
import { type ChoiceLabel, directAnswers, type Flag, type Question } from "../wizard/question.ts";

const BIND_LABELS: Record<BindMode, ChoiceLabel> = {
  loopback: { label: "Loopback (127.0.0.1)", hint: "this machine only; recommended" },
  lan: { label: "LAN (0.0.0.0)", hint: "every network interface; needs auth" },
  tailnet: { label: "Tailnet", hint: "this machine's Tailscale address; needs auth" },
  auto: { label: "Auto", hint: "loopback, or the tailnet address when tailscale is up" },
  custom: { label: "Custom address", hint: "a host or IP you name" },
};

const AUTH_LABELS: Record<GatewayAuthMode, ChoiceLabel> = {
  token: { label: "Token", hint: "recommended, even on loopback" },
  password: { label: "Password" },
  none: { label: "None", hint: "loopback only; any local process gets in" },
};

const TAILSCALE_LABELS: Record<TailscaleMode, ChoiceLabel> = {
  off: { label: "Off", hint: "recommended" },
  serve: { label: "Serve", hint: "reachable from your tailnet" },
  funnel: { label: "Funnel", hint: "reachable from the internet; needs password auth" },
};

/** The flow select's answers; `--flow` takes the first two (manual = advanced), `--mode remote` the third. */
const FLOW_LABELS = {
  quickstart: { label: "QuickStart", hint: "recommended defaults; a few questions" },
  advanced: { label: "Advanced", hint: "port, bind, auth, tailscale, workspace" },
  remote: { label: "Remote gateway", hint: "use a gateway running on another machine" },
};

export const Q = {
  existing: {
    id: "config.existing",
    flag: "--reset",
    help:
      `move the existing state to the trash first (default --reset-scope ${DEFAULT_RESET_SCOPE})`,
    derived: true,
  },
  resetScope: {
    id: "config.resetScope",
    flag: "--reset-scope <scope>",
    help: "what --reset moves to the trash (implies --reset)",
    choices: RESET_SCOPES,
    derived: true,
  },
  risk: {
    id: "risk.accept",
    flag: "--accept-risk",
    help: "acknowledge the security note (required with --non-interactive)",
  },
  flow: {
    id: "flow",
    flag: "--flow <quickstart|advanced> (or --mode remote)",
    option: "--flow <flow>",
    help: "quickstart: defaults + essential questions; advanced: every question; " +
      "manual: the same as advanced (the public CLI's other name for it)",
    choices: ["quickstart", "advanced", "manual"],
    labels: FLOW_LABELS,
    derived: true,
  },
  // The auth step's questions are in lib/auth/questions.ts (AQ).
  workspace: {
    id: "workspace",
    flag: "--workspace <dir>",
    help:
      "agent workspace folder (default ~/.openclaw/workspace; a relative path is under your home)",
  },
  gatewayPort: {
    id: "gateway.port",
    flag: "--gateway-port <port>",
    help: "gateway port (default 18789)",
  },
  gatewayBind: {
    id: "gateway.bind",
    flag: "--gateway-bind <mode>",
    help: "addresses the gateway listens on",
    choices: BIND_MODES,
    labels: BIND_LABELS,
  },
  gatewayCustomBindHost: {
    id: "gateway.customBindHost",
    flag: "--gateway-custom-bind-host <host>",
    help: "host or IP to listen on with --gateway-bind custom",
  },
  gatewayAuth: {
    id: "gateway.auth",
    flag: "--gateway-auth <mode>",
    help: "client auth (none: loopback only)",
    choices: GATEWAY_AUTH_MODES,
    labels: AUTH_LABELS,
  },
  gatewayAuthNoneConfirm: {
    id: "gateway.authNoneConfirm",
    flag: "--gateway-auth none",
    derived: true,
  },
  gatewayToken: {
    id: "gateway.token",
    flag: "--gateway-token <token>",
    help: "gateway token (default: keep the current one, or generate one)",
    secret: true,
    env: "OPENCLAW_GATEWAY_TOKEN",
  },
  gatewayPassword: {
    id: "gateway.password",
    flag: "--gateway-password <password>",
    help: "gateway password (with --gateway-auth password)",
    secret: true,
    env: "OPENCLAW_GATEWAY_PASSWORD",
  },
  tailscale: {
    id: "gateway.tailscale",
    flag: "--tailscale <mode>",
    help: "Tailscale exposure (funnel needs password auth)",
    choices: TAILSCALE_MODES,
    labels: TAILSCALE_LABELS,
  },
  remoteDiscovered: { id: "remote.discovered", flag: "--remote-url <url>", derived: true },
  remoteUrl: {
    id: "remote.url",
    flag: "--remote-url <url>",
    help: "remote mode: the gateway's ws:// or wss:// URL",
  },
  remoteAuth: {
    id: "remote.auth",
    flag: "--remote-token <token> or --remote-password <password>",
    derived: true,
  },
  remoteToken: {
    id: "remote.token",
    flag: "--remote-token <token>",
    help: "remote mode: the gateway's token",
    secret: true,
    env: "OPENCLAW_REMOTE_TOKEN",
  },
  remotePassword: {
    id: "remote.password",
    flag: "--remote-password <password>",
    help: "remote mode: the gateway's password",
    secret: true,
    env: "OPENCLAW_REMOTE_PASSWORD",
  },
  nodeManager: {
    id: "skills.nodeManager",
    flag: "--node-manager <npm|pnpm|bun>",
    option: "--node-manager <manager>",
    help: "Node package manager for skill installs",
    choices: NODE_MANAGERS,
  },
  // Answered by the skills step itself from --skills-install (names are checked against the skills found).
  skillsInstall: {
    id: "skills.install",
    flag: "--skills-install <names|all>",
    option: "--skills-install <names>",
    help: "comma-separated skills whose missing programs to install (all: every installable one)",
    derived: true,
  },
  installDaemon: {
    id: "daemon.install",
    flag: "--install-daemon",
    help: "install the gateway as a user service and start it (systemd user unit on Linux/WSL2, " +
      "LaunchAgent on macOS); QuickStart does this unless told not to",
    derived: true,
  },
  daemonFallback: { id: "daemon.fallback", flag: "--skip-daemon", derived: true },
  daemonReplaceEdited: { id: "daemon.replaceEdited", flag: "--install-daemon", derived: true },
  channels: CHANNELS_SELECT,
  // --no-hello answers No too (F.noHello): the answer is set from the options below.
  hello: {
    id: "finish.hello",
    flag: "--hello",
    help: "at the end, say hello to your agent (one real message to the model)",
    derived: true,
  },
} as const satisfies Record<string, Question>;

/** The gateway step's flags, in --help order (onboard and configure --section gateway). */
export const GATEWAY_FLAGS = [
  Q.gatewayPort,
  Q.gatewayBind,
  Q.gatewayCustomBindHost,
  Q.gatewayAuth,
  Q.gatewayToken,
  Q.gatewayPassword,
  Q.tailscale,
];

/** The onboard flags that answer no question: how the run goes, and what it skips. */
export const F = {
  nonInteractive: {
    flag: "--non-interactive",
    help: "ask nothing: take answers from flags; exit 2 naming any missing flag",
  },
  mode: {
    flag: "--mode <mode>",
    help: "local: this machine runs the gateway; remote: use a gateway running elsewhere",
    choices: ["local", "remote"],
  },
  skipBootstrap: { flag: "--skip-bootstrap", help: "do not write the workspace's first-run files" },
  noInstallDaemon: {
    flag: "--no-install-daemon",
    help: "do not install the gateway service (same as --skip-daemon)",
  },
  skipDaemon: { flag: "--skip-daemon", help: "do not install the gateway service" },
  daemonRuntime: { flag: "--daemon-runtime <runtime>", help: DAEMON_RUNTIME_HELP },
  skipHealth: { flag: "--skip-health", help: "do not run the health check" },
  tailscaleResetOnExit: {
    flag: "--tailscale-reset-on-exit",
    help: "accepted for scripts written for the public CLI: the gateway always turns " +
      "Tailscale serve/funnel off when it stops",
  },
  skipUi: {
    flag: "--skip-ui",
    help: "do not point to the Control UI at the end, nor open it in a browser",
  },
  noHello: { flag: "--no-hello", help: "do not offer the hello at the end" },
  skipChannels: { flag: "--skip-channels", help: "do not set up chat channels" },
  skipSkills: { flag: "--skip-skills", help: "do not set up skills" },
  json: { flag: "--json", help: "print a machine-readable summary (secrets elided)" },
  dryRun: { flag: "--dry-run", help: "print the plan (secrets elided) and write nothing" },
  // For install.sh's hand-over: which flags to move into the environment.
  listSecretFlags: { flag: "--list-secret-flags", help: "", hidden: true },
} as const satisfies Record<string, Flag>;

/** Every flag onboard declares: its questions', its own, and the auth flags (not the channels'). */
export function declaredFlags(): Partial<Flag>[] {
  return [...Object.values(Q), ...Object.values(F), ...authFlags()];
}

/** The answers a non-interactive run's flags give, keyed by question id. */
export function answersFromOptions(o: OnboardOptions): Map<string, unknown> {
  const a = new Map<string, unknown>();
  const set = (id: string, v: unknown) => v !== undefined && a.set(id, v);
  // The flags whose value is the answer as given; the others are mapped below.
  directAnswers(Object.values(Q), o, set);
  if (o.reset) set(Q.existing.id, "reset");
  set(Q.resetScope.id, o.resetScope ?? (o.reset ? DEFAULT_RESET_SCOPE : undefined));
  // Remote mode is the flow question's third answer.
  const remote = o.mode === "remote" || (o.mode === undefined && o.remoteUrl !== undefined);
  set(Q.flow.id, remote ? "remote" : o.flow === "manual" ? "advanced" : o.flow);
  authAnswersFromOptions(o, set);
  if (o.gatewayAuth === "none") set(Q.gatewayAuthNoneConfirm.id, true);
  set(Q.remoteAuth.id, o.remotePassword ? "password" : o.remoteToken ? "token" : undefined);
  set(Q.installDaemon.id, o.skipDaemon ? false : o.installDaemon);
  set(Q.hello.id, o.hello);
  channelAnswers(o, a);
  return a;
}

/**
 * Channel flags answer channel questions (ids channels.<channel>.<key>).
 * Without --channels, the channels named by any channel flag are picked.
 */
function channelAnswers(o: OnboardOptions, a: Map<string, unknown>): void {
  const named = new Set<string>();
  for (const { channel, field } of onboardChannelFlags()) {
    directAnswers([channelQuestion(channel, field)], o.channelFlags ?? {}, (id, v) => {
      if (v === undefined) return;
      a.set(id, v);
      named.add(channel);
    });
  }
  dmFlagRules(a, [...named], (channel, key) => flagNameOf(channel as ChannelId, key, "onboard"));
  if (o.channels !== undefined) {
    a.set(
      Q.channels.id,
      o.channels.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean),
    );
  } else if (named.size > 0) {
    a.set(Q.channels.id, [...named]);
  }
}
