/**
 * The checks on what users paste or pass for auth: the same function serves
 * the prompt (re-ask with the reason) and the flag (exit 2 with the reason).
 */
import type { Validator } from "../wizard/prompter.ts";
import { validateAnthropicApiKey } from "../config/validators.ts";
import type { AuthChoice } from "./catalog.ts";

const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** A key of any provider: one token, no spaces, not absurdly short. */
export function genericKeyProblem(v: string, what = "key"): string | undefined {
  if (v === "") return `Paste the ${what}.`;
  if (/\s/.test(v)) return `A ${what} has no spaces or line breaks.`;
  if (v.length < 8) return `That ${what} is too short; copy the whole key.`;
  return undefined;
}

/** The validator of a choice's key prompt. */
export function keyValidator(choice: AuthChoice): Validator {
  return (input) => {
    const v = input.trim();
    if (choice.id === "apiKey") return validateAnthropicApiKey(v);
    const generic = genericKeyProblem(v, `${choice.label.replace(/ API key$/, "")} API key`);
    if (generic) return generic;
    if (choice.id === "openai-api-key" && !v.startsWith("sk-")) {
      return "An OpenAI API key starts with sk- (create one at platform.openai.com).";
    }
    if (choice.id === "xai-api-key" && !v.startsWith("xai-")) {
      return "An xAI API key starts with xai- (create one at console.x.ai).";
    }
    return undefined;
  };
}

/** `claude setup-token` prints sk-ant-oat01-… (about 100 characters). */
export const validateSetupToken: Validator = (input) => {
  const v = input.trim();
  if (v === "") return "Paste the token printed by `claude setup-token`.";
  if (/\s/.test(v)) return "A setup token has no spaces or line breaks.";
  if (v.startsWith("sk-ant-api")) {
    return "That is an Anthropic API key, not a setup token: choose Anthropic API key instead.";
  }
  if (!v.startsWith("sk-ant-oat01-")) {
    return "A setup token starts with sk-ant-oat01- (run `claude setup-token` to get one).";
  }
  if (v.length < 80) return "That setup token is too short; copy the whole line.";
  return undefined;
};

/** A profile name: empty (= default) or letters, digits, '-', '_', '.'. */
export const validateProfileName: Validator = (input) => {
  const v = input.trim();
  if (v === "") return undefined;
  const name = v.includes(":") ? v.slice(v.indexOf(":") + 1) : v;
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)
    ? undefined
    : "A profile name is letters, digits, '.', '-' and '_' (or leave it empty for default).";
};

export const validateProviderId: Validator = (input) =>
  PROVIDER_ID.test(input.trim())
    ? undefined
    : "A provider id is lower-case letters, digits, '.', '-' and '_', e.g. openrouter.";

export const validateBaseUrl: Validator = (input) => {
  const v = input.trim();
  if (v === "") return "Enter the endpoint's base URL, e.g. https://llm.example.com/v1.";
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return "That is not a URL; write it like https://llm.example.com/v1.";
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    return `The base URL must start with http:// or https:// (got ${u.protocol}//).`;
  }
  if (u.username || u.password) {
    return "Leave credentials out of the URL; the API key is asked next.";
  }
  return undefined;
};

export const validateModelId: Validator = (input) => {
  const v = input.trim();
  if (v === "") return "Enter the model id the endpoint expects, e.g. llama-3.3-70b.";
  if (/\s/.test(v)) return "A model id has no spaces.";
  return undefined;
};

/** The id of a custom provider derived from its URL: https://llm.example.com/v1 → custom-llm-example-com. */
export function providerIdFromUrl(url: string): string {
  try {
    const host = new URL(url.trim()).hostname.replace(/^(api|www)\./, "");
    const slug = host.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return `custom-${slug || "provider"}`.slice(0, 64);
  } catch {
    return "custom";
  }
}
