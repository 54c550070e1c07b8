/**
 * "← Back" for any flow, without steps knowing about it.
 *
 * Steps only ask and decide (they never write), so a flow can be re-run
 * safely. When the user goes back from question N, we re-run the flow and
 * replay the recorded answers to questions 1..N-2 silently, then ask
 * question N-1 again with its previous answer as the initial value. Answers
 * given later are remembered too, so going forward again offers them.
 *
 * "Previous" means the previous question the user *saw*: questions answered
 * without a prompt (QuickStart defaults, kept values, flags) are stepped over,
 * or Back would re-"ask" an invisible question and seem to do nothing. While
 * answers replay, notes and progress lines (a live key check) stay quiet: the
 * user has seen them already.
 */
import { BackRequested, type Prompter } from "./prompter.ts";
import type * as P from "./prompter.ts";
import { isAnsweredSilently } from "./silent.ts";

interface Answer {
  id: string;
  value: unknown;
  /** Whether the user saw the question (false: silent default or a flag answered it). */
  shown: boolean;
}

export async function runWithBack<T>(
  base: Prompter,
  flow: (p: Prompter) => Promise<T>,
): Promise<T> {
  const answered: Answer[] = [];
  const remembered = new Map<string, unknown>();
  while (true) {
    const replaying = new ReplayingPrompter(base, answered.slice(), answered, remembered);
    answered.length = 0;
    try {
      return await flow(replaying);
    } catch (err) {
      if (!(err instanceof BackRequested)) throw err;
      // Drop answers back to (and including) the last question the user saw.
      while (answered.length > 0) {
        const previous = answered.pop()!;
        remembered.set(previous.id, previous.value);
        if (previous.shown) break;
      }
    }
  }
}

class ReplayingPrompter implements Prompter {
  /**
   * Whether this pass has reached a question the user is asked now. Until
   * then it is re-playing what the user has seen: notes and progress lines
   * (a key check between the last replayed answer and the re-asked question)
   * stay quiet.
   */
  private live: boolean;

  constructor(
    private readonly base: Prompter,
    /** Answers still to replay silently. */
    private readonly queue: Answer[],
    /** Answers given (or replayed) in this run, in order. */
    private readonly answered: Answer[],
    /** Earlier answers, offered again as initial values. */
    private readonly remembered: Map<string, unknown>,
  ) {
    this.live = queue.length === 0;
  }

  get interactive(): boolean {
    return this.base.interactive;
  }

  private get replaying(): boolean {
    return !this.live;
  }

  intro(title: string) {
    return this.replaying ? Promise.resolve() : this.base.intro(title);
  }
  outro(message: string) {
    return this.base.outro(message);
  }
  note(message: string, title?: string) {
    return this.replaying ? Promise.resolve() : this.base.note(message, title);
  }
  progress(label: string): P.Progress {
    return this.replaying ? { update: () => {}, stop: () => {} } : this.base.progress(label);
  }
  finish(): void {
    this.base.finish();
  }

  select<T>(q: P.SelectQuestion<T>): Promise<T> {
    return this.ask(q, (qq) => this.base.select(qq), (v) => ({ ...q, initialValue: v as T }));
  }
  multiselect<T>(q: P.MultiSelectQuestion<T>): Promise<T[]> {
    return this.ask(
      q,
      (qq) => this.base.multiselect(qq),
      (v) => ({ ...q, initialValues: v as T[] }),
    );
  }
  text(q: P.TextQuestion): Promise<string> {
    return this.ask(q, (qq) => this.base.text(qq), (v) => ({ ...q, initialValue: v as string }));
  }
  confirm(q: P.ConfirmQuestion): Promise<boolean> {
    return this.ask(
      q,
      (qq) => this.base.confirm(qq),
      (v) => ({ ...q, initialValue: v as boolean }),
    );
  }

  private async ask<
    Q extends {
      id: string;
      allowBack?: boolean;
      silent?: boolean;
      initialValue?: unknown;
      initialValues?: unknown;
    },
    V,
  >(
    q: Q,
    askBase: (q: Q) => Promise<V>,
    withInitial: (v: unknown) => Q,
  ): Promise<V> {
    const next = this.queue[0];
    if (next && next.id === q.id) {
      this.queue.shift();
      this.answered.push(next);
      return next.value as V;
    }
    // The flow took another path than last time: stop replaying.
    this.queue.length = 0;
    // Asked again in this pass (a retry loop): the step knows the better default.
    const retry = this.answered.some((a) => a.id === q.id);
    const question = this.remembered.has(q.id) && !retry
      ? withInitial(this.remembered.get(q.id))
      : q;
    const shown = !this.base.answersWithoutAsking?.(q.id) && !isAnsweredSilently(q);
    if (shown) this.live = true;
    const value = await askBase({ ...question, allowBack: this.answered.some((a) => a.shown) });
    this.answered.push({ id: q.id, value, shown });
    this.remembered.set(q.id, value);
    return value;
  }
}
