/**
 * The auth step's question ids and the flags that answer them, and the
 * mapping from parsed options to answers (used by lib/onboard/questions.ts).
 */
import { UsageError } from "../errors.ts";
import {
  type AuthChoice,
  authChoiceIds,
  findAuthChoice,
  keyChoices,
  optionKeyOf,
} from "./catalog.ts";
import { cli } from "../platform/invocation.ts";

export const AUTH_CHOICE_FLAG = "--auth-choice <id>";
export const MANUAL_MODEL = "\u0000manual";

export const AQ = {
  provider: { id: "auth.provider", flag: AUTH_CHOICE_FLAG },
  method: { id: "auth.method", flag: AUTH_CHOICE_FLAG },
  cloudflareAccountId: {
    id: "auth.cloudflareAccountId",
    flag: "--cloudflare-ai-gateway-account-id <id>",
  },
  cloudflareGatewayId: {
    id: "auth.cloudflareGatewayId",
    flag: "--cloudflare-ai-gateway-gateway-id <id>",
  },
  setupToken: { id: "auth.setupToken", flag: "--token <token>", env: "OPENCLAW_AUTH_TOKEN" },
  tokenProfileName: { id: "auth.tokenProfileName", flag: "--token-profile-id <id>" },
  tokenProvider: { id: "auth.tokenProvider", flag: "--token-provider <id>" },
  token: { id: "auth.token", flag: "--token <key>", env: "OPENCLAW_AUTH_TOKEN" },
  customBaseUrl: { id: "auth.customBaseUrl", flag: "--custom-base-url <url>" },
  customCompatibility: {
    id: "auth.customCompatibility",
    flag: "--custom-compatibility <openai|anthropic>",
  },
  customModelId: { id: "auth.customModelId", flag: "--custom-model-id <id>" },
  customProviderId: { id: "auth.customProviderId", flag: "--custom-provider-id <id>" },
  customApiKey: { id: "auth.customApiKey", flag: "--custom-api-key <key>" },
  customApiKeyFromEnv: { id: "auth.customApiKey.useEnv", flag: "--custom-api-key <key>" },
  openaiCodexCode: { id: "auth.openaiCodexCode" },
  model: { id: "auth.model", flag: "--model <provider/model>" },
  modelManual: { id: "auth.modelManual", flag: "--model <provider/model>" },
} as const;

/** The key question of an API-key choice: id "auth.<optionKey>", e.g. auth.openaiApiKey. */
export function keyQuestion(choice: AuthChoice & { keyFlag: string }) {
  const key = optionKeyOf(choice.keyFlag);
  return {
    key: { id: `auth.${key}`, flag: `${choice.keyFlag} <key>` },
    fromEnv: { id: `auth.${key}.useEnv`, flag: `${choice.keyFlag} <key>` },
  };
}

/** The auth options as parsed (commander camelCase keys). */
export type AuthOptionValues = Record<string, unknown> & {
  authChoice?: string;
  token?: string;
  tokenProvider?: string;
  tokenProfileId?: string;
  customBaseUrl?: string;
  customModelId?: string;
  customApiKey?: string;
  customProviderId?: string;
  customCompatibility?: string;
  cloudflareAiGatewayAccountId?: string;
  cloudflareAiGatewayGatewayId?: string;
  model?: string;
};

/** Reject an unknown --auth-choice with the list of valid ids (exit 2). */
export function assertKnownAuthChoice(value: unknown): void {
  if (value === undefined) return;
  if (typeof value === "string" && findAuthChoice(value)) return;
  throw new UsageError(
    `--auth-choice: unknown choice "${String(value)}".\nValid ids: ${
      authChoiceIds().join(", ")
    }.\n` +
      `See \`${cli("onboard --help")}\` for what each one does.`,
    ["--auth-choice"],
  );
}

/**
 * The catalog id the flags ask for. `token` with the provider anthropic (or
 * none) is the Anthropic setup token, as in the public CLI; `apiKey` with
 * another --token-provider is the generic key. Without --auth-choice, the
 * first key flag given picks its choice.
 */
export function resolveAuthChoice(o: AuthOptionValues): string | undefined {
  const otherProvider = o.tokenProvider !== undefined && o.tokenProvider !== "anthropic";
  if (o.authChoice) {
    const id = findAuthChoice(o.authChoice)?.id ?? o.authChoice;
    if (id === "token" && !otherProvider) return "setup-token";
    if (id === "apiKey" && otherProvider && o.token) return "token";
    return id;
  }
  const byKey = keyChoices().find((c) => o[optionKeyOf(c.keyFlag)] !== undefined);
  if (byKey) return byKey.id;
  if (o.token) return otherProvider ? "token" : "setup-token";
  if (o.customBaseUrl) return "custom-api-key";
  return undefined;
}

/** Set the auth questions' answers from the options. */
export function authAnswersFromOptions(
  o: AuthOptionValues,
  set: (id: string, v: unknown) => void,
): void {
  const id = resolveAuthChoice(o);
  if (id) {
    set(AQ.provider.id, findAuthChoice(id)!.group);
    set(AQ.method.id, id);
  }
  for (const c of keyChoices()) {
    const v = o[optionKeyOf(c.keyFlag)];
    if (v === undefined) continue;
    const q = keyQuestion(c);
    set(q.key.id, v);
    set(q.fromEnv.id, false);
  }
  set(AQ.cloudflareAccountId.id, o.cloudflareAiGatewayAccountId);
  set(AQ.cloudflareGatewayId.id, o.cloudflareAiGatewayGatewayId);
  set(AQ.setupToken.id, o.token);
  set(AQ.token.id, o.token);
  set(AQ.tokenProvider.id, o.tokenProvider);
  set(AQ.tokenProfileName.id, o.tokenProfileId);
  set(AQ.customBaseUrl.id, o.customBaseUrl);
  set(AQ.customCompatibility.id, o.customCompatibility);
  set(AQ.customModelId.id, o.customModelId);
  set(AQ.customProviderId.id, o.customProviderId);
  if (o.customApiKey !== undefined) {
    set(AQ.customApiKey.id, o.customApiKey);
    set(AQ.customApiKeyFromEnv.id, false);
  }
  if (o.model !== undefined) {
    set(AQ.model.id, MANUAL_MODEL);
    set(AQ.modelManual.id, o.model);
  }
}
