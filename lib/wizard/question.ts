/**
 * A flag or question declared once, as data: the command registers its
 * option from it, the flags adapter gets its answer through it, and the
 * "same setup without questions" command prints it — a secret as its
 * `$ENV` reference because the declaration says secret, never because a
 * list remembers to. No imports and no code beyond small string helpers:
 * commands load the declarations while the command tree is built, before
 * `--help` or the first prompt.
 */

/** A command-line flag. */
export interface Flag {
  /**
   * The flag with its value placeholder, as a missing answer is named:
   * "--gateway-port <port>"; none for a switch ("--accept-risk").
   */
  readonly flag: string;
  /** The commander spelling when it differs from `flag` (a shorter placeholder). */
  readonly option?: string;
  /**
   * The --help text. A question that shares its flag with another leaves it
   * out: the one with the text registers the option.
   */
  readonly help?: string;
  /** The allowed values of an enum (commander rejects others, --help lists them). */
  readonly choices?: readonly string[];
  /**
   * A secret: printed as its `$ENV` reference, never as its value; its
   * variable `env` answers it when the flag is absent (a flag's value is
   * visible to other local users in `ps`).
   */
  readonly secret?: boolean;
  readonly env?: string;
  /** The step reads `env` itself (and asks before using it): the variable answers nothing. */
  readonly envReadByStep?: boolean;
  /** Leave it out of --help (a flag for scripts, not for people). */
  readonly hidden?: boolean;
}

/** How a select shows one of its answers. */
export interface ChoiceLabel {
  readonly label: string;
  readonly hint?: string;
}

/** A select's option, as lib/wizard/prompter.ts takes it. */
export interface ChoiceOption<T> extends ChoiceLabel {
  value: T;
}

/** A question: a stable id (prompts, tests and the gateway's wizard RPC key on it) and its flag. */
export interface Question extends Partial<Flag> {
  readonly id: string;
  /**
   * The flag's value is not the answer as given (answersFromOptions maps
   * it, or the step reads the option itself), or another question with the
   * same flag takes it.
   */
  readonly derived?: boolean;
  /** A select's answers by value, as the prompt shows them (see choiceOptions). */
  readonly labels?: Readonly<Record<string, ChoiceLabel>>;
}

/**
 * A select question's options, from its declaration: the given values (by
 * default the flag's allowed values), each with its label.
 */
export function choiceOptions<T extends string>(
  q: { readonly choices: readonly T[]; readonly labels?: Readonly<Record<string, ChoiceLabel>> },
): ChoiceOption<T>[];
export function choiceOptions<T extends string>(
  q: { readonly labels?: Readonly<Record<string, ChoiceLabel>> },
  values: readonly T[],
): ChoiceOption<T>[];
export function choiceOptions<T extends string>(
  q: { readonly choices?: readonly T[]; readonly labels?: Readonly<Record<string, ChoiceLabel>> },
  values: readonly T[] = q.choices ?? [],
): ChoiceOption<T>[] {
  return values.map((value) => ({ value, ...(q.labels?.[value] ?? { label: value }) }));
}

/** The long name of a flag: "--gateway-port <port>" → "--gateway-port". */
export function longFlag(flag: string): string {
  return flag.split(/\s+/)[0];
}

/** commander's attribute name for a flag: "--telegram-bot-token <t>" → "telegramBotToken". */
export function attributeName(flag: string): string {
  const long = longFlag(flag).replace(/^--/, "");
  return long.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Whether the flag takes a value (a switch does not). */
export function takesValue(flag: string): boolean {
  return /\s<[^>]+>/.test(flag);
}

/**
 * The answers that flags give as they are: each question with a flag of its
 * own whose value is the answer (a switch answers only when given), keyed by
 * id. `values` are commander's parsed options (by attribute name).
 */
export function directAnswers(
  questions: Iterable<Question>,
  values: Record<string, unknown>,
  set: (id: string, v: unknown) => void,
): void {
  for (const q of questions) {
    if (q.derived || !q.flag) continue;
    const value = values[attributeName(q.flag)];
    if (takesValue(q.flag) || value === true) set(q.id, value);
  }
}
