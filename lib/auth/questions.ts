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
import { directAnswers, type Question } from "../wizard/question.ts";

export const AUTH_CHOICE_FLAG = "--auth-choice <id>";
export const MANUAL_MODEL = "\u0000manual";

export const AQ = {
  provider: {
    id: "auth.provider",
    flag: AUTH_CHOICE_FLAG,
    help: "model auth: apiKey, anthropic-cli, setup-token, codex-cli, openai-codex, " +
      "openai-api-key, … or skip (all ids below)",
    derived: true,
  },
  method: { id: "auth.method", flag: AUTH_CHOICE_FLAG, derived: true },
  cloudflareAccountId: {
    id: "auth.cloudflareAccountId",
    flag: "--cloudflare-ai-gateway-account-id <id>",
    help: "Cloudflare account id",
  },
  cloudflareGatewayId: {
    id: "auth.cloudflareGatewayId",
    flag: "--cloudflare-ai-gateway-gateway-id <id>",
    help: "Cloudflare AI Gateway id",
  },
  setupToken: {
    id: "auth.setupToken",
    flag: "--token <token>",
    secret: true,
    env: "OPENCLAW_AUTH_TOKEN",
  },
  token: {
    id: "auth.token",
    flag: "--token <key>",
    option: "--token <token>",
    help: "setup token (Anthropic) or key for --token-provider",
    secret: true,
    env: "OPENCLAW_AUTH_TOKEN",
  },
  tokenProvider: {
    id: "auth.tokenProvider",
    flag: "--token-provider <id>",
    help: "provider of --token (default anthropic)",
  },
  tokenProfileName: {
    id: "auth.tokenProfileName",
    flag: "--token-profile-id <id>",
    help: "auth profile name for --token (default: default)",
  },
  customBaseUrl: {
    id: "auth.customBaseUrl",
    flag: "--custom-base-url <url>",
    help: "custom provider: base URL (http or https)",
  },
  customModelId: {
    id: "auth.customModelId",
    flag: "--custom-model-id <id>",
    help: "custom provider: model id",
  },
  customApiKey: {
    id: "auth.customApiKey",
    flag: "--custom-api-key <key>",
    help: "custom provider: API key (default: $CUSTOM_API_KEY)",
    secret: true,
    env: "CUSTOM_API_KEY",
    envReadByStep: true,
    derived: true,
  },
  customApiKeyFromEnv: {
    id: "auth.customApiKey.useEnv",
    flag: "--custom-api-key <key>",
    derived: true,
  },
  customProviderId: {
    id: "auth.customProviderId",
    flag: "--custom-provider-id <id>",
    help: "custom provider: id (default: derived from the URL)",
  },
  customCompatibility: {
    id: "auth.customCompatibility",
    flag: "--custom-compatibility <openai|anthropic>",
    option: "--custom-compatibility <api>",
    help: "custom provider: API style (default openai)",
    choices: ["openai", "anthropic"],
    labels: {
      openai: { label: "OpenAI-compatible", hint: "/chat/completions" },
      anthropic: { label: "Anthropic-compatible", hint: "/v1/messages" },
    },
  },
  openaiCodexCode: { id: "auth.openaiCodexCode" },
  model: {
    id: "auth.model",
    flag: "--model <provider/model>",
    help: "the agents' default model, e.g. anthropic/claude-opus-4-5",
    derived: true,
  },
  modelManual: { id: "auth.modelManual", flag: "--model <provider/model>", derived: true },
  importCredentials: {
    id: "auth.importCredentials",
    flag: "--import-credentials",
    help: "import the auth profiles of the public OpenClaw CLI's credential store " +
      "(~/.openclaw/state/openclaw.sqlite, only read) into the agents' auth-profiles.json; " +
      "asked on a terminal, not done without this flag otherwise",
  },
} as const satisfies Record<string, Question>;

/**
 * The key question of an API-key choice: id "auth.<optionKey>", e.g.
 * auth.openaiApiKey. The step reads the choice's variable itself (and asks
 * before using it), so the variable answers nothing by itself.
 */
export function keyQuestion(choice: AuthChoice & { keyFlag: string }) {
  const key = optionKeyOf(choice.keyFlag);
  const flag = `${choice.keyFlag} <key>`;
  return {
    key: {
      id: `auth.${key}`,
      flag,
      help: `${choice.label.replace(/ API key$/, "")} API key (default: $${
        choice.envVars?.join(" or $")
      })`,
      secret: true,
      env: choice.envVars?.[0],
      envReadByStep: true,
    },
    fromEnv: { id: `auth.${key}.useEnv`, flag, derived: true },
  } satisfies Record<string, Question>;
}

/** Every auth flag, in --help order: the choice, each provider's key, then the rest. */
export function authFlags(): Question[] {
  const { provider, ...rest } = AQ;
  return [provider, ...keyChoices().map((c) => keyQuestion(c).key), ...Object.values(rest)];
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
  directAnswers(Object.values(AQ), o, set);
  if (o.customApiKey !== undefined) {
    set(AQ.customApiKey.id, o.customApiKey);
    set(AQ.customApiKeyFromEnv.id, false);
  }
  if (o.model !== undefined) {
    set(AQ.model.id, MANUAL_MODEL);
    set(AQ.modelManual.id, o.model);
  }
}
