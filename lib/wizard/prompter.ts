/**
 * The one interface every onboarding step talks to. Adapters: clack on a
 * terminal (clack-prompter.ts), flags for --non-interactive
 * (flags-prompter.ts), a scripted one for tests (scripted-prompter.ts) and,
 * for the gateway's wizard RPC, a step/answer session.
 *
 * Every question carries a stable `id` (tests and the RPC key on it) and the
 * `flag` that answers it without a prompt, so a non-interactive run can name
 * exactly what is missing.
 */

/** Thrown by a prompter when the user picks "← Back"; the flow runner re-asks the previous question. */
export class BackRequested extends Error {
  constructor() {
    super("back");
  }
}

export interface QuestionBase {
  /** Stable id, e.g. "gateway.port". */
  id: string;
  message: string;
  /** The flag that answers this question non-interactively, e.g. "--gateway-port <port>". */
  flag?: string;
  /**
   * Non-interactive runs use the initial value when the flag is absent,
   * unless the question is required (then the flag must be given).
   */
  required?: boolean;
  /**
   * Don't prompt: take the initial value unless a flag answers the question
   * (QuickStart defaults, values kept from an existing config).
   */
  silent?: boolean;
  /** Set by the flow runner: whether "← Back" may be offered. */
  allowBack?: boolean;
}

export interface SelectOption<T> {
  value: T;
  label: string;
  hint?: string;
}

export interface SelectQuestion<T> extends QuestionBase {
  options: SelectOption<T>[];
  initialValue?: T;
}

export interface MultiSelectQuestion<T> extends QuestionBase {
  options: SelectOption<T>[];
  initialValues?: T[];
  /** At least one must be picked. */
  atLeastOne?: boolean;
}

/** Returns an error message, or undefined when the value is fine. */
export type Validator = (value: string) => string | undefined;

export interface TextQuestion extends QuestionBase {
  initialValue?: string;
  placeholder?: string;
  validate?: Validator;
  /** A secret: masked on screen, never echoed back, elided in plans. */
  sensitive?: boolean;
}

export interface ConfirmQuestion extends QuestionBase {
  initialValue?: boolean;
}

export interface Progress {
  update(message: string): void;
  stop(message?: string): void;
}

export interface Prompter {
  /** False for flags (non-interactive) prompters: steps may skip optional questions. */
  readonly interactive: boolean;
  intro(title: string): Promise<void>;
  outro(message: string): Promise<void>;
  note(message: string, title?: string): Promise<void>;
  select<T>(q: SelectQuestion<T>): Promise<T>;
  multiselect<T>(q: MultiSelectQuestion<T>): Promise<T[]>;
  text(q: TextQuestion): Promise<string>;
  confirm(q: ConfirmQuestion): Promise<boolean>;
  progress(label: string): Progress;
  /**
   * The questions are over: how the run ends is the prompter's to say. The
   * flags prompter throws MissingAnswersError naming every missing flag;
   * the others have nothing to add.
   */
  finish(): void;
  /** True when this question is answered without a prompt (a flag given to an interactive run). */
  answersWithoutAsking?(id: string): boolean;
}

export const BACK_LABEL = "← Back";
/** Typed alone at a text prompt, goes back to the previous question. */
export const BACK_TEXT = "<";
