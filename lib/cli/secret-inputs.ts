/**
 * Secrets without command-line flags. A flag's value is visible to every
 * local user (`ps`, /proc/<pid>/cmdline) while the command runs, so every
 * secret flag has an environment-variable twin, and `--secrets-file
 * <path|->` carries those variables from a private file or from stdin.
 *
 * Nothing is declared here: the twins come from the flags' declarations
 * (lib/wizard/question.ts: the onboarding and auth questions, each API-key
 * choice's key question, the channel fields mapped to questions). A twin answers its question only
 * when that question is asked, so a variable in the environment never picks
 * a channel or an auth method by itself.
 *
 * Data and small lookups only: commands load this when they register.
 */
import type { Command } from "commander";
import { keyChoices } from "../auth/catalog.ts";
import { authFlags } from "../auth/questions.ts";
import { Q } from "../onboard/questions.ts";
import {
  CHANNEL_FIELDS,
  CHANNEL_IDS,
  channelQuestion,
  onboardChannelQuestions,
} from "../channels/flags.ts";
import { longFlag, type Question } from "../wizard/question.ts";

export interface SecretInput {
  /** The long flag, e.g. "--gateway-token". */
  flag: string;
  /** Its environment-variable twin. */
  env: string;
  /** Question ids the variable answers (none: the step reads the variable itself). */
  questions: string[];
}

export const SECRETS_FILE_FLAG = "--secrets-file <path|->";

export const SECRETS_HELP = `
Secrets: a flag's value is visible to other local users (ps) while the
command runs. Give secrets through the environment variables named with each
flag instead, or with ${SECRETS_FILE_FLAG}: a file of NAME=value lines
(# comments and "export " allowed) with those variables; - reads it from
standard input.`;

let cached: readonly SecretInput[] | undefined;

/**
 * The secret flags of onboard and configure, each with its variable. Built once: every option
 * of onboard and configure asks for its variable while the command tree is set up, before the
 * first prompt, and building the list for each made that quadratic (~25 ms per command on a
 * loaded 2-core machine, 0.2 ms with the list built once).
 */
export function secretInputs(): readonly SecretInput[] {
  cached ??= buildSecretInputs();
  return cached;
}

function buildSecretInputs(): SecretInput[] {
  const out: SecretInput[] = [];
  const declared: Question[] = [...authFlags(), ...Object.values(Q), ...onboardChannelQuestions()];
  for (const q of declared) {
    if (!q.env || !q.flag) continue;
    const flag = longFlag(q.flag);
    // A step that reads its variable itself asks before using it: the variable answers nothing.
    const questions = q.envReadByStep ? [] : [q.id];
    const known = out.find((s) => s.flag === flag);
    if (known) known.questions.push(...questions);
    else out.push({ flag, env: q.env, questions });
  }
  return out;
}

/** Every variable a secrets file may set. */
export function secretEnvNames(): Set<string> {
  const names = new Set(secretInputs().map((s) => s.env));
  for (const c of keyChoices()) for (const v of c.envVars ?? []) names.add(v);
  return names;
}

/**
 * The answers the environment gives to secret questions that no flag
 * answered. Only questions that get asked ever look at them.
 */
export function secretAnswersFromEnv(
  answers: Map<string, unknown>,
  env: (name: string) => string | undefined,
): Map<string, unknown> {
  const out = new Map(answers);
  for (const s of secretInputs()) {
    const value = env(s.env)?.trim();
    if (!value) continue;
    for (const id of s.questions) if (!out.has(id)) out.set(id, value);
  }
  // The remote password alone says which of the two the gateway wants.
  if (!out.has(Q.remoteAuth.id) && out.has(Q.remotePassword.id) && !out.has(Q.remoteToken.id)) {
    out.set(Q.remoteAuth.id, "password");
  }
  return out;
}

/** The variable that answers a secret question (for "missing answer" messages). */
export function secretEnvOfQuestion(id: string): string | undefined {
  return secretInputs().find((s) => s.questions.includes(id))?.env;
}

/**
 * On a command that takes secret flags: name each flag's variable in its
 * description, add --secrets-file, and say why in --help. `envOf` maps a
 * long flag to its variable(s) for this command.
 */
export function describeSecretInputs(
  cmd: Command,
  envOf: (flag: string) => string[] | undefined,
): Command {
  for (const opt of cmd.options) {
    const names = opt.long ? envOf(opt.long) : undefined;
    if (!names?.length) continue;
    const missing = names.filter((n) => !opt.description.includes(`$${n}`));
    if (missing.length) {
      opt.description += ` (or $${missing.join(", $")})`;
    }
  }
  return cmd
    .option(SECRETS_FILE_FLAG, "read secret variables (NAME=value lines) from a file, - for stdin")
    .addHelpText("after", SECRETS_HELP);
}

/** For onboard and configure: the variables of the flags above. */
export function onboardSecretEnv(flag: string): string[] | undefined {
  const found = secretInputs().filter((s) => s.flag === flag).map((s) => s.env);
  return found.length ? found : undefined;
}

/** For `channels add`: a shared flag (--token) has one variable per channel. */
export function channelAddSecretEnv(flag: string): string[] | undefined {
  const names = CHANNEL_IDS.flatMap((id) =>
    CHANNEL_FIELDS[id].filter((f) => f.add).map((f) => channelQuestion(id, f, "add"))
  ).filter((q) => q.secret && q.env && longFlag(q.flag) === flag).map((q) => q.env!);
  return names.length ? [...new Set(names)] : undefined;
}
