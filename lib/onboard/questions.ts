/**
 * Every onboarding question's id and the flag that answers it. Prompts,
 * tests and the gateway's wizard RPC key on the ids; the non-interactive
 * contract (exit 2 naming missing flags) comes from the flags.
 */
import type { OnboardOptions } from "./options.ts";
import { authAnswersFromOptions } from "../auth/questions.ts";
import { DEFAULT_RESET_SCOPE } from "../config/reset-scopes.ts";
import {
  attributeName,
  type ChannelId,
  dmFlagRules,
  flagNameOf,
  onboardChannelFlags,
  questionId,
} from "../channels/flags.ts";

export const Q = {
  existing: { id: "config.existing", flag: "--reset" },
  resetScope: { id: "config.resetScope", flag: "--reset-scope <scope>" },
  risk: { id: "risk.accept", flag: "--accept-risk" },
  flow: { id: "flow", flag: "--flow <quickstart|advanced> (or --mode remote)" },
  // The auth step's questions are in lib/auth/questions.ts (AQ).
  workspace: { id: "workspace", flag: "--workspace <dir>" },
  gatewayPort: { id: "gateway.port", flag: "--gateway-port <port>" },
  gatewayBind: { id: "gateway.bind", flag: "--gateway-bind <mode>" },
  gatewayCustomBindHost: {
    id: "gateway.customBindHost",
    flag: "--gateway-custom-bind-host <host>",
  },
  gatewayAuth: { id: "gateway.auth", flag: "--gateway-auth <mode>" },
  gatewayAuthNoneConfirm: { id: "gateway.authNoneConfirm", flag: "--gateway-auth none" },
  // `env`: a secret's twin variable (see lib/cli/secret-inputs.ts).
  gatewayToken: {
    id: "gateway.token",
    flag: "--gateway-token <token>",
    env: "OPENCLAW_GATEWAY_TOKEN",
  },
  gatewayPassword: {
    id: "gateway.password",
    flag: "--gateway-password <password>",
    env: "OPENCLAW_GATEWAY_PASSWORD",
  },
  tailscale: { id: "gateway.tailscale", flag: "--tailscale <mode>" },
  remoteDiscovered: { id: "remote.discovered", flag: "--remote-url <url>" },
  remoteUrl: { id: "remote.url", flag: "--remote-url <url>" },
  remoteAuth: { id: "remote.auth", flag: "--remote-token <token> or --remote-password <password>" },
  remoteToken: { id: "remote.token", flag: "--remote-token <token>", env: "OPENCLAW_REMOTE_TOKEN" },
  remotePassword: {
    id: "remote.password",
    flag: "--remote-password <password>",
    env: "OPENCLAW_REMOTE_PASSWORD",
  },
  nodeManager: { id: "skills.nodeManager", flag: "--node-manager <npm|pnpm|bun>" },
  // Answered by the skills step itself from --skills-install (names are checked against the skills found).
  skillsInstall: { id: "skills.install", flag: "--skills-install <names|all>" },
  installDaemon: { id: "daemon.install", flag: "--install-daemon" },
  daemonFallback: { id: "daemon.fallback", flag: "--skip-daemon" },
  daemonReplaceEdited: { id: "daemon.replaceEdited", flag: "--install-daemon" },
  hello: { id: "finish.hello", flag: "--hello" },
} as const;

/** The answers a non-interactive run's flags give, keyed by question id. */
export function answersFromOptions(o: OnboardOptions): Map<string, unknown> {
  const a = new Map<string, unknown>();
  const set = (id: string, v: unknown) => v !== undefined && a.set(id, v);
  if (o.reset) set(Q.existing.id, "reset");
  set(Q.resetScope.id, o.resetScope ?? (o.reset ? DEFAULT_RESET_SCOPE : undefined));
  if (o.acceptRisk) set(Q.risk.id, true);
  // Remote mode is the flow question's third answer.
  const remote = o.mode === "remote" || (o.mode === undefined && o.remoteUrl !== undefined);
  set(Q.flow.id, remote ? "remote" : o.flow === "manual" ? "advanced" : o.flow);
  authAnswersFromOptions(o, set);
  set(Q.workspace.id, o.workspace);
  set(Q.gatewayPort.id, o.gatewayPort);
  set(Q.gatewayBind.id, o.gatewayBind);
  set(Q.gatewayCustomBindHost.id, o.gatewayCustomBindHost);
  set(Q.gatewayAuth.id, o.gatewayAuth);
  if (o.gatewayAuth === "none") set(Q.gatewayAuthNoneConfirm.id, true);
  set(Q.gatewayToken.id, o.gatewayToken);
  set(Q.gatewayPassword.id, o.gatewayPassword);
  set(Q.tailscale.id, o.tailscale);
  set(Q.remoteUrl.id, o.remoteUrl);
  set(Q.remoteAuth.id, o.remotePassword ? "password" : o.remoteToken ? "token" : undefined);
  set(Q.remoteToken.id, o.remoteToken);
  set(Q.remotePassword.id, o.remotePassword);
  set(Q.nodeManager.id, o.nodeManager);
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
    const v = o.channelFlags?.[attributeName(field.onboard)];
    if (v === undefined) continue;
    a.set(questionId(channel, field.key), v);
    named.add(channel);
  }
  dmFlagRules(a, [...named], (channel, key) => flagNameOf(channel as ChannelId, key, "onboard"));
  if (o.channels !== undefined) {
    a.set(
      "channels.select",
      o.channels.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean),
    );
  } else if (named.size > 0) {
    a.set("channels.select", [...named]);
  }
}
