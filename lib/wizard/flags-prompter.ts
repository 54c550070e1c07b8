/**
 * The non-interactive prompter: answers come from command-line flags (mapped
 * to question ids by the command). A missing answer falls back to the
 * question's initial value unless the question is required; required ones
 * are collected so the run can exit 2 naming every missing flag at once
 * (the flow keeps going with a placeholder; nothing is written before the
 * check, because steps never write).
 */
import { MissingAnswersError, UsageError } from "../errors.ts";
import type {
  ConfirmQuestion,
  MultiSelectQuestion,
  Progress,
  Prompter,
  QuestionBase,
  SelectQuestion,
  TextQuestion,
} from "./prompter.ts";

export class FlagsPrompter implements Prompter {
  readonly interactive = false;
  readonly missing: { flag: string; why: string }[] = [];

  constructor(
    private readonly answers: Map<string, unknown>,
    /** Where notes and progress go (stderr when stdout carries --json). */
    private readonly write: (text: string) => void,
    /** A secret question's environment variable, named when its answer is missing. */
    private readonly envOf: (id: string) => string | undefined = () => undefined,
  ) {}

  /** Throw MissingAnswersError if any required answer was missing. */
  assertComplete(): void {
    if (this.missing.length > 0) throw new MissingAnswersError(this.missing);
  }
  finish(): void {
    this.assertComplete();
  }

  intro(title: string) {
    this.write(`${title}\n`);
    return Promise.resolve();
  }
  outro(message: string) {
    this.write(`${message}\n`);
    return Promise.resolve();
  }
  note(message: string, title?: string) {
    this.write(`${title ? `${title}:\n` : ""}${indent(message)}\n`);
    return Promise.resolve();
  }
  progress(label: string): Progress {
    this.write(`${label}…\n`);
    return {
      update: () => {},
      stop: (message) => message && this.write(`${message}\n`),
    };
  }

  // deno-lint-ignore require-await -- async so that a bad value rejects instead of throwing
  async select<T>(q: SelectQuestion<T>): Promise<T> {
    if (this.answers.has(q.id)) {
      const given = this.answers.get(q.id);
      const match = q.options.find((o) => String(o.value) === String(given));
      if (!match) {
        throw new UsageError(
          `${flagName(q)} must be one of: ${q.options.map((o) => String(o.value)).join(", ")} ` +
            `(got "${String(given)}").`,
          [flagName(q)],
        );
      }
      return Promise.resolve(match.value);
    }
    return Promise.resolve(this.fallback(q, q.initialValue, q.options[0]?.value) as T);
  }

  // deno-lint-ignore require-await -- async so that a bad value rejects instead of throwing
  async multiselect<T>(q: MultiSelectQuestion<T>): Promise<T[]> {
    if (this.answers.has(q.id)) {
      const given = ([] as unknown[]).concat(this.answers.get(q.id)).map(String);
      const picked = q.options.filter((o) => given.includes(String(o.value)));
      const unknown = given.filter((g) => !q.options.some((o) => String(o.value) === g));
      if (unknown.length > 0) {
        throw new UsageError(
          `${flagName(q)}: unknown value ${unknown.join(", ")}; choose from ` +
            q.options.map((o) => String(o.value)).join(", "),
          [flagName(q)],
        );
      }
      return Promise.resolve(picked.map((o) => o.value));
    }
    return Promise.resolve(this.fallback(q, q.initialValues, []) as T[]);
  }

  // deno-lint-ignore require-await -- async so that a bad value rejects instead of throwing
  async text(q: TextQuestion): Promise<string> {
    if (this.answers.has(q.id)) {
      const value = String(this.answers.get(q.id));
      const problem = q.validate?.(value);
      if (problem) throw new UsageError(`${flagName(q)}: ${problem}`, [flagName(q)]);
      return Promise.resolve(value);
    }
    const value = this.fallback(q, q.initialValue, "") as string;
    const problem = q.initialValue !== undefined ? q.validate?.(value) : undefined;
    if (problem && !this.missing.some((m) => m.flag === flagName(q))) {
      throw new UsageError(`${flagName(q)}: ${problem}`, [flagName(q)]);
    }
    return Promise.resolve(value);
  }

  // deno-lint-ignore require-await -- async so that a bad value rejects instead of throwing
  async confirm(q: ConfirmQuestion): Promise<boolean> {
    if (this.answers.has(q.id)) return Promise.resolve(Boolean(this.answers.get(q.id)));
    return Promise.resolve(this.fallback(q, q.initialValue, false) as boolean);
  }

  private fallback(q: QuestionBase, initial: unknown, placeholder: unknown): unknown {
    if (!q.required && initial !== undefined) return initial;
    const env = this.envOf(q.id);
    const why = q.message.replace(/\s+/g, " ").trim() + (env ? `; or set $${env}` : "");
    this.missing.push({ flag: flagName(q), why });
    return initial ?? placeholder;
  }
}

function flagName(q: QuestionBase): string {
  return q.flag ?? `(${q.id})`;
}

function indent(text: string): string {
  return text.split("\n").map((l) => (l ? `  ${l}` : l)).join("\n");
}
