/**
 * Step 3: model and authentication (also `openclaw configure --section
 * model`). Provider first, then the method (the catalog in
 * lib/auth/catalog.ts); the choice's handler gets the credential (and checks
 * it live where it can); then the model is chosen and checked. Returns plan
 * parts only: auth-profiles.json, credentials/oauth.json and .env are merged
 * at apply time, so other profiles and lines are kept and nothing is written
 * when a later question fails.
 */
import { authProfilesPath, dirname } from "../../config/paths.ts";
import {
  type AuthProfilesFile,
  maskSecret,
  readAuthProfiles,
  withProfile,
} from "../../auth/profiles.ts";
import {
  AUTH_CHOICES,
  AUTH_GROUPS,
  type AuthChoice,
  type AuthGroup,
  choicesOfGroup,
  keyChoices,
} from "../../auth/catalog.ts";
import { AQ } from "../../auth/questions.ts";
import { CHOICE_HANDLERS } from "../../auth/choices/index.ts";
import type { ObtainedCredential } from "../../auth/choices/types.ts";
import { CredentialUnavailableError } from "../../auth/reuse-errors.ts";
import { assertOAuthStoreReadable, withOAuthCredential } from "../../auth/oauth-store.ts";
import { withEnvVar } from "../../platform/env-file.ts";
import { authEquivalentArgs, keyArg } from "../../auth/equivalent.ts";
import { modelWarnings } from "../../auth/models.ts";
import { oauthImports, profileOf } from "../../auth/oauth-import.ts";
import { addImports, oauthStoreImport, publicStoreImport } from "./auth-import.ts";
import { chooseModel, modelEdits, modelLabel } from "./auth-model.ts";
import { readTextIfExists, SECRET_DIR_MODE, SECRET_FILE_MODE } from "../../platform/files.ts";
import type { StepContext } from "../types.ts";
import type { PlannedFile, PlanPart } from "../../plan/types.ts";
import { ModelRefSchema } from "../../config/schema.ts";
import { cli } from "../../platform/invocation.ts";

export const DEFAULT_ANTHROPIC_MODEL = "anthropic/claude-sonnet-4-5";
export const ANTHROPIC_PROFILE_ID = "anthropic:default";
/** After this many failed reuse attempts in a row, stop offering the choices again. */
const MAX_ATTEMPTS = 3;

type ProviderAnswer = AuthGroup | "existing";

export async function authStep(ctx: StepContext): Promise<PlanPart> {
  const storePath = authProfilesPath(ctx.paths);
  // A reset that trashes credentials leaves nothing to keep (or to trip over).
  const credsSurvive = !ctx.resetScope || ctx.resetScope === "config";
  // A malformed store stops here, before any question: nothing is lost.
  const store: AuthProfilesFile = credsSurvive
    ? await readAuthProfiles(storePath)
    : { version: 1, profiles: {} };
  // A credentials/oauth.json copied from another machine joins the profiles (README's tip).
  const imported = credsSurvive
    ? oauthImports(await readTextIfExists(`${ctx.paths.credentialsDir}/oauth.json`), store)
    : [];
  for (const imp of imported) store.profiles[imp.profileId] = profileOf(imp);
  // The public CLI's credential store, on a yes (--import-credentials); it joins `store` too.
  const fromPublic = credsSurvive ? await publicStoreImport(ctx, store, storePath) : undefined;
  const imports = [
    ...(imported.length > 0 ? [oauthStoreImport(imported, storePath)] : []),
    ...(fromPublic ? [fromPublic] : []),
  ];
  const withImported = (part: PlanPart) => addImports(part, imports, storePath);
  const keep = credsSurvive ? keepableProfile(store, modelLabel(ctx.base)) : undefined;
  const detected = detectFromEnv(ctx);
  // Methods that failed in this run: the next offer defaults to another one.
  const failed = new Set<string>();
  let lastGroup: AuthGroup | undefined;

  for (let attempt = 1;; attempt++) {
    const group = await ctx.prompter.select<ProviderAnswer>({
      ...AQ.provider,
      message: "Model and authentication: which provider?",
      options: [
        ...(keep
          ? [{
            value: "existing" as const,
            label: `Keep the saved credentials (${keep.label})`,
          }]
          : []),
        ...AUTH_GROUPS.map((g) => ({ value: g.id, label: g.label, hint: g.hint })),
      ],
      // After a failed method, stay with its provider: another of its methods is the default.
      initialValue: lastGroup ?? (keep ? "existing" : detected?.group),
      required: !keep && !detected,
      silent: ctx.keepExisting && keep !== undefined,
    });
    if (group === "skip") return withImported(await skipPart(ctx, store));
    if (group === "existing") return withImported(keepPart(ctx, keep!));
    const choice = await askMethod(ctx, group, detected, failed);
    try {
      const cred = await CHOICE_HANDLERS[choice.kind as Exclude<typeof choice.kind, "skip">](
        ctx,
        choice,
      );
      return withImported(await planFor(ctx, cred, store, storePath, credsSurvive));
    } catch (err) {
      const retry = err instanceof CredentialUnavailableError && ctx.prompter.interactive &&
        attempt < MAX_ATTEMPTS;
      if (!retry) throw err;
      failed.add(choice.id);
      lastGroup = choicesOfGroup(group).some((c) => !failed.has(c.id)) ? group : undefined;
      await ctx.prompter.note(`${err.message}`, "Could not use that");
    }
  }
}

async function askMethod(
  ctx: StepContext,
  group: AuthGroup,
  detected: AuthChoice | undefined,
  failed: ReadonlySet<string>,
): Promise<AuthChoice> {
  const choices = choicesOfGroup(group);
  const usable = choices.filter((c) => !failed.has(c.id));
  const preferred = detected?.group === group && !failed.has(detected.id)
    ? detected.id
    : (usable[0] ?? choices[0]).id;
  const groupLabel = AUTH_GROUPS.find((g) => g.id === group)!.label;
  const id = await ctx.prompter.select<string>({
    ...AQ.method,
    message: group === "more"
      ? "More providers: which one?"
      : `${groupLabel}: how do you want to sign in?`,
    options: choices.map((c) => ({
      value: c.id,
      label: c.label,
      hint: failed.has(c.id) ? "did not work just now" : c.hint,
    })),
    initialValue: preferred,
    silent: choices.length === 1,
  });
  return choices.find((c) => c.id === id)!;
}

/** The first API-key choice whose environment variable is set: it stands in for --auth-choice. */
function detectFromEnv(ctx: StepContext): AuthChoice | undefined {
  return keyChoices().find((c) => c.envVars?.some((v) => ctx.host.env(v)?.trim()));
}

interface Keepable {
  profileId: string;
  label: string;
  choice?: AuthChoice;
}

/** A saved profile worth keeping: the current model's provider's, else Anthropic's default. */
function keepableProfile(store: AuthProfilesFile, model: string | undefined): Keepable | undefined {
  const ids = Object.keys(store.profiles);
  const provider = model?.split("/")[0];
  const id = ids.find((i) => store.profiles[i].provider === provider) ??
    (store.profiles[ANTHROPIC_PROFILE_ID] ? ANTHROPIC_PROFILE_ID : undefined);
  if (!id) return undefined;
  const p = store.profiles[id];
  const secret = p.key ?? p.token ?? (typeof p.access === "string" ? p.access : undefined);
  const choice = p.type === "api_key"
    ? keyChoices().find((c) => c.provider === p.provider)
    : AUTH_CHOICES.find((c) => c.provider === p.provider && c.kind !== "api-key");
  return { profileId: id, label: `${id}${secret ? `, ${maskSecret(secret)}` : ""}`, choice };
}

/** No credentials now; --model still sets the model (credentials may be saved already). */
async function skipPart(ctx: StepContext, store: AuthProfilesFile): Promise<PlanPart> {
  const current = modelLabel(ctx.base);
  const given = (await ctx.prompter.text({
    ...AQ.modelManual,
    message: "Model (provider/model)",
    initialValue: current ?? "",
    // Asked only when the flag answers it: skipping auth asks nothing more.
    silent: true,
    validate: (v) => {
      if (v.trim() === "") return undefined;
      const r = ModelRefSchema.safeParse(v.trim());
      return r.success ? undefined : r.error.issues[0]?.message;
    },
  })).trim();
  const model = given || current;
  const changed = model !== undefined && model !== current;
  if (model) await warnAboutModel(ctx, undefined, store, model);
  return {
    configEdits: changed ? modelEdits(ctx.base, model) : [],
    summary: {
      authChoice: "skip",
      authLabel: "skipped",
      authArgs: [
        { flag: AQ.provider, value: "skip" },
        ...(model ? [{ flag: AQ.model, value: model }] : []),
      ],
      model,
    },
  };
}

function keepPart(ctx: StepContext, keep: Keepable): PlanPart {
  const current = modelLabel(ctx.base);
  const model = current ?? keep.choice?.defaultModel ?? DEFAULT_ANTHROPIC_MODEL;
  return {
    configEdits: current ? [] : modelEdits(ctx.base, model),
    summary: {
      authChoice: keep.choice?.id ?? "existing",
      authLabel: `kept (${keep.profileId})`,
      authArgs: keep.choice?.keyFlag
        ? [
          { flag: AQ.provider, value: keep.choice.id },
          keyArg(keep.choice as AuthChoice & { keyFlag: string }),
        ]
        : undefined,
      model,
    },
  };
}

async function planFor(
  ctx: StepContext,
  cred: ObtainedCredential,
  store: AuthProfilesFile,
  storePath: string,
  credsSurvive: boolean,
): Promise<PlanPart> {
  const files: PlannedFile[] = [];
  const dirs: { path: string; mode: number }[] = [];
  const what = cred.choice.label;
  if (cred.profile && cred.profileId) {
    const { profileId, profile } = cred;
    files.push({
      path: storePath,
      // Secrets are elided to sk-ant-…1234 wherever the plan is shown.
      description: `${what}${shown(cred)} (auth profile ${profileId}; other profiles kept)`,
      mode: SECRET_FILE_MODE,
      merge: (current) => withProfile(current, storePath, profileId, profile),
    });
    dirs.push({ path: dirname(storePath), mode: SECRET_DIR_MODE });
  }
  if (cred.oauth) {
    const oauthPath = `${ctx.paths.credentialsDir}/oauth.json`;
    if (credsSurvive) assertOAuthStoreReadable(await readTextIfExists(oauthPath), oauthPath);
    const oauth = cred.oauth;
    files.push({
      path: oauthPath,
      description: `OAuth credentials for ${cred.provider} (other providers kept)`,
      mode: SECRET_FILE_MODE,
      merge: (current) => withOAuthCredential(current, oauthPath, cred.provider, oauth),
    });
    dirs.push({ path: ctx.paths.credentialsDir, mode: SECRET_DIR_MODE });
  }
  if (cred.envVar) {
    const { name, value } = cred.envVar;
    files.push({
      path: ctx.paths.envFile,
      description: `${name} for the gateway service (other lines kept)`,
      mode: SECRET_FILE_MODE,
      merge: (current) => withEnvVar(current, name, value),
    });
  }
  const configEdits = [];
  if (cred.providerEntry) {
    configEdits.push({
      path: ["models", "providers", cred.providerEntry.id],
      value: cred.providerEntry.entry,
    });
    // Keep the built-in providers next to the new entry.
    if (!ctx.base.models?.mode) configEdits.push({ path: ["models", "mode"], value: "merge" });
  }

  const picked = await chooseModel(ctx, cred);
  configEdits.push(...picked.edits);
  if (picked.model) await warnAboutModel(ctx, cred, store, picked.model);

  const check = cred.check && cred.check.status !== "skipped" ? ` (${cred.check.text})` : "";
  const args = authEquivalentArgs(cred);
  const signIn = cred.choice.kind === "openai-codex-oauth";
  // After a sign-in the command keeps the saved login: it must name the model itself.
  if ((picked.explicit || signIn) && picked.model) {
    args.push({ flag: AQ.model, value: picked.model });
  }
  return {
    files,
    dirs,
    configEdits,
    secrets: cred.secrets,
    summary: {
      authChoice: cred.choice.id,
      authLabel: `${what}${cred.detail ? `, ${cred.detail}` : ""}${check}`,
      authCheck: cred.check?.text,
      authArgs: args,
      model: picked.model,
    },
    nextSteps: [
      ...(cred.headless
        ? [
          "No browser on this machine? Complete the OAuth sign-in on a machine with a browser " +
          `(${cli("onboard --auth-choice openai-codex")}), then copy its ` +
          "~/.openclaw/credentials/oauth.json to this gateway host.",
        ]
        : []),
      ...(signIn
        ? [
          "The same setup without questions (below) keeps the ChatGPT login saved now " +
          "(--auth-choice skip): a sign-in needs a browser, which it cannot open. On another " +
          "machine, sign in there or copy ~/.openclaw/credentials/oauth.json over first.",
        ]
        : []),
    ],
  };
}

/** The secret itself: the plan elides it to its sk-ant-…1234 form. */
function shown(cred: ObtainedCredential): string {
  return cred.secrets[0] ? ` ${cred.secrets[0]}` : "";
}

async function warnAboutModel(
  ctx: StepContext,
  cred: ObtainedCredential | undefined,
  store: AuthProfilesFile,
  model: string,
): Promise<void> {
  const authed = new Set(Object.values(store.profiles).map((p) => p.provider));
  if (cred) authed.add(cred.provider);
  for (const c of keyChoices()) {
    if (c.envVars?.some((v) => ctx.host.env(v)?.trim())) authed.add(c.provider!);
  }
  const entries: Record<string, { models?: { id: string }[] }> = {
    ...(ctx.base.models?.providers ?? {}),
  };
  if (cred?.providerEntry) entries[cred.providerEntry.id] = cred.providerEntry.entry;
  const warnings = modelWarnings({ model, authedProviders: authed, providerEntries: entries });
  if (warnings.length > 0) await ctx.prompter.note(warnings.join("\n"), "Model check");
}
