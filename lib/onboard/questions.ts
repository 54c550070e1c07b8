/**
 * Every onboarding question's id and the flag that answers it. Prompts,
 * tests and the gateway's wizard RPC key on the ids; the non-interactive
 * contract (exit 2 naming missing flags) comes from the flags.
 */
import type { OnboardOptions } from "./options.ts";
import { attributeName, onboardChannelFlags, questionId } from "../channels/flags.ts";

export const Q = {
  existing: { id: "config.existing", flag: "--reset" },
  resetScope: { id: "config.resetScope", flag: "--reset-scope <scope>" },
  risk: { id: "risk.accept", flag: "--accept-risk" },
  flow: { id: "flow", flag: "--flow <quickstart|advanced>" },
  authChoice: { id: "auth.choice", flag: "--auth-choice <apiKey|skip>" },
  useEnvKey: { id: "auth.useEnvKey", flag: "--anthropic-api-key <key>" },
  anthropicApiKey: { id: "auth.anthropicApiKey", flag: "--anthropic-api-key <key>" },
  workspace: { id: "workspace", flag: "--workspace <dir>" },
  gatewayPort: { id: "gateway.port", flag: "--gateway-port <port>" },
  gatewayBind: { id: "gateway.bind", flag: "--gateway-bind <mode>" },
  gatewayCustomBindHost: {
    id: "gateway.customBindHost",
    flag: "--gateway-custom-bind-host <host>",
  },
  gatewayAuth: { id: "gateway.auth", flag: "--gateway-auth <mode>" },
  gatewayAuthNoneConfirm: { id: "gateway.authNoneConfirm", flag: "--gateway-auth none" },
  gatewayToken: { id: "gateway.token", flag: "--gateway-token <token>" },
  gatewayPassword: { id: "gateway.password", flag: "--gateway-password <password>" },
  tailscale: { id: "gateway.tailscale", flag: "--tailscale <mode>" },
} as const;

/** The answers a non-interactive run's flags give, keyed by question id. */
export function answersFromOptions(o: OnboardOptions): Map<string, unknown> {
  const a = new Map<string, unknown>();
  const set = (id: string, v: unknown) => v !== undefined && a.set(id, v);
  if (o.reset) set(Q.existing.id, "reset");
  set(Q.resetScope.id, o.resetScope ?? (o.reset ? "config+creds+sessions" : undefined));
  if (o.acceptRisk) set(Q.risk.id, true);
  set(Q.flow.id, o.flow === "manual" ? "advanced" : o.flow);
  set(Q.authChoice.id, o.authChoice ?? (o.anthropicApiKey ? "apiKey" : undefined));
  if (o.anthropicApiKey) set(Q.useEnvKey.id, false);
  set(Q.anthropicApiKey.id, o.anthropicApiKey);
  set(Q.workspace.id, o.workspace);
  set(Q.gatewayPort.id, o.gatewayPort);
  set(Q.gatewayBind.id, o.gatewayBind);
  set(Q.gatewayCustomBindHost.id, o.gatewayCustomBindHost);
  set(Q.gatewayAuth.id, o.gatewayAuth);
  if (o.gatewayAuth === "none") set(Q.gatewayAuthNoneConfirm.id, true);
  set(Q.gatewayToken.id, o.gatewayToken);
  set(Q.gatewayPassword.id, o.gatewayPassword);
  set(Q.tailscale.id, o.tailscale);
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
  if (o.channels !== undefined) {
    a.set(
      "channels.select",
      o.channels.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean),
    );
  } else if (named.size > 0) {
    a.set("channels.select", [...named]);
  }
}
