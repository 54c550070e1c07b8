/**
 * Remote mode: point this machine at a gateway running elsewhere. Nothing is
 * installed or changed on the remote host; this writes gateway.mode =
 * "remote" and gateway.remote.{url, token|password}. Gateways found on the
 * local network (dns-sd / avahi-browse) are offered first; the URL can always
 * be typed. The gateway is then tried (connect + health): a failure is a
 * warning with advice, since the gateway may just be off right now.
 */
import type { StepContext } from "../types.ts";
import type { PlanPart } from "../../plan/types.ts";
import { Q } from "../questions.ts";
import { validatorFor } from "../../config/validator-for.ts";
import { newInputOnly, validateGatewaySecret, weakKeptSecret } from "../../config/validators.ts";
import { GatewayRemoteSchema } from "../../config/schema.ts";
import { discoverGateways, type FoundGateway } from "../../remote/discovery.ts";
import { probeRemoteGateway, type RemoteProbe } from "../../remote/probe.ts";
import { cli } from "../../platform/invocation.ts";

export type RemoteAuthMode = "token" | "password" | "none";

const validateRemoteUrl = validatorFor(GatewayRemoteSchema, (s) => ({ url: s.trim() }));
const TYPE_URL = "\u0000type";

export async function remoteStep(ctx: StepContext): Promise<PlanPart> {
  const { prompter, options } = ctx;
  const existing = ctx.base.gateway?.remote;
  const found = await offerDiscovered(ctx);
  const url = (await prompter.text({
    ...Q.remoteUrl,
    message: "Gateway URL (ws:// or wss://)",
    placeholder: "ws://gateway-host:18789/",
    initialValue: found ?? existing?.url,
    required: !found && !existing?.url,
    silent: found !== undefined || (ctx.keepExisting && existing?.url !== undefined),
    validate: validateRemoteUrl,
  })).trim();

  const existingMode: RemoteAuthMode = existing?.password
    ? "password"
    : existing?.token
    ? "token"
    : "none";
  const authMode = await prompter.select<RemoteAuthMode>({
    ...Q.remoteAuth,
    message: "How does that gateway check clients?",
    options: [
      { value: "token", label: "Token", hint: "recommended" },
      { value: "password", label: "Password" },
      { value: "none", label: "No auth", hint: "only if it accepts anyone who can reach it" },
    ],
    // Without a secret flag, a non-interactive run means "no auth" (the probe says if it is not).
    initialValue: existing ? existingMode : prompter.interactive ? "token" : "none",
    silent: ctx.keepExisting && existing !== undefined,
  });
  const kept = authMode === "token" ? existing?.token : existing?.password;
  const secret = authMode === "none" ? undefined : (await prompter.text({
    ...(authMode === "token" ? Q.remoteToken : Q.remotePassword),
    message: authMode === "token" ? "Gateway token" : "Gateway password",
    sensitive: true,
    required: !kept,
    initialValue: kept,
    silent: ctx.keepExisting && kept !== undefined,
    // The saved secret is the remote gateway's to judge (the public CLI allows short ones).
    validate: newInputOnly(kept, validateGatewaySecret),
  })).trim();
  const weak = secret === undefined ? undefined : weakKeptSecret(kept, secret);
  if (weak) {
    await prompter.note(
      `The saved remote ${authMode} is kept as it is, though a new one would be refused: ${weak} ` +
        "A short secret is easy to guess; change it on the gateway when you can.",
      "Short remote secret",
    );
  }

  const probe = options.skipHealth ? undefined : await tryGateway(ctx, url, authMode, secret);
  return {
    configEdits: [
      { path: ["gateway", "mode"], value: "remote" },
      { path: ["gateway", "remote", "url"], value: url },
      { path: ["gateway", "remote", "token"], value: authMode === "token" ? secret : undefined },
      {
        path: ["gateway", "remote", "password"],
        value: authMode === "password" ? secret : undefined,
      },
    ],
    secrets: secret ? [secret] : [],
    summary: { remote: { url, authMode, probe: probe?.verdict ?? "skipped" } },
    nextSteps: [
      `Talk to the remote gateway: ${cli("health")}, ${cli("status")}`,
      ...(probe && probe.verdict !== "ok" ? [probe.advice.join("\n  ")] : []),
    ],
  };
}

/** Browse the local network when asking on a terminal; the chosen gateway's URL, if any. */
async function offerDiscovered(ctx: StepContext): Promise<string | undefined> {
  const { prompter, options, host } = ctx;
  if (!prompter.interactive || options.remoteUrl || ctx.keepExisting) return undefined;
  const spin = prompter.progress("Looking for gateways on the local network");
  const result = await discoverGateways(host);
  if (result.tool === undefined) {
    spin.stop("Skipped the local network search.");
    await prompter.note(result.hint, "Discovery");
    return undefined;
  }
  const gateways: FoundGateway[] = result.gateways;
  spin.stop(
    gateways.length === 0
      ? "No gateway announced itself on the local network."
      : `Found ${gateways.length} gateway(s) on the local network.`,
  );
  if (gateways.length === 0) return undefined;
  const picked = await prompter.select<string>({
    ...Q.remoteDiscovered,
    message: "Which gateway?",
    options: [
      ...gateways.map((g) => ({ value: g.url, label: g.name, hint: g.url })),
      { value: TYPE_URL, label: "Another one: type its URL" },
    ],
    initialValue: gateways[0].url,
  });
  return picked === TYPE_URL ? undefined : picked;
}

async function tryGateway(
  ctx: StepContext,
  url: string,
  authMode: RemoteAuthMode,
  secret: string | undefined,
): Promise<RemoteProbe> {
  const spin = ctx.prompter.progress(`Trying the gateway at ${url}`);
  const probe = await probeRemoteGateway({
    url,
    token: authMode === "token" ? secret : undefined,
    password: authMode === "password" ? secret : undefined,
  });
  spin.stop(probe.message);
  if (probe.verdict !== "ok") {
    await ctx.prompter.note(
      "The settings are saved anyway. What to do about it is in the next steps below.",
      "The gateway check failed",
    );
  }
  return probe;
}
