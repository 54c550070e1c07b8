/**
 * A custom provider: any OpenAI- or Anthropic-compatible endpoint. Written to
 * models.providers.<id> (base URL, API style, the model); its key, when
 * there is one (local servers often need none), goes to the auth profile
 * <id>:default — never into openclaw.json.
 */
import {
  providerIdFromUrl,
  validateBaseUrl,
  validateModelId,
  validateProviderId,
} from "../validators.ts";
import { maskSecret } from "../profiles.ts";
import { AQ } from "../questions.ts";
import { choiceOptions } from "../../wizard/question.ts";
import type { ChoiceHandler, ObtainedCredential } from "./types.ts";
import { askAndVerify } from "./verify.ts";

export const customProviderChoice: ChoiceHandler = async (ctx, choice) => {
  const { prompter, host } = ctx;
  const baseUrl = (await prompter.text({
    ...AQ.customBaseUrl,
    message: "Base URL of the endpoint",
    placeholder: "https://llm.example.com/v1",
    required: true,
    validate: validateBaseUrl,
  })).trim().replace(/\/+$/, "");
  const compatibility = await prompter.select<"openai" | "anthropic">({
    ...AQ.customCompatibility,
    message: "Which API does it speak?",
    options: choiceOptions(AQ.customCompatibility),
    initialValue: "openai",
  });
  const modelId = (await prompter.text({
    ...AQ.customModelId,
    message: "Model id",
    required: true,
    validate: validateModelId,
  })).trim();
  const providerId = (await prompter.text({
    ...AQ.customProviderId,
    message: "Provider id (used in model refs)",
    initialValue: providerIdFromUrl(baseUrl),
    validate: validateProviderId,
  })).trim();
  const { secret: key, check } = await askAndVerify(ctx, {
    name: providerId,
    ask: async (allowEnv) => {
      const env = host.env("CUSTOM_API_KEY")?.trim();
      if (allowEnv && env) {
        const useEnv = await prompter.confirm({
          ...AQ.customApiKeyFromEnv,
          message: `Use CUSTOM_API_KEY from your environment (${maskSecret(env)})?`,
          initialValue: true,
        });
        if (useEnv) return env;
      }
      return (await prompter.text({
        ...AQ.customApiKey,
        message: "API key (empty if the endpoint needs none)",
        sensitive: true,
        initialValue: "",
        validate: (v) => /\s/.test(v.trim()) ? "An API key has no spaces." : undefined,
      })).trim();
    },
    api: compatibility === "openai" ? "openai" : "anthropic",
    baseUrl,
  });
  const cred: ObtainedCredential = {
    choice,
    provider: providerId,
    providerEntry: {
      id: providerId,
      entry: {
        baseUrl,
        api: compatibility === "openai" ? "openai-completions" : "anthropic-messages",
        models: [{ id: modelId, name: modelId }],
      },
    },
    secrets: key ? [key] : [],
    check,
    defaultModel: `${providerId}/${modelId}`,
    detail: `${compatibility}-compatible, ${baseUrl}`,
  };
  if (key) {
    cred.profileId = `${providerId}:default`;
    cred.profile = { type: "api_key", provider: providerId, key };
  }
  return cred;
};
