/**
 * The terminal prompter: @clack/prompts, the look OpenClaw users know.
 * Cancel (Ctrl-C / Esc) becomes CancelledError; "← Back" becomes
 * BackRequested. Input and output streams can be injected (tests).
 */
import * as clack from "@clack/prompts";
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

const BACK_VALUE = "\u0000openclaw:back";

/** A line of a note to copy as it is: an indented command, or any line indented 4 spaces. */
function isCodeLine(line: string): boolean {
  return /^ {4}\S/.test(line) || (/^\s/.test(line) && holdsCommand(line));
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
  note(message: string, title?: string) {
    if (!holdsCommand(message)) {
      clack.note(message, title, this.streams);
      return Promise.resolve();
    }
    // clack's box wraps its lines at the terminal's width, which cuts a command in two (and
    // its border would be copied with it): a note with commands is an open frame, each line
    // whole, a command line without the frame's bar so that it copies as it is.
    const lines = message.split("\n").map((
      l,
    ) => (isCodeLine(l) ? `  ${l.trim()}` : `│  ${l}`));
    const text = `│\n◇  ${title ?? ""}\n${lines.join("\n")}\n`;
    if (this.streams.output) this.streams.output.write(text);
    else Deno.stdout.writeSync(new TextEncoder().encode(text));
    return Promise.resolve();
  }

  progress(label: string): Progress {
    const spin = clack.spinner({ output: this.streams.output });
    spin.start(label);
    return { update: (m) => spin.message(m), stop: (m) => spin.stop(m ?? label) };
  }

  async select<T>(q: SelectQuestion<T>): Promise<T> {
    if (q.silent && q.initialValue !== undefined) return q.initialValue;
    // Options are indexed so any value type works with clack's primitive options.
    const options: { value: string; label: string; hint?: string }[] = q.options.map((o, i) => ({
      value: String(i),
      label: o.label,
      hint: o.hint,
    }));
    if (q.allowBack) options.push({ value: BACK_VALUE, label: BACK_LABEL });
    const initialIndex = q.options.findIndex((o) => o.value === q.initialValue);
    const picked = await clack.select<string>({
      ...this.streams,
      message: q.message,
      options,
      initialValue: initialIndex >= 0 ? String(initialIndex) : undefined,
    });
    if (clack.isCancel(picked)) this.cancelled();
    if (picked === BACK_VALUE) throw new BackRequested();
    return q.options[Number(picked)].value;
  }

  async multiselect<T>(q: MultiSelectQuestion<T>): Promise<T[]> {
    if (q.silent && q.initialValues !== undefined) return q.initialValues;
    const picked = await clack.multiselect<string>({
      ...this.streams,
      message: q.message,
      options: q.options.map((o, i) => ({ value: String(i), label: o.label, hint: o.hint })),
      initialValues: q.options.flatMap((o, i) =>
        q.initialValues?.includes(o.value) ? [String(i)] : []
      ),
      required: q.atLeastOne ?? false,
    });
    if (clack.isCancel(picked)) this.cancelled();
    return picked.map((i) => q.options[Number(i)].value);
  }

  async text(q: TextQuestion): Promise<string> {
    if (q.silent && q.initialValue !== undefined) return q.initialValue;
    const validate = (value: string | undefined): string | undefined => {
      const v = value ?? "";
      if (q.allowBack && v.trim() === BACK_TEXT) return undefined;
      return q.validate?.(v);
    };
    const message = q.allowBack ? `${q.message}  (${BACK_TEXT} to go back)` : q.message;
    const answer = q.sensitive
      ? await clack.password({ ...this.streams, message, validate })
      : await clack.text({
        ...this.streams,
        message,
        placeholder: q.placeholder,
        initialValue: q.initialValue,
        validate,
      });
    if (clack.isCancel(answer)) this.cancelled();
    if (q.allowBack && answer.trim() === BACK_TEXT) throw new BackRequested();
    return answer ?? "";
  }

  /** Close clack's frame with the message, then stop the flow (already said: no second message). */
  private cancelled(): never {
    clack.cancel(new CancelledError().message, this.streams);
    throw new CancelledError("");
  }

  async confirm(q: ConfirmQuestion): Promise<boolean> {
    if (q.silent && q.initialValue !== undefined) return q.initialValue;
    if (q.allowBack) {
      // clack's confirm has no third choice; a select gives "← Back" the same look as elsewhere.
      const v = await this.select<boolean>({
        ...q,
        options: [{ value: true, label: "Yes" }, { value: false, label: "No" }],
        initialValue: q.initialValue ?? true,
      });
      return v;
    }
    const answer = await clack.confirm({
      ...this.streams,
      message: q.message,
      initialValue: q.initialValue,
    });
    if (clack.isCancel(answer)) this.cancelled();
    return answer;
  }
}
