/** A key for a provider openclaw has no dedicated choice for, stored under the id the user names. */
import { genericKeyProblem, validateProviderId } from "../validators.ts";
import { AQ } from "../questions.ts";
import type { ChoiceHandler } from "./types.ts";
import { askProfileId } from "./setup-token.ts";

export const genericKeyChoice: ChoiceHandler = async (ctx, choice) => {
  const provider = (await ctx.prompter.text({
    ...AQ.tokenProvider,
    message: "Provider id (as in model refs, e.g. openrouter)",
    required: true,
    validate: validateProviderId,
  })).trim();
  const key = (await ctx.prompter.text({
    ...AQ.token,
    message: `${provider} API key`,
    sensitive: true,
    required: true,
    validate: (v) => genericKeyProblem(v.trim(), "API key"),
  })).trim();
  const profileId = await askProfileId(ctx, provider);
  return {
    choice,
    provider,
    profileId,
    profile: { type: "api_key", provider, key },
    secrets: [key],
  };
};
