/**
 * A prompter for tests: answers come from a script keyed by question id and
 * every prompt, note and validation error is recorded, so step tests assert
 * on what the user would have seen without a terminal.
 *
 * A script entry may be a list: each time the question is asked (again, after
 * an invalid answer or a "back") the next item is used. SCRIPT_BACK stands for
 * the user choosing "← Back"; SCRIPT_CANCEL for Ctrl-C.
 */
import { CancelledError } from "../errors.ts";
import {
  BackRequested,
  type ConfirmQuestion,
  type MultiSelectQuestion,
  type Progress,
  type Prompter,
  type QuestionBase,
  type SelectQuestion,
  type TextQuestion,
} from "./prompter.ts";

export const SCRIPT_BACK = Symbol("back");
export const SCRIPT_CANCEL = Symbol("cancel");

export interface TranscriptEntry {
  kind:
    | "intro"
    | "outro"
    | "note"
    | "select"
    | "multiselect"
    | "text"
    | "confirm"
    | "invalid"
    | "progress";
  id?: string;
  message: string;
  title?: string;
  /** What the prompt offered (select options, initial value), for assertions. */
  offered?: unknown;
  allowBack?: boolean;
}

export class ScriptedPrompter implements Prompter {
  readonly interactive = true;
  readonly transcript: TranscriptEntry[] = [];
  private readonly script: Map<string, unknown[]>;

  constructor(script: Record<string, unknown>) {
    this.script = new Map(
      Object.entries(script).map(([id, v]) => [id, v instanceof Sequence ? [...v.items] : [v]]),
    );
  }

  /** Ids of questions that were asked. */
  get asked(): string[] {
    return this.transcript.filter((t) => t.id && t.kind !== "invalid").map((t) => t.id!);
  }

  intro(title: string) {
    this.transcript.push({ kind: "intro", message: title });
    return Promise.resolve();
  }
  outro(message: string) {
    this.transcript.push({ kind: "outro", message });
    return Promise.resolve();
  }
  finish(): void {}
  note(message: string, title?: string) {
    this.transcript.push({ kind: "note", message, title });
    return Promise.resolve();
  }
  progress(label: string): Progress {
    this.transcript.push({ kind: "progress", message: label });
    // What the spinner ends with is what the user reads: record it too.
    const end = (message?: string) =>
      void (message && this.transcript.push({ kind: "progress", message }));
    return { update: () => {}, stop: end };
  }

  select<T>(q: SelectQuestion<T>): Promise<T> {
    this.record("select", q, {
      options: q.options.map((o) => o.value),
      initialValue: q.initialValue,
    });
    const v = this.next(q);
    if (!q.options.some((o) => o.value === v)) {
      throw new Error(`script answer ${String(v)} is not an option of ${q.id}`);
    }
    return Promise.resolve(v as T);
  }

  multiselect<T>(q: MultiSelectQuestion<T>): Promise<T[]> {
    this.record("multiselect", q, {
      options: q.options.map((o) => o.value),
      initialValues: q.initialValues,
    });
    return Promise.resolve(this.next(q) as T[]);
  }

  text(q: TextQuestion): Promise<string> {
    this.record("text", q, {
      initialValue: q.sensitive ? undefined : q.initialValue,
      sensitive: q.sensitive,
    });
    while (true) {
      const v = String(this.next(q));
      const problem = q.validate?.(v);
      if (!problem) return Promise.resolve(v);
      this.transcript.push({ kind: "invalid", id: q.id, message: problem });
    }
  }

  confirm(q: ConfirmQuestion): Promise<boolean> {
    this.record("confirm", q, { initialValue: q.initialValue });
    return Promise.resolve(Boolean(this.next(q)));
  }

  private record(kind: TranscriptEntry["kind"], q: QuestionBase, offered: unknown) {
    if (q.silent && !this.script.has(q.id)) return;
    this.transcript.push({ kind, id: q.id, message: q.message, offered, allowBack: q.allowBack });
  }

  private next(q: QuestionBase & { initialValue?: unknown; initialValues?: unknown }): unknown {
    const queue = this.script.get(q.id);
    if (q.silent && (!queue || queue.length === 0)) return q.initialValue ?? q.initialValues;
    if (!queue || queue.length === 0) {
      throw new Error(`unscripted question: ${q.id} ("${q.message}")`);
    }
    // The last answer repeats (re-asks after a back get it again), unless it is a back or cancel.
    const last = queue.length === 1;
    const v = last ? queue[0] : queue.shift();
    if (last && (v === SCRIPT_BACK || v === SCRIPT_CANCEL)) queue.shift();
    if (v === SCRIPT_BACK) throw new BackRequested();
    if (v === SCRIPT_CANCEL) throw new CancelledError();
    return v;
  }
}

/** Successive answers to one question (a plain array is one multiselect answer). */
export class Sequence {
  constructor(readonly items: unknown[]) {}
}

export function sequence(...items: unknown[]): Sequence {
  return new Sequence(items);
}
