/**
 * The auth-choice catalog: one entry per way of giving openclaw model
 * credentials. This data drives the interactive select (provider first, then
 * method), `--auth-choice <id>` (ids and flag names follow the public
 * OpenClaw CLI), the `--help` text, the equivalent command printed after an
 * interactive run, and the default model each choice sets.
 *
 * Pure data and tiny lookups only: `openclaw onboard --help` loads it.
 */

/** How a choice gets its credential; each kind has one handler in lib/auth/choices/. */
export type AuthKind =
  | "api-key"
  | "claude-cli"
  | "setup-token"
  | "codex-cli"
  | "openai-codex-oauth"
  | "generic-api-key"
  | "custom"
  | "skip";

/** The provider groups of the first question; "more" holds the long tail. */
export type AuthGroup = "anthropic" | "openai" | "xai" | "more" | "skip";

/** Which "list models" request checks a key (both are cheap and read-only). */
export type CheckApi = "openai" | "anthropic" | "anthropic-oauth";

/** A `models.providers.<id>` entry written for providers the gateway does not know built in. */
export interface ProviderEntry {
  baseUrl: string;
  api: "openai-completions" | "anthropic-messages";
  models: { id: string; name: string }[];
}

export interface AuthChoice {
  id: string;
  /** Other public ids that mean the same choice. */
  aliases?: string[];
  label: string;
  hint: string;
  group: AuthGroup;
  kind: AuthKind;
  /** Provider id in model refs and auth profiles ("anthropic", "openai-codex", …). */
  provider?: string;
  /** Environment variables that hold the key, in order of preference. */
  envVars?: string[];
  /** The flag that gives the key, e.g. "--openai-api-key"; its camelCase is the option key. */
  keyFlag?: string;
  /** Every flag this choice reads (for --help). */
  flags?: string[];
  /** What the choice writes, for --help and the README. */
  writes: string;
  /** The model set when the rules allow it (see lib/auth/model-rules.ts). */
  defaultModel?: string;
  /** Where to create a key, shown at the key prompt. */
  keyUrl?: string;
  /** The default base URL of the provider's API (overridable, see lib/auth/base-url.ts). */
  baseUrl?: string;
  /** How the live check lists models; absent: no cheap check exists. */
  check?: CheckApi;
  /** A models.providers entry to write (baseUrl is replaced by any override). */
  providerEntry?: ProviderEntry;
}

const PROFILES = "auth profile <provider>:default";

export const AUTH_CHOICES: readonly AuthChoice[] = [
  {
    id: "apiKey",
    label: "Anthropic API key",
    hint: "recommended",
    group: "anthropic",
    kind: "api-key",
    provider: "anthropic",
    envVars: ["ANTHROPIC_API_KEY"],
    keyFlag: "--anthropic-api-key",
    writes: PROFILES.replace("<provider>", "anthropic"),
    defaultModel: "anthropic/claude-sonnet-4-5",
    baseUrl: "https://api.anthropic.com/v1",
    check: "anthropic",
  },
  {
    id: "anthropic-cli",
    aliases: ["claude-cli"],
    label: "Reuse Claude Code's login",
    hint: "macOS Keychain or ~/.claude/.credentials.json",
    group: "anthropic",
    kind: "claude-cli",
    provider: "anthropic",
    writes: "credentials/oauth.json and auth profile anthropic:claude-cli (0600)",
    defaultModel: "anthropic/claude-sonnet-4-5",
    baseUrl: "https://api.anthropic.com/v1",
    check: "anthropic-oauth",
  },
  {
    id: "setup-token",
    aliases: ["oauth"],
    label: "Anthropic setup token",
    hint: "run `claude setup-token` anywhere, paste the token",
    group: "anthropic",
    kind: "setup-token",
    provider: "anthropic",
    flags: ["--token <token>", "--token-profile-id <id>"],
    writes: "auth profile anthropic:<name> (default: anthropic:default), 0600",
    defaultModel: "anthropic/claude-sonnet-4-5",
    baseUrl: "https://api.anthropic.com/v1",
    check: "anthropic-oauth",
  },
  {
    id: "codex-cli",
    label: "Reuse the Codex CLI's login",
    hint: "ChatGPT subscription, from ~/.codex/auth.json",
    group: "openai",
    kind: "codex-cli",
    provider: "openai-codex",
    writes: "credentials/oauth.json and auth profile openai-codex:default (0600)",
    defaultModel: "openai-codex/gpt-5.3-codex",
  },
  {
    id: "openai-codex",
    label: "Sign in with ChatGPT (OAuth)",
    hint: "OpenAI Code subscription, browser sign-in",
    group: "openai",
    kind: "openai-codex-oauth",
    provider: "openai-codex",
    writes: "credentials/oauth.json and auth profile openai-codex:default (0600)",
    defaultModel: "openai-codex/gpt-5.3-codex",
  },
  {
    id: "openai-api-key",
    label: "OpenAI API key",
    hint: "usage-based billing",
    group: "openai",
    kind: "api-key",
    provider: "openai",
    envVars: ["OPENAI_API_KEY"],
    keyFlag: "--openai-api-key",
    writes: "OPENAI_API_KEY in ~/.openclaw/.env (0600) and auth profile openai:default",
    defaultModel: "openai/gpt-5.1-codex",
    baseUrl: "https://api.openai.com/v1",
    check: "openai",
  },
  {
    id: "xai-api-key",
    label: "xAI (Grok) API key",
    hint: "console.x.ai",
    group: "xai",
    kind: "api-key",
    provider: "xai",
    envVars: ["XAI_API_KEY"],
    keyFlag: "--xai-api-key",
    writes: PROFILES.replace("<provider>", "xai"),
    defaultModel: "xai/grok-4",
    baseUrl: "https://api.x.ai/v1",
    check: "openai",
  },
  {
    id: "opencode-zen",
    label: "OpenCode Zen",
    hint: "one key for curated coding models",
    group: "more",
    kind: "api-key",
    provider: "opencode",
    envVars: ["OPENCODE_API_KEY", "OPENCODE_ZEN_API_KEY"],
    keyFlag: "--opencode-zen-api-key",
    keyUrl: "https://opencode.ai/auth",
    writes: PROFILES.replace("<provider>", "opencode"),
    defaultModel: "opencode/claude-opus-4-5",
    baseUrl: "https://opencode.ai/zen/v1",
    check: "openai",
  },
  {
    id: "ai-gateway-api-key",
    label: "Vercel AI Gateway",
    hint: "many providers behind one key",
    group: "more",
    kind: "api-key",
    provider: "vercel-ai-gateway",
    envVars: ["AI_GATEWAY_API_KEY"],
    keyFlag: "--ai-gateway-api-key",
    writes: PROFILES.replace("<provider>", "vercel-ai-gateway"),
    defaultModel: "vercel-ai-gateway/anthropic/claude-sonnet-4.5",
    baseUrl: "https://ai-gateway.vercel.sh/v1",
    check: "openai",
  },
  {
    id: "cloudflare-ai-gateway-api-key",
    label: "Cloudflare AI Gateway",
    hint: "account id + gateway id + API key",
    group: "more",
    kind: "api-key",
    provider: "cloudflare-ai-gateway",
    envVars: ["CLOUDFLARE_AI_GATEWAY_API_KEY"],
    keyFlag: "--cloudflare-ai-gateway-api-key",
    flags: [
      "--cloudflare-ai-gateway-account-id <id>",
      "--cloudflare-ai-gateway-gateway-id <id>",
    ],
    writes: "auth profile cloudflare-ai-gateway:default and models.providers.cloudflare-ai-gateway",
    defaultModel: "cloudflare-ai-gateway/claude-sonnet-4-5",
    // <account>/<gateway> are filled in from the answers.
    baseUrl: "https://gateway.ai.cloudflare.com/v1/<account>/<gateway>/anthropic",
    providerEntry: {
      baseUrl: "",
      api: "anthropic-messages",
      models: [{ id: "claude-sonnet-4-5", name: "Claude Sonnet 4.5 (via Cloudflare)" }],
    },
  },
  {
    id: "synthetic-api-key",
    label: "Synthetic",
    hint: "Anthropic-compatible, open models",
    group: "more",
    kind: "api-key",
    provider: "synthetic",
    envVars: ["SYNTHETIC_API_KEY"],
    keyFlag: "--synthetic-api-key",
    writes: "auth profile synthetic:default and models.providers.synthetic",
    defaultModel: "synthetic/hf:MiniMaxAI/MiniMax-M2.1",
    baseUrl: "https://api.synthetic.new/anthropic",
    check: "anthropic",
    providerEntry: {
      baseUrl: "",
      api: "anthropic-messages",
      models: [{ id: "hf:MiniMaxAI/MiniMax-M2.1", name: "MiniMax M2.1" }],
    },
  },
  {
    id: "minimax-api",
    label: "MiniMax M2.1",
    hint: "MiniMax API key",
    group: "more",
    kind: "api-key",
    provider: "minimax",
    envVars: ["MINIMAX_API_KEY"],
    keyFlag: "--minimax-api-key",
    writes: "auth profile minimax:default and models.providers.minimax",
    defaultModel: "minimax/MiniMax-M2.1",
    baseUrl: "https://api.minimax.io/anthropic",
    check: "anthropic",
    providerEntry: {
      baseUrl: "",
      api: "anthropic-messages",
      models: [{ id: "MiniMax-M2.1", name: "MiniMax M2.1" }],
    },
  },
  {
    id: "moonshot-api-key",
    label: "Moonshot (Kimi K2)",
    hint: "platform.moonshot.ai",
    group: "more",
    kind: "api-key",
    provider: "moonshot",
    envVars: ["MOONSHOT_API_KEY"],
    keyFlag: "--moonshot-api-key",
    writes: "auth profile moonshot:default and models.providers.moonshot",
    defaultModel: "moonshot/kimi-k2-0905-preview",
    baseUrl: "https://api.moonshot.ai/v1",
    check: "openai",
    providerEntry: {
      baseUrl: "",
      api: "openai-completions",
      models: [{ id: "kimi-k2-0905-preview", name: "Kimi K2" }],
    },
  },
  {
    id: "kimi-code-api-key",
    label: "Kimi Coding",
    hint: "Kimi Code subscription key",
    group: "more",
    kind: "api-key",
    provider: "kimi-coding",
    envVars: ["KIMI_API_KEY", "KIMICODE_API_KEY"],
    keyFlag: "--kimi-code-api-key",
    writes: "auth profile kimi-coding:default and models.providers.kimi-coding",
    defaultModel: "kimi-coding/k2p5",
    baseUrl: "https://api.kimi.com/coding",
    check: "anthropic",
    providerEntry: {
      baseUrl: "",
      api: "anthropic-messages",
      models: [{ id: "k2p5", name: "Kimi for Coding" }],
    },
  },
  {
    // Ids, flag, variable and model follow the public OpenClaw CLI (docs/providers/zai):
    // Z.AI's general API, OpenAI-compatible, Bearer auth.
    id: "zai-api-key",
    label: "GLM (Z.AI)",
    hint: "Z.AI API key",
    group: "more",
    kind: "api-key",
    provider: "zai",
    envVars: ["ZAI_API_KEY"],
    keyFlag: "--zai-api-key",
    writes: "auth profile zai:default and models.providers.zai",
    defaultModel: "zai/glm-4.7",
    baseUrl: "https://api.z.ai/api/paas/v4",
    check: "openai",
    providerEntry: {
      baseUrl: "",
      api: "openai-completions",
      models: [{ id: "glm-4.7", name: "GLM-4.7" }],
    },
  },
  {
    id: "token",
    label: "API key for another provider",
    hint: "stores a key under a provider id you name",
    group: "more",
    kind: "generic-api-key",
    flags: ["--token-provider <id>", "--token <key>", "--token-profile-id <id>"],
    writes: "auth profile <provider>:default (or --token-profile-id), 0600",
  },
  {
    id: "custom-api-key",
    label: "Custom provider",
    hint: "any OpenAI- or Anthropic-compatible endpoint",
    group: "more",
    kind: "custom",
    envVars: ["CUSTOM_API_KEY"],
    flags: [
      "--custom-base-url <url>",
      "--custom-model-id <id>",
      "--custom-api-key <key>",
      "--custom-provider-id <id>",
      "--custom-compatibility <openai|anthropic>",
    ],
    writes: "models.providers.<id> and, with a key, auth profile <id>:default",
  },
  {
    id: "skip",
    label: "Skip for now",
    hint: "set up model auth later",
    group: "skip",
    kind: "skip",
    writes: "nothing",
  },
];

export interface AuthGroupInfo {
  id: AuthGroup;
  label: string;
  hint?: string;
}

/** The first question's options, in order. */
export const AUTH_GROUPS: readonly AuthGroupInfo[] = [
  { id: "anthropic", label: "Anthropic", hint: "API key, Claude Code login or setup token" },
  { id: "openai", label: "OpenAI", hint: "Codex login, ChatGPT sign-in or API key" },
  { id: "xai", label: "xAI (Grok)" },
  {
    id: "more",
    label: "More…",
    hint: "OpenCode Zen, AI gateways, MiniMax, GLM, Moonshot, custom…",
  },
  { id: "skip", label: "Skip for now", hint: "set up model auth later" },
];

/** The entry for an id or alias (case-sensitive, as the public CLI). */
export function findAuthChoice(id: string): AuthChoice | undefined {
  return AUTH_CHOICES.find((c) => c.id === id || c.aliases?.includes(id));
}

export function authChoice(id: string): AuthChoice {
  const c = findAuthChoice(id);
  if (!c) throw new Error(`unknown auth choice ${id}`);
  return c;
}

/** Every accepted --auth-choice value: ids, then aliases. */
export function authChoiceIds(): string[] {
  return [
    ...AUTH_CHOICES.map((c) => c.id),
    ...AUTH_CHOICES.flatMap((c) => c.aliases ?? []),
  ];
}

export function choicesOfGroup(group: AuthGroup): AuthChoice[] {
  return AUTH_CHOICES.filter((c) => c.group === group);
}

/** "--openai-api-key" → "openaiApiKey": the commander option key of a flag. */
export function optionKeyOf(flag: string): string {
  return flag.replace(/^--/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The choices that take one key through their own flag and environment variables. */
export function keyChoices(): (AuthChoice & { keyFlag: string })[] {
  return AUTH_CHOICES.filter((c): c is AuthChoice & { keyFlag: string } => !!c.keyFlag);
}

/** The profile id a choice writes by default. */
export function defaultProfileId(provider: string, name = "default"): string {
  return `${provider}:${name}`;
}
