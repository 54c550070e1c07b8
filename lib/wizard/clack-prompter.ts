/**
 * The terminal prompter: @clack/prompts, the look OpenClaw users know.
 * Ctrl-C becomes CancelledError. Back becomes BackRequested: the "← Back"
 * option of a select, Esc at any prompt that has a previous question (clack
 * maps Esc to cancel; we tell the two apart by the key that ended the
 * prompt), and `<` typed alone in a text field. A back gesture never becomes
 * part of a value: a text answer ending in `<` is refused with a hint.
 * Input and output streams can be injected (tests).
 */
import * as clack from "@clack/prompts";
import { emitKeypressEvents } from "node:readline";
import process from "node:process";
import type { Readable, Writable } from "node:stream";
import { CancelledError } from "../errors.ts";
import { holdsCommand } from "../platform/invocation.ts";
import {
  BACK_LABEL,
  BACK_TEXT,
  BackRequested,
  type ConfirmQuestion,
  type MultiSelectQuestion,
  type Progress,
  type Prompter,
  type SelectQuestion,
  type TextQuestion,
} from "./prompter.ts";
import { isAnsweredSilently } from "./silent.ts";

const BACK_VALUE = "\u0000openclaw:back";
/** Shown after the message of text and multi-choice prompts that can go back. */
const BACK_HINT = "(Esc to go back)";

/** A line of a note to copy as it is: an indented command, or any line indented 4 spaces. */
function isCodeLine(line: string): boolean {
  return /^ {4}\S/.test(line) || (/^\s/.test(line) && holdsCommand(line));
}

/**
 * Prose of an open frame, wrapped at word boundaries so the terminal never wraps it past the
 * frame's bar; a `quoted command` is never split (too long for a line, it gets a line of its own).
 */
export function wrapProse(line: string, width: number): string[] {
  const indent = line.match(/^\s*/)![0];
  const words = line.slice(indent.length).match(/`[^`]*`\S*|\S+/g) ?? [];
  const out: string[] = [];
  let current = "";
  for (const word of words) {
    if (current && indent.length + current.length + 1 + word.length > width) {
      out.push(indent + current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  out.push(indent + current);
  return out;
}

export interface ClackStreams {
  input?: Readable;
  output?: Writable;
}

export class ClackPrompter implements Prompter {
  readonly interactive = true;

  constructor(private readonly streams: ClackStreams = {}) {}

  intro(title: string) {
    clack.intro(title, this.streams);
    return Promise.resolve();
  }
  outro(message: string) {
    clack.outro(message, this.streams);
    return Promise.resolve();
  }
  finish(): void {}
  note(message: string, title?: string) {
    if (!holdsCommand(message)) {
      clack.note(message, title, this.streams);
      return Promise.resolve();
    }
    // clack's box wraps its lines at the terminal's width, which cuts a command in two (and
    // its border would be copied with it): a note with commands is an open frame, each line
    // whole, a command line without the frame's bar so that it copies as it is.
    const width = Math.max(40, this.columns() - 3);
    const lines = message.split("\n").flatMap((l) =>
      isCodeLine(l) ? [`  ${l.trim()}`] : wrapProse(l, width).map((w) => `│  ${w}`)
    );
    const text = `│\n◇  ${title ?? ""}\n${lines.join("\n")}\n`;
    if (this.streams.output) this.streams.output.write(text);
    else Deno.stdout.writeSync(new TextEncoder().encode(text));
    return Promise.resolve();
  }

  /** The terminal's width, for wrapping prose in an open frame (80 when unknown). */
  private columns(): number {
    const fromStream = (this.streams.output as { columns?: number } | undefined)?.columns;
    if (typeof fromStream === "number" && fromStream > 0) return fromStream;
    try {
      return Deno.consoleSize().columns;
    } catch {
      return 80;
    }
  }

  progress(label: string): Progress {
    const spin = clack.spinner({ output: this.streams.output });
    spin.start(label);
    return { update: (m) => spin.message(m), stop: (m) => spin.stop(m ?? label) };
  }

  async select<T>(q: SelectQuestion<T>): Promise<T> {
    if (isAnsweredSilently(q)) return q.initialValue as T;
    // Options are indexed so any value type works with clack's primitive options.
    const options: { value: string; label: string; hint?: string }[] = q.options.map((o, i) => ({
      value: String(i),
      label: o.label,
      hint: o.hint,
    }));
    if (q.allowBack) options.push({ value: BACK_VALUE, label: BACK_LABEL });
    const initialIndex = q.options.findIndex((o) => o.value === q.initialValue);
    const picked = await this.backOrAnswer<string>(q.allowBack, () =>
      clack.select<string>({
        ...this.streams,
        message: q.message,
        options,
        initialValue: initialIndex >= 0 ? String(initialIndex) : undefined,
      }));
    if (picked === BACK_VALUE) throw new BackRequested();
    return q.options[Number(picked)].value;
  }

  async multiselect<T>(q: MultiSelectQuestion<T>): Promise<T[]> {
    if (isAnsweredSilently(q)) return q.initialValues as T[];
    // A "← Back" checkbox would be odd in a multi-choice list: Esc goes back, and the message says so.
    const picked = await this.backOrAnswer<string[]>(q.allowBack, () =>
      clack.multiselect<string>({
        ...this.streams,
        message: q.allowBack ? `${q.message}  ${BACK_HINT}` : q.message,
        options: q.options.map((o, i) => ({ value: String(i), label: o.label, hint: o.hint })),
        initialValues: q.options.flatMap((o, i) =>
          q.initialValues?.includes(o.value) ? [String(i)] : []
        ),
        required: q.atLeastOne ?? false,
      }));
    return picked.map((i) => q.options[Number(i)].value);
  }

  async text(q: TextQuestion): Promise<string> {
    if (isAnsweredSilently(q)) return q.initialValue as string;
    const validate = (value: string | undefined): string | undefined => {
      const v = value ?? "";
      if (q.allowBack && v.trim() === BACK_TEXT) return undefined;
      return backMarkerProblem(v, q) ?? q.validate?.(v);
    };
    const message = q.allowBack ? `${q.message}  ${BACK_HINT}` : q.message;
    const answer = await this.backOrAnswer<string | undefined>(
      q.allowBack,
      () =>
        q.sensitive ? clack.password({ ...this.streams, message, validate }) : clack.text({
          ...this.streams,
          message,
          placeholder: q.placeholder,
          initialValue: q.initialValue,
          validate,
        }),
    );
    if (q.allowBack && (answer ?? "").trim() === BACK_TEXT) throw new BackRequested();
    return answer ?? "";
  }

  /**
   * Run one clack prompt. clack ends a prompt with its cancel symbol for both
   * Ctrl-C and Esc; the last key read tells them apart: Esc is Back where
   * there is a previous question, anything else cancels the run.
   */
  private async backOrAnswer<T>(
    allowBack: boolean | undefined,
    prompt: () => Promise<T | symbol>,
  ): Promise<T> {
    const input = (this.streams.input ?? process.stdin) as Readable;
    // clack's readline does the same; doing it first lets our listener see every key.
    emitKeypressEvents(input);
    let lastKey: string | undefined;
    const onKey = (_text: string | undefined, key: { name?: string } | undefined) => {
      lastKey = key?.name;
    };
    input.on("keypress", onKey);
    let answer: T | symbol;
    try {
      answer = await prompt();
    } finally {
      input.off("keypress", onKey);
    }
    if (clack.isCancel(answer)) {
      if (allowBack && lastKey === "escape") throw new BackRequested();
      this.cancelled();
    }
    return answer as T;
  }

  /** Close clack's frame with the message, then stop the flow (already said: no second message). */
  private cancelled(): never {
    clack.cancel(new CancelledError().message, this.streams);
    throw new CancelledError("");
  }

  async confirm(q: ConfirmQuestion): Promise<boolean> {
    if (isAnsweredSilently(q)) return q.initialValue as boolean;
    if (q.allowBack) {
      // clack's confirm has no third choice; a select gives "← Back" the same look as elsewhere.
      const v = await this.select<boolean>({
        ...q,
        options: [{ value: true, label: "Yes" }, { value: false, label: "No" }],
        initialValue: q.initialValue ?? true,
      });
      return v;
    }
    return await this.backOrAnswer<boolean>(false, () =>
      clack.confirm({
        ...this.streams,
        message: q.message,
        initialValue: q.initialValue,
      }));
  }
}

/**
 * A back gesture typed into a field that already held a value ("~/ws<")
 * must not be saved as the value. Secrets are left alone: their field
 * starts empty, so a trailing "<" there was typed on purpose.
 */
export function backMarkerProblem(value: string, q: TextQuestion): string | undefined {
  if (q.sensitive || !value.trim().endsWith(BACK_TEXT)) return undefined;
  return q.allowBack
    ? `A value cannot end with "${BACK_TEXT}". To go back, press Esc; otherwise remove the "${BACK_TEXT}".`
    : `A value cannot end with "${BACK_TEXT}": remove it.`;
}
