/**
 * The auth flags, shared by `openclaw onboard` and `openclaw configure`:
 * their commander declarations (names follow the public OpenClaw CLI). No
 * zod here: this loads with the command tree, on every run.
 */
import { type Command, Option } from "commander";
import { keyChoices } from "./catalog.ts";
import { authChoiceHelp } from "./help.ts";

/** Declare the auth flags on a command, and the catalog in its --help. */
export function addAuthOptions(cmd: Command): Command {
  cmd.option(
    "--auth-choice <id>",
    "model auth: apiKey, anthropic-cli, setup-token, codex-cli, openai-codex, openai-api-key, " +
      "… or skip (all ids below)",
  );
  for (const c of keyChoices()) {
    cmd.option(
      `${c.keyFlag} <key>`,
      `${c.label.replace(/ API key$/, "")} API key (default: $${c.envVars?.join(" or $")})`,
    );
  }
  cmd
    .option("--cloudflare-ai-gateway-account-id <id>", "Cloudflare account id")
    .option("--cloudflare-ai-gateway-gateway-id <id>", "Cloudflare AI Gateway id")
    .option("--token <token>", "setup token (Anthropic) or key for --token-provider")
    .option("--token-provider <id>", "provider of --token (default anthropic)")
    .option("--token-profile-id <id>", "auth profile name for --token (default: default)")
    .option("--custom-base-url <url>", "custom provider: base URL (http or https)")
    .option("--custom-model-id <id>", "custom provider: model id")
    .option("--custom-api-key <key>", "custom provider: API key (default: $CUSTOM_API_KEY)")
    .option("--custom-provider-id <id>", "custom provider: id (default: derived from the URL)")
    .addOption(
      new Option("--custom-compatibility <api>", "custom provider: API style (default openai)")
        .choices(["openai", "anthropic"]),
    )
    .option("--model <provider/model>", "the agents' default model, e.g. anthropic/claude-opus-4-5")
    .addHelpText("after", authChoiceHelp);
  return cmd;
}
