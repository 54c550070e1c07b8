/**
 * The flags that repeat an auth choice without questions, for the command
 * printed after an interactive run, as declared flags with their values:
 * the renderer (lib/wizard/equivalent-command.ts) prints the secret ones
 * as environment variable references, never as values.
 */
import type { ObtainedCredential } from "./choices/types.ts";
import type { AuthChoice } from "./catalog.ts";
import { AQ, keyQuestion } from "./questions.ts";
import type { FlagArg } from "../wizard/equivalent-command.ts";

export function authEquivalentArgs(cred: ObtainedCredential): FlagArg[] {
  const c = cred.choice;
  // A ChatGPT sign-in needs a browser, which a run without questions refuses: the command
  // keeps the login saved by this run instead (the caller adds --model and says so).
  if (c.kind === "openai-codex-oauth") return [{ flag: AQ.provider, value: "skip" }];
  const args: FlagArg[] = [{ flag: AQ.provider, value: c.id }];
  if (c.keyFlag) {
    args.push(keyArg(c as AuthChoice & { keyFlag: string }));
    const meta = cred.profile?.metadata as { accountId?: string; gatewayId?: string } | undefined;
    if (meta?.accountId) args.push({ flag: AQ.cloudflareAccountId, value: meta.accountId });
    if (meta?.gatewayId) args.push({ flag: AQ.cloudflareGatewayId, value: meta.gatewayId });
  }
  if (c.kind === "setup-token" || c.kind === "generic-api-key") {
    if (c.kind === "generic-api-key") args.push({ flag: AQ.tokenProvider, value: cred.provider });
    const env = c.kind === "setup-token"
      ? "ANTHROPIC_SETUP_TOKEN"
      : `${cred.provider.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_API_KEY`;
    args.push({ flag: AQ.token, env });
    if (cred.profileId && cred.profileId !== `${cred.provider}:default`) {
      args.push({ flag: AQ.tokenProfileName, value: cred.profileId });
    }
  }
  if (c.kind === "custom" && cred.providerEntry) {
    const e = cred.providerEntry.entry;
    args.push(
      { flag: AQ.customBaseUrl, value: e.baseUrl },
      { flag: AQ.customModelId, value: e.models[0].id },
      { flag: AQ.customProviderId, value: cred.providerEntry.id },
      {
        flag: AQ.customCompatibility,
        value: e.api === "openai-completions" ? "openai" : "anthropic",
      },
    );
    if (cred.profile) args.push({ flag: AQ.customApiKey });
  }
  return args;
}

/** The key flag of an API-key choice: a secret, so its variable stands for the key. */
export function keyArg(choice: AuthChoice & { keyFlag: string }): FlagArg {
  return { flag: keyQuestion(choice).key };
}
