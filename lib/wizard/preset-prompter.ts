/**
 * Flags given to an interactive run answer their questions up front: the
 * question is not shown, and the value is checked by the question's own
 * validator (a bad flag is a usage error, as in a non-interactive run).
 */
import type {
  ConfirmQuestion,
  MultiSelectQuestion,
  Progress,
  Prompter,
  SelectQuestion,
  TextQuestion,
} from "./prompter.ts";
import { FlagsPrompter } from "./flags-prompter.ts";

export class PresetPrompter implements Prompter {
  private readonly fromFlags: FlagsPrompter;

  constructor(private readonly base: Prompter, private readonly answers: Map<string, unknown>) {
    this.fromFlags = new FlagsPrompter(answers, () => {});
  }

  get interactive() {
    return this.base.interactive;
  }
  intro(title: string) {
    return this.base.intro(title);
  }
  outro(message: string) {
    return this.base.outro(message);
  }
  note(message: string, title?: string) {
    return this.base.note(message, title);
  }
  progress(label: string): Progress {
    return this.base.progress(label);
  }
  finish(): void {
    this.base.finish();
  }
  answersWithoutAsking(id: string): boolean {
    return this.answers.has(id);
  }
  select<T>(q: SelectQuestion<T>) {
    return this.answers.has(q.id) ? this.fromFlags.select(q) : this.base.select(q);
  }
  multiselect<T>(q: MultiSelectQuestion<T>) {
    return this.answers.has(q.id) ? this.fromFlags.multiselect(q) : this.base.multiselect(q);
  }
  text(q: TextQuestion) {
    return this.answers.has(q.id) ? this.fromFlags.text(q) : this.base.text(q);
  }
  confirm(q: ConfirmQuestion) {
    return this.answers.has(q.id) ? this.fromFlags.confirm(q) : this.base.confirm(q);
  }
}
