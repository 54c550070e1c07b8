/**
 * Anthropic setup token: `claude setup-token` (run on any machine) prints a
 * long-lived token; the user pastes it here. An optional profile name keeps
 * several (empty = default → anthropic:default).
 */
import { providerBaseUrl } from "../base-url.ts";
import { validateProfileName, validateSetupToken } from "../validators.ts";
import { AQ } from "../questions.ts";
import type { ChoiceHandler } from "./types.ts";
import { askAndVerify } from "./verify.ts";

export const setupTokenChoice: ChoiceHandler = async (ctx, choice) => {
  const { prompter } = ctx;
  await prompter.note(
    "Run `claude setup-token` on any machine where Claude Code is logged in,\n" +
      "then paste the token it prints (sk-ant-oat01-…).",
    "Anthropic setup token",
  );
  const baseUrl = providerBaseUrl(ctx.host, "anthropic", choice.baseUrl!);
  const { secret: token, check } = await askAndVerify(ctx, {
    name: "Anthropic",
    ask: async () =>
      (await prompter.text({
        ...AQ.setupToken,
        message: "Setup token",
        placeholder: "sk-ant-oat01-…",
        sensitive: true,
        required: true,
        validate: validateSetupToken,
      })).trim(),
    api: choice.check,
    baseUrl,
  });
  const profileId = await askProfileId(ctx, "anthropic");
  return {
    choice,
    provider: "anthropic",
    profileId,
    profile: { type: "token", provider: "anthropic", token },
    secrets: [token],
    check,
  };
};

/** "" → <provider>:default; "work" → <provider>:work; "anthropic:work" as given. */
export async function askProfileId(
  ctx: Parameters<ChoiceHandler>[0],
  provider: string,
): Promise<string> {
  const name = (await ctx.prompter.text({
    ...AQ.tokenProfileName,
    message: "Profile name (empty = default)",
    initialValue: "",
    validate: validateProfileName,
  })).trim();
  if (name === "") return `${provider}:default`;
  return name.includes(":") ? name : `${provider}:${name}`;
}
