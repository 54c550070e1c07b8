/**
 * The step/answer prompter behind the gateway's wizard RPC. The onboarding
 * flow runs unchanged on the server; each prompt it makes becomes a *step*
 * that a client (the Control UI, a future app) shows and answers:
 *
 *   {id, type: note|select|text|confirm|multiselect|progress, message, title?,
 *    options?, initialValue?, placeholder?, sensitive?, allowBack?, questionId?}
 *
 * Rules kept here, tested without sockets:
 * - every step gets a fresh random id; an answer to any other id is stale;
 * - the question's own validator runs on the server: an invalid answer keeps
 *   the step pending and comes back with the error;
 * - the initialValue of a sensitive step never leaves the server;
 * - a session expires after an idle period (it is cancelled, nothing written);
 * - cancel is refused once the apply phase has begun (the writes finish).
 */
import { CancelledError, OpenclawError } from "../errors.ts";
import { type Clock, realClock } from "../platform/clock.ts";
import { BackRequested, type Prompter } from "./prompter.ts";
import type * as P from "./prompter.ts";
import { isAnsweredSilently } from "./silent.ts";

export type WizardStepType = "note" | "select" | "text" | "confirm" | "multiselect" | "progress";

export interface WizardStepOption {
  value: unknown;
  label: string;
  hint?: string;
}

/** What a client sees of a step. */
export interface WizardStep {
  id: string;
  type: WizardStepType;
  message: string;
  title?: string;
  /** The onboarding question id (e.g. "gateway.port"), stable across runs. */
  questionId?: string;
  options?: WizardStepOption[];
  initialValue?: unknown;
  placeholder?: string;
  sensitive?: boolean;
  allowBack?: boolean;
  /** Set when the last answer was refused; the step is still pending. */
  error?: string;
}

export type WizardState = "running" | "done" | "cancelled" | "error";

/** The answer to a pending step. `back: true` stands for "← Back". */
export interface WizardAnswer {
  stepId: string;
  value?: unknown;
  back?: boolean;
}

export interface WizardView {
  sessionId: string;
  status: WizardState;
  done: boolean;
  step?: WizardStep;
  /** Why the session ended (status error or cancelled). */
  error?: string;
  /** The flow's last words (outro) when done. */
  message?: string;
  /** Lines the flow printed besides prompts (e.g. the equivalent command). */
  output?: string[];
  /** Whether the apply phase (writes) has begun: cancel is refused from then on. */
  applying: boolean;
}

export class WizardRefusal extends Error {
  constructor(readonly code: "STALE_STEP" | "INVALID_ANSWER" | "REFUSED", message: string) {
    super(message);
  }
}

interface Pending {
  step: WizardStep;
  /** Check and convert a raw answer; returns an error message or the value. */
  accept(value: unknown): { ok: true; value: unknown } | { ok: false; error: string };
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export interface SessionOptions {
  sessionId?: string;
  /** Idle time after which the session is cancelled. */
  idleMs: number;
  /** Whose timers the idle expiry runs on (default: the real ones). */
  clock?: Clock;
  /** Called once when the session ends (done, cancelled, error or expired). */
  onEnd?: (view: WizardView) => void;
}

/**
 * One wizard run. `start(run)` runs the flow with this session's prompter;
 * `view()` / `waitForStep()` tell clients where it stands; `answer()` and
 * `cancel()` move it on.
 */
export class WizardSession {
  readonly id: string;
  private state: WizardState = "running";
  private pending?: Pending;
  private progressStep?: WizardStep;
  private endMessage?: string;
  private errorMessage?: string;
  private applyingNow = false;
  private cancelRequested?: string;
  private readonly output: string[] = [];
  private changed = Promise.withResolvers<void>();
  private cancelIdleTimer?: () => void;
  private finished?: Promise<void>;
  readonly prompter: Prompter;

  constructor(private readonly opts: SessionOptions) {
    this.id = opts.sessionId ?? crypto.randomUUID();
    this.prompter = new SessionPrompter(this);
  }

  get status(): WizardState {
    return this.state;
  }

  get applying(): boolean {
    return this.applyingNow;
  }

  /** The flow has reached its apply phase: from now on cancel is refused. */
  markApplying(): void {
    this.applyingNow = true;
  }

  /** Text the flow wrote outside prompts (kept for the client, never the gateway's log). */
  print(text: string): void {
    for (const line of text.replace(/\n$/, "").split("\n")) this.output.push(line);
  }

  /** Run the flow. Resolves when it ends; the outcome is in the session's state. */
  start(run: (prompter: Prompter) => Promise<unknown>): void {
    this.touch();
    this.finished = (async () => {
      try {
        await run(this.prompter);
        this.end("done");
      } catch (err) {
        if (err instanceof CancelledError) this.end("cancelled", err.message || "Cancelled.");
        else if (err instanceof OpenclawError) this.end("error", err.message);
        else {
          this.end(
            "error",
            `The wizard stopped on an unexpected error: ${(err as Error)?.message ?? err}`,
          );
        }
      }
    })();
  }

  /** Wait until a step is pending or the flow has ended, then describe it. */
  async waitForStep(): Promise<WizardView> {
    while (this.state === "running" && !this.pending) await this.changed.promise;
    return this.view();
  }

  view(): WizardView {
    const step = this.pending?.step ?? (this.state === "running" ? this.progressStep : undefined);
    return {
      sessionId: this.id,
      status: this.state,
      done: this.state !== "running",
      step: step ? publicStep(step) : undefined,
      error: this.errorMessage,
      message: this.endMessage,
      output: this.state === "done" ? [...this.output] : undefined,
      applying: this.applyingNow,
    };
  }

  /** Answer the pending step; then wait for the next one (or the end). */
  async answer(a: WizardAnswer): Promise<WizardView> {
    this.touch();
    const pending = this.pending;
    if (this.state !== "running") {
      throw new WizardRefusal("REFUSED", `This wizard session has ended (${this.state}).`);
    }
    if (!pending || pending.step.id !== a.stepId) {
      throw new WizardRefusal(
        "STALE_STEP",
        "That step is no longer current (answered already, or from an older view). " +
          "Call wizard.status for the current step.",
      );
    }
    if (a.back) {
      if (!pending.step.allowBack) {
        return this.refuse(pending, "There is no previous question to go back to.");
      }
      this.settle(pending);
      pending.reject(new BackRequested());
      return await this.waitForStep();
    }
    const r = pending.accept(a.value);
    if (!r.ok) return this.refuse(pending, r.error);
    this.settle(pending);
    pending.resolve(r.value);
    return await this.waitForStep();
  }

  /** Cancel the run (refused once the apply phase has begun). */
  async cancel(reason = "Cancelled. Nothing was changed."): Promise<WizardView> {
    if (this.state !== "running") return this.view();
    if (this.applyingNow) {
      throw new WizardRefusal(
        "REFUSED",
        "The wizard is already writing your config; it cannot be cancelled now. " +
          "It finishes in a moment.",
      );
    }
    // Between steps the flow is still working: its next prompt is refused instead.
    this.cancelRequested = reason;
    const pending = this.pending;
    if (pending) {
      this.settle(pending);
      pending.reject(new CancelledError(reason));
    }
    await this.finished;
    return this.view();
  }

  /** Wait for the flow to end (tests, shutdown). */
  async settled(): Promise<void> {
    await this.finished;
  }

  // ---- used by SessionPrompter ----

  ask<T>(
    step: Omit<WizardStep, "id">,
    accept: Pending["accept"],
  ): Promise<T> {
    if (this.state !== "running" || this.cancelRequested !== undefined) {
      return Promise.reject(new CancelledError(this.cancelRequested));
    }
    const { promise, resolve, reject } = Promise.withResolvers<T>();
    this.progressStep = undefined;
    this.pending = {
      step: { ...step, id: crypto.randomUUID() },
      accept,
      resolve: resolve as (v: unknown) => void,
      reject,
    };
    this.signal();
    return promise;
  }

  showProgress(label: string): P.Progress {
    const step: WizardStep = { id: crypto.randomUUID(), type: "progress", message: label };
    this.progressStep = step;
    this.signal();
    return {
      update: (m) => void (step.message = m),
      stop: () => {
        if (this.progressStep === step) this.progressStep = undefined;
      },
    };
  }

  setEndMessage(message: string): void {
    this.endMessage = message;
  }

  // ---- internals ----

  private refuse(pending: Pending, error: string): WizardView {
    pending.step = { ...pending.step, error };
    return this.view();
  }

  private settle(pending: Pending): void {
    if (this.pending === pending) this.pending = undefined;
  }

  private end(state: Exclude<WizardState, "running">, error?: string): void {
    this.state = state;
    if (error) this.errorMessage = error;
    this.pending = undefined;
    this.progressStep = undefined;
    this.clearTimer();
    this.signal();
    this.opts.onEnd?.(this.view());
  }

  private signal(): void {
    const old = this.changed;
    this.changed = Promise.withResolvers<void>();
    old.resolve();
  }

  /** Restart the idle clock: any request about the session counts as activity. */
  touch(): void {
    this.clearTimer();
    if (this.state !== "running") return;
    this.cancelIdleTimer = (this.opts.clock ?? realClock).after(this.opts.idleMs, () => {
      if (this.applyingNow) return this.touch(); // writes finish; expire afterwards if still idle
      void this.cancel(
        "The wizard session expired after a period of inactivity. Nothing was changed.",
      );
    });
  }

  private clearTimer(): void {
    this.cancelIdleTimer?.();
    this.cancelIdleTimer = undefined;
  }
}

/** A step as sent to clients: never the initial value of a secret. */
function publicStep(step: WizardStep): WizardStep {
  if (!step.sensitive) return { ...step };
  const { initialValue: _hidden, ...rest } = step;
  return rest;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A select or multiselect as a step: the options as a client shows them. */
function choiceStep<T>(
  type: "select" | "multiselect",
  q: P.SelectQuestion<T> | P.MultiSelectQuestion<T>,
  initialValue: unknown,
): Omit<WizardStep, "id"> {
  return {
    type,
    questionId: q.id,
    message: q.message,
    options: q.options.map((o) => ({ value: o.value, label: o.label, hint: o.hint })),
    initialValue,
    allowBack: q.allowBack,
  };
}

class SessionPrompter implements Prompter {
  readonly interactive = true;

  constructor(private readonly session: WizardSession) {}

  intro(_title: string): Promise<void> {
    return Promise.resolve();
  }

  outro(message: string): Promise<void> {
    this.session.setEndMessage(message);
    return Promise.resolve();
  }

  async note(message: string, title?: string): Promise<void> {
    await this.session.ask<void>(
      { type: "note", message, title },
      () => ({ ok: true, value: undefined }),
    );
  }

  progress(label: string): P.Progress {
    return this.session.showProgress(label);
  }

  finish(): void {}

  select<T>(q: P.SelectQuestion<T>): Promise<T> {
    if (isAnsweredSilently(q)) return Promise.resolve(q.initialValue as T);
    return this.session.ask<T>(choiceStep("select", q, q.initialValue), (v) => {
      const match = q.options.find((o) => same(o.value, v));
      return match
        ? { ok: true, value: match.value }
        : { ok: false, error: `Pick one of: ${q.options.map((o) => o.label).join(", ")}.` };
    });
  }

  multiselect<T>(q: P.MultiSelectQuestion<T>): Promise<T[]> {
    if (isAnsweredSilently(q)) return Promise.resolve(q.initialValues as T[]);
    return this.session.ask<T[]>(choiceStep("multiselect", q, q.initialValues), (v) => {
      if (!Array.isArray(v)) {
        return { ok: false, error: "Answer with a list of the options picked." };
      }
      const picked = q.options.filter((o) => v.some((x) => same(o.value, x)));
      if (picked.length !== v.length) return { ok: false, error: "Some answers are not options." };
      if (q.atLeastOne && picked.length === 0) return { ok: false, error: "Pick at least one." };
      return { ok: true, value: picked.map((o) => o.value) };
    });
  }

  text(q: P.TextQuestion): Promise<string> {
    if (isAnsweredSilently(q)) return Promise.resolve(q.initialValue as string);
    return this.session.ask<string>({
      type: "text",
      questionId: q.id,
      message: q.message,
      initialValue: q.initialValue,
      placeholder: q.placeholder,
      sensitive: q.sensitive ?? false,
      allowBack: q.allowBack,
    }, (v) => {
      if (typeof v !== "string") return { ok: false, error: "Answer with text." };
      const problem = q.validate?.(v);
      return problem ? { ok: false, error: problem } : { ok: true, value: v };
    });
  }

  confirm(q: P.ConfirmQuestion): Promise<boolean> {
    if (isAnsweredSilently(q)) return Promise.resolve(q.initialValue as boolean);
    return this.session.ask<boolean>(
      {
        type: "confirm",
        questionId: q.id,
        message: q.message,
        initialValue: q.initialValue,
        allowBack: q.allowBack,
      },
      (v) =>
        typeof v === "boolean"
          ? { ok: true, value: v }
          : { ok: false, error: "Answer yes (true) or no (false)." },
    );
  }
}
