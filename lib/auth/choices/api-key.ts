/**
 * The API-key choices (Anthropic, OpenAI, xAI, OpenCode Zen, Vercel AI
 * Gateway, Cloudflare AI Gateway, Synthetic, MiniMax, Moonshot, Kimi
 * Coding): the key comes from its flag, its environment variable (after a
 * yes) or a prompt; it is checked live where the provider can list models,
 * and saved in the auth profile <provider>:default. The OpenAI key also goes
 * to ~/.openclaw/.env so the service can read it; providers the gateway does
 * not know built in get their models.providers entry.
 */
import type { AuthChoice } from "../catalog.ts";
import { maskSecret } from "../profiles.ts";
import { providerBaseUrl } from "../base-url.ts";
import { keyValidator } from "../validators.ts";
import { AQ, keyQuestion } from "../questions.ts";
import type { AuthChoiceContext, ChoiceHandler, ObtainedCredential } from "./types.ts";
import { askAndVerify } from "./verify.ts";

export const apiKeyChoice: ChoiceHandler = async (ctx, choice) => {
  const provider = choice.provider!;
  const extra = choice.id === "cloudflare-ai-gateway-api-key"
    ? await askCloudflareIds(ctx)
    : undefined;
  const fallbackBase = (choice.baseUrl ?? "")
    .replace("<account>", extra?.accountId ?? "")
    .replace("<gateway>", extra?.gatewayId ?? "");
  const baseUrl = providerBaseUrl(ctx.host, provider, fallbackBase);
  const { secret: key, check } = await askAndVerify(ctx, {
    name: providerName(choice),
    ask: (allowEnv) => askKey(ctx, choice, allowEnv),
    api: choice.check,
    baseUrl,
  });
  const cred: ObtainedCredential = {
    choice,
    provider,
    profileId: `${provider}:default`,
    profile: { type: "api_key", provider, key, ...(extra ? { metadata: extra } : {}) },
    secrets: [key],
    check,
  };
  if (choice.id === "openai-api-key") cred.envVar = { name: "OPENAI_API_KEY", value: key };
  if (choice.providerEntry) {
    cred.providerEntry = { id: provider, entry: { ...choice.providerEntry, baseUrl } };
  }
  return cred;
};

export function providerName(choice: AuthChoice): string {
  return choice.label.replace(/ API key$/, "").replace(/ \(.*\)$/, "");
}

/** The environment's key (first variable set), if any. */
export function envKey(
  ctx: AuthChoiceContext,
  choice: AuthChoice,
): { name: string; value: string } | undefined {
  for (const name of choice.envVars ?? []) {
    const value = ctx.host.env(name)?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

async function askKey(
  ctx: AuthChoiceContext,
  choice: AuthChoice & { keyFlag?: string },
  allowEnv: boolean,
): Promise<string> {
  const q = keyQuestion(choice as AuthChoice & { keyFlag: string });
  const validate = keyValidator(choice);
  const env = envKey(ctx, choice);
  if (allowEnv && env && !validate(env.value)) {
    const useEnv = await ctx.prompter.confirm({
      ...q.fromEnv,
      message: `Use ${env.name} from your environment (${maskSecret(env.value)})?`,
      initialValue: true,
    });
    if (useEnv) return env.value;
  }
  const key = await ctx.prompter.text({
    ...q.key,
    message: (choice.id === "apiKey" ? "Anthropic API key" : `${providerName(choice)} API key`) +
      (choice.keyUrl ? ` (get one at ${choice.keyUrl})` : ""),
    placeholder: choice.id === "apiKey" ? "sk-ant-…" : undefined,
    sensitive: true,
    required: true,
    validate,
  });
  return key.trim();
}

async function askCloudflareIds(
  ctx: AuthChoiceContext,
): Promise<{ accountId: string; gatewayId: string }> {
  const id = (what: string) => (v: string) =>
    /^[A-Za-z0-9_-]{1,64}$/.test(v.trim())
      ? undefined
      : `Enter the Cloudflare ${what} (letters, digits, '-' and '_'), from the AI Gateway dashboard.`;
  const accountId = await ctx.prompter.text({
    ...AQ.cloudflareAccountId,
    message: "Cloudflare account id",
    required: true,
    validate: id("account id"),
  });
  const gatewayId = await ctx.prompter.text({
    ...AQ.cloudflareGatewayId,
    message: "Cloudflare AI Gateway id",
    required: true,
    validate: id("gateway id"),
  });
  return { accountId: accountId.trim(), gatewayId: gatewayId.trim() };
}
