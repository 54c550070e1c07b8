/**
 * Step 3: model auth (the minimal set; the full matrix of providers is its own
 * work). Anthropic API key — from --anthropic-api-key, ANTHROPIC_API_KEY or a
 * prompt — saved in the main agent's auth-profiles.json (0600), or skip.
 */
import { authProfilesPath } from "../../config/paths.ts";
import { validateAnthropicApiKey } from "../../config/validators.ts";
import { maskSecret, readAuthProfiles, withProfile } from "../../auth/profiles.ts";
import type { PlanPart, StepContext } from "../types.ts";
import { Q } from "../questions.ts";
import { SECRET_DIR_MODE, SECRET_FILE_MODE } from "../../platform/files.ts";
import { dirname } from "../../config/paths.ts";

export const DEFAULT_ANTHROPIC_MODEL = "anthropic/claude-sonnet-4-5";
export const ANTHROPIC_PROFILE_ID = "anthropic:default";

type AuthChoice = "existing" | "apiKey" | "skip";

export async function authStep(ctx: StepContext): Promise<PlanPart> {
  const { prompter, host } = ctx;
  const storePath = authProfilesPath(ctx.paths);
  const store = await readAuthProfiles(storePath);
  // A reset that trashes credentials leaves nothing to keep.
  const credsSurvive = !ctx.resetScope || ctx.resetScope === "config";
  const existing = credsSurvive ? store.profiles[ANTHROPIC_PROFILE_ID] : undefined;
  const envKey = host.env("ANTHROPIC_API_KEY")?.trim();

  const options = [
    ...(existing?.key
      ? [{
        value: "existing" as const,
        label: `Keep the saved Anthropic key (${maskSecret(existing.key)})`,
      }]
      : []),
    { value: "apiKey" as const, label: "Anthropic API key", hint: "recommended" },
    { value: "skip" as const, label: "Skip for now", hint: "set up model auth later" },
  ];
  const choice = await prompter.select<AuthChoice>({
    ...Q.authChoice,
    message: "Model and authentication",
    options,
    initialValue: existing?.key ? "existing" : envKey ? "apiKey" : undefined,
    required: !existing?.key && !envKey,
    silent: ctx.keepExisting && existing?.key !== undefined,
  });

  const model = ctx.base.agents?.defaults?.model;
  const modelEdit = model
    ? []
    : [{ path: ["agents", "defaults", "model"], value: DEFAULT_ANTHROPIC_MODEL }];

  if (choice === "skip") {
    return { summary: { authChoice: "skip", model: modelLabel(model) } };
  }
  if (choice === "existing") {
    return {
      configEdits: modelEdit,
      summary: { authChoice: "apiKey", model: modelLabel(model) ?? DEFAULT_ANTHROPIC_MODEL },
    };
  }

  const key = await askKey(ctx, envKey);
  return {
    files: [{
      path: storePath,
      // The key is elided to sk-ant-…1234 wherever the plan is shown.
      description: `Anthropic API key ${key} (auth profile ${ANTHROPIC_PROFILE_ID})`,
      mode: SECRET_FILE_MODE,
      merge: (current) =>
        withProfile(current, storePath, ANTHROPIC_PROFILE_ID, {
          type: "api_key",
          provider: "anthropic",
          key,
        }),
    }],
    dirs: [{ path: dirname(storePath), mode: SECRET_DIR_MODE }],
    configEdits: modelEdit,
    secrets: [key],
    summary: { authChoice: "apiKey", model: modelLabel(model) ?? DEFAULT_ANTHROPIC_MODEL },
  };
}

async function askKey(ctx: StepContext, envKey: string | undefined): Promise<string> {
  if (envKey && !validateAnthropicApiKey(envKey)) {
    const useEnv = await ctx.prompter.confirm({
      ...Q.useEnvKey,
      message: `Use ANTHROPIC_API_KEY from your environment (${maskSecret(envKey)})?`,
      initialValue: true,
    });
    if (useEnv) return envKey;
  }
  const key = await ctx.prompter.text({
    ...Q.anthropicApiKey,
    message: "Anthropic API key",
    placeholder: "sk-ant-…",
    sensitive: true,
    required: true,
    validate: validateAnthropicApiKey,
  });
  return key.trim();
}

function modelLabel(model: unknown): string | undefined {
  if (typeof model === "string") return model;
  if (model && typeof model === "object" && "primary" in model) return String(model.primary);
  return undefined;
}
