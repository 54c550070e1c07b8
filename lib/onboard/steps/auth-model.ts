/**
 * The model part of the auth step: propose the model the choice's rules give
 * (lib/auth/models.ts), offer the provider's known models or one typed by
 * hand, and produce the config edit. QuickStart takes the proposal without
 * asking (`--model` still answers).
 */
import type { OpenclawConfig } from "../../config/schema.ts";
import { ModelRefSchema } from "../../config/schema.ts";
import { modelAfterChoice, modelsOfProvider } from "../../auth/models.ts";
import { AQ, MANUAL_MODEL } from "../../auth/questions.ts";
import type { ObtainedCredential } from "../../auth/choices/types.ts";
import type { StepContext } from "../types.ts";
import type { ConfigEdit } from "../../plan/types.ts";

/** The configured model as text (a string, or the primary of {primary, fallbacks}). */
export function modelLabel(config: OpenclawConfig): string | undefined {
  const model = config.agents?.defaults?.model;
  if (typeof model === "string") return model;
  if (model && typeof model === "object" && "primary" in model) return String(model.primary);
  return undefined;
}

/** The edit that sets the model, keeping fallbacks when the config has them. */
export function modelEdits(config: OpenclawConfig, model: string): ConfigEdit[] {
  const current = config.agents?.defaults?.model;
  const path = current && typeof current === "object"
    ? ["agents", "defaults", "model", "primary"]
    : ["agents", "defaults", "model"];
  return [{ path, value: model }];
}

export interface PickedModel {
  model?: string;
  edits: ConfigEdit[];
  /** The user picked something else than the proposal (repeat it with --model). */
  explicit: boolean;
}

export async function chooseModel(
  ctx: StepContext,
  cred: ObtainedCredential,
): Promise<PickedModel> {
  const current = modelLabel(ctx.base);
  // A custom provider's model is the point of adding it; others follow the rules.
  const target = cred.defaultModel ?? modelAfterChoice(cred.choice, current);
  const proposed = target ?? current;
  const entries = { ...(ctx.base.models?.providers ?? {}) } as Record<
    string,
    { models?: { id: string }[] }
  >;
  if (cred.providerEntry) entries[cred.providerEntry.id] = cred.providerEntry.entry;

  const refs = [
    ...new Set([
      ...(proposed ? [proposed] : []),
      ...(current ? [current] : []),
      ...modelsOfProvider(cred.provider, entries).slice(0, 6),
    ]),
  ];
  const hint = (m: string) =>
    m === proposed
      ? (m === current ? "current" : "default for this choice")
      : m === current
      ? "current"
      : undefined;
  let picked = await ctx.prompter.select<string>({
    ...AQ.model,
    message: "Default model",
    options: [
      ...refs.map((m) => ({ value: m, label: m, hint: hint(m) })),
      { value: MANUAL_MODEL, label: "Enter a model by hand", hint: "provider/model" },
    ],
    initialValue: proposed ?? MANUAL_MODEL,
    silent: ctx.flow === "quickstart" && proposed !== undefined,
  });
  if (picked === MANUAL_MODEL) {
    // The field starts empty: a name typed into a prefilled field was appended to the
    // proposal ("…claude-sonnet-4-5claude-foo"). The proposal is the placeholder, and
    // an empty answer takes it.
    const typed = (await ctx.prompter.text({
      ...AQ.modelManual,
      message: proposed
        ? `Model (provider/model; empty for ${proposed})`
        : "Model (provider/model; empty to leave it unset)",
      placeholder: proposed ?? `${cred.provider}/model-id`,
      validate: (v) => {
        if (v.trim() === "") return undefined;
        const r = ModelRefSchema.safeParse(v.trim());
        return r.success ? undefined : r.error.issues[0]?.message;
      },
    })).trim();
    picked = typed || proposed || "";
  }
  const model = picked === "" ? undefined : picked;
  return {
    model,
    edits: model && model !== current ? modelEdits(ctx.base, model) : [],
    explicit: model !== undefined && model !== proposed,
  };
}
