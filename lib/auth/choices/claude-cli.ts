/** Reuse Claude Code's login (Keychain on macOS, ~/.claude/.credentials.json elsewhere). */
import { KEYCHAIN_SERVICE, readClaudeCliCredentials } from "../claude-cli.ts";
import { providerBaseUrl } from "../base-url.ts";
import { type ChoiceHandler, oauthObtained } from "./types.ts";
import { runCheck } from "./verify.ts";
import { ActionableError } from "../../errors.ts";

export const claudeCliChoice: ChoiceHandler = async (ctx, choice) => {
  if (ctx.host.platform === "darwin") {
    await ctx.prompter.note(
      `macOS will ask to let openclaw read the Keychain item "${KEYCHAIN_SERVICE}".\n` +
        'Choose "Always Allow": the gateway service reads it again at each start, ' +
        "and a launchd start cannot answer a dialog.",
      "Keychain",
    );
  }
  const { credential, from } = await readClaudeCliCredentials(ctx.host);
  const baseUrl = providerBaseUrl(ctx.host, "anthropic", choice.baseUrl!);
  const check = await runCheck(ctx, "Anthropic", "anthropic-oauth", baseUrl, credential.access);
  if (check.status === "rejected") {
    throw new ActionableError(
      `Anthropic rejected Claude Code's login (401); it may have expired.\n` +
        "Run `claude` to log in again, then retry. Nothing was changed.",
    );
  }
  return {
    ...oauthObtained(choice, "anthropic", "anthropic:claude-cli", credential),
    check,
    detail: `from ${from.startsWith("/") ? from.replace(ctx.host.home, "~") : from}`,
  };
};
