/**
 * Credentials that come into the auth step from elsewhere, before its first
 * question: a credentials/oauth.json copied from another machine (always
 * imported, README's headless tip) and the public OpenClaw CLI's credential
 * store (asked once: --import-credentials). Each becomes a StoreImport that
 * the step adds to its plan part (addImports), so nothing is written before
 * the apply and the step's own profile still wins.
 */
import { dirname, tildify } from "../../config/paths.ts";
import { type AuthProfilesFile, withMissingProfiles } from "../../auth/profiles.ts";
import {
  describeImports,
  importSecrets,
  type OAuthImport,
  withOAuthImports,
} from "../../auth/oauth-import.ts";
import {
  describeSkipped,
  describeTargets,
  planPublicImport,
  publicImportSecrets,
} from "../../auth/public-cli-import.ts";
import { AQ } from "../../auth/questions.ts";
import { SECRET_DIR_MODE, SECRET_FILE_MODE } from "../../platform/files.ts";
import type { PlannedFile, PlanPart } from "../../plan/types.ts";
import type { StepContext } from "../types.ts";
import type { FlagArg } from "../../wizard/equivalent-command.ts";
import { cli } from "../../platform/invocation.ts";

/** Profiles imported into the agent stores, as plan pieces. */
export interface StoreImport {
  /** Adds the import to the step's store file (main's auth-profiles.json), if it has any. */
  merge?: (current: string | undefined) => string;
  /** Other agents' store files. */
  files: PlannedFile[];
  description: string;
  /** The auth summary when the step itself got no credential. */
  label: string;
  secrets: string[];
  nextStep: string;
  /** The flag that repeats this import in the same setup without questions. */
  arg?: FlagArg;
}

export function oauthStoreImport(imports: OAuthImport[], storePath: string): StoreImport {
  const what = describeImports(imports);
  return {
    merge: (current) => withOAuthImports(current, storePath, imports),
    files: [],
    description: `OAuth sign-in copied into credentials/oauth.json: ${what}`,
    label: `from credentials/oauth.json (${what})`,
    secrets: importSecrets(imports),
    nextStep: `Imported the OAuth sign-in in credentials/oauth.json: ${what}.`,
  };
}

/**
 * Offer the public CLI's store when it has profiles the agents lack: asked
 * on a terminal (Yes by default); without one, only --import-credentials
 * imports (a note says so). Main's profiles join `store`, so "keep the saved
 * credentials" can pick them.
 */
export async function publicStoreImport(
  ctx: StepContext,
  store: AuthProfilesFile,
  storePath: string,
): Promise<StoreImport | undefined> {
  const plan = await planPublicImport(ctx.host, ctx.paths, ctx.base);
  if (!plan || plan.targets.length === 0) return undefined;
  const home = ctx.host.home;
  const where = tildify(plan.dbPath, home);
  const what = describeTargets(plan, home);
  const yes = await ctx.prompter.confirm({
    ...AQ.importCredentials,
    message: `The public OpenClaw CLI keeps credentials in ${where}, which this program does ` +
      `not read. Import them (${what})? The database is only read.`,
    initialValue: ctx.prompter.interactive,
  });
  if (!yes) {
    await ctx.prompter.note(
      `Not imported: ${what}. Later: ${cli("doctor --fix")}` +
        (ctx.prompter.interactive ? "." : `, or pass ${AQ.importCredentials.flag}.`),
      "Public CLI credentials",
    );
    return undefined;
  }
  if (plan.skipped.length > 0) {
    await ctx.prompter.note(`Not importable: ${describeSkipped(plan)}.`, "Public CLI credentials");
  }
  const main = plan.targets.find((t) => t.storePath === storePath);
  for (const [id, p] of Object.entries(main?.profiles ?? {})) store.profiles[id] ??= p;
  const description = `auth profiles imported from the public CLI's ${where}`;
  return {
    merge: main && ((current) => withMissingProfiles(current, storePath, main.profiles)),
    files: plan.targets.filter((t) => t !== main).map((t) => ({
      path: t.storePath,
      description: `${Object.keys(t.profiles).join(", ")}: ${description} (other profiles kept)`,
      mode: SECRET_FILE_MODE,
      merge: (current) => withMissingProfiles(current, t.storePath, t.profiles),
    })),
    description: `${main ? Object.keys(main.profiles).join(", ") + ": " : ""}${description}`,
    label: `imported from the public CLI (${what})`,
    secrets: publicImportSecrets(plan),
    nextStep: `Imported the public CLI's credentials from ${where} (only read): ${what}.`,
    arg: { flag: AQ.importCredentials },
  };
}

/**
 * Add imports to a part: into the store file the part already writes (the
 * imports first, so the part's own profile wins), or as files of their own.
 */
export function addImports(part: PlanPart, imports: StoreImport[], storePath: string): PlanPart {
  if (imports.length === 0) return part;
  const files = [...(part.files ?? [])];
  for (const imp of imports) {
    const merge = imp.merge;
    if (merge) {
      const i = files.findIndex((f) => f.path === storePath);
      if (i >= 0) {
        const own = files[i];
        files[i] = {
          ...own,
          description: `${own.description}; ${imp.description}`,
          merge: (current) => own.merge(merge(current)),
        };
      } else {
        files.push({
          path: storePath,
          description: `${imp.description} (other profiles kept)`,
          mode: SECRET_FILE_MODE,
          merge,
        });
      }
    }
    files.push(...imp.files);
  }
  const skipped = part.summary?.authChoice === "skip";
  const args = imports.flatMap((i) => (i.arg ? [i.arg] : []));
  const summary = part.summary && {
    ...part.summary,
    ...(skipped ? { authLabel: imports.map((i) => i.label).join("; ") } : {}),
    ...(args.length > 0 ? { authArgs: [...(part.summary.authArgs ?? []), ...args] } : {}),
  };
  return {
    ...part,
    summary,
    files,
    dirs: [
      ...(part.dirs ?? []),
      ...[
        ...imports.some((i) => i.merge) ? [storePath] : [],
        ...imports.flatMap((i) => i.files.map((f) => f.path)),
      ].map((path) => ({ path: dirname(path), mode: SECRET_DIR_MODE })),
    ],
    secrets: [...(part.secrets ?? []), ...imports.flatMap((i) => i.secrets)],
    nextSteps: [...(part.nextSteps ?? []), ...imports.map((i) => i.nextStep)],
  };
}
