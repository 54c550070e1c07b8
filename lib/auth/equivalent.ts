/**
 * The flags that repeat an auth choice without questions, for the command
 * printed after an interactive run. Secrets appear as environment variable
 * references, never as values.
 */
import type { ObtainedCredential } from "./choices/types.ts";

export function authEquivalentArgs(cred: ObtainedCredential): string[] {
  const c = cred.choice;
  // A ChatGPT sign-in needs a browser, which a run without questions refuses: the command
  // keeps the login saved by this run instead (the caller adds --model and says so).
  if (c.kind === "openai-codex-oauth") return ["--auth-choice", "skip"];
  const args = ["--auth-choice", c.id];
  if (c.keyFlag) {
    args.push(c.keyFlag, `"$${c.envVars?.[0] ?? "API_KEY"}"`);
    const meta = cred.profile?.metadata as { accountId?: string; gatewayId?: string } | undefined;
    if (meta?.accountId) args.push("--cloudflare-ai-gateway-account-id", meta.accountId);
    if (meta?.gatewayId) args.push("--cloudflare-ai-gateway-gateway-id", meta.gatewayId);
  }
  if (c.kind === "setup-token" || c.kind === "generic-api-key") {
    if (c.kind === "generic-api-key") args.push("--token-provider", cred.provider);
    const envName = c.kind === "setup-token"
      ? "ANTHROPIC_SETUP_TOKEN"
      : `${cred.provider.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_API_KEY`;
    args.push("--token", `"$${envName}"`);
    if (cred.profileId && cred.profileId !== `${cred.provider}:default`) {
      args.push("--token-profile-id", cred.profileId);
    }
  }
  if (c.kind === "custom" && cred.providerEntry) {
    const e = cred.providerEntry.entry;
    args.push(
      "--custom-base-url",
      e.baseUrl,
      "--custom-model-id",
      e.models[0].id,
      "--custom-provider-id",
      cred.providerEntry.id,
      "--custom-compatibility",
      e.api === "openai-completions" ? "openai" : "anthropic",
    );
    if (cred.profile) args.push("--custom-api-key", '"$CUSTOM_API_KEY"');
  }
  return args;
}
