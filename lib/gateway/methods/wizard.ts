/**
 * `wizard.start` / `wizard.next` / `wizard.cancel` / `wizard.status`: the
 * onboarding flow of `openclaw onboard`, run on the server through a
 * session prompter. One session at a time (the flow holds the config lock),
 * so an abandoned one must not hold it long:
 * - the session ends when the connection that started it closes;
 * - it expires after WIZARD_IDLE_MS without a request about it;
 * - any authenticated client sees it (`wizard.status` without a session id)
 *   and may cancel it (`wizard.cancel` without one).
 * Once the apply phase has begun the writes always finish first.
 *
 * The flow itself is handed in (a WizardRunner: the CLI passes onboarding's),
 * so the gateway does not depend on lib/onboard.
 */
import { z } from "zod";
import type { Host } from "../../host.ts";
import type { StatePaths } from "../../config/paths.ts";
import { type Clock, realClock } from "../../platform/clock.ts";
import { ERROR, parseParams as parse, RpcError } from "../protocol.ts";
import type { Caller } from "./registry.ts";
import { WizardRefusal, WizardSession, type WizardView } from "../../wizard/session-prompter.ts";
import type { Prompter } from "../../wizard/prompter.ts";

/** One run of the flow a session answers; its output goes to the session. */
export interface WizardRun {
  host: Host;
  paths: StatePaths;
  prompter: Prompter;
  /** Called just before the flow writes: from then on the session refuses cancel. */
  beforeApply: () => void;
}

/** Runs the onboarding flow for a session (lib/onboard/rpc-wizard.ts); its value is the exit code. */
export type WizardRunner = (run: WizardRun) => Promise<number>;

/**
 * Idle sessions are cancelled after this long: a backstop for a client that
 * stays connected but went away (a forgotten tab); a closed one ends its
 * session at once.
 */
export const WIZARD_IDLE_MS = 5 * 60_000;

const StartParams = z.object({
  mode: z.literal("local").optional(),
}).optional();
const NextParams = z.object({
  sessionId: z.string(),
  answer: z.object({
    stepId: z.string(),
    value: z.unknown().optional(),
    back: z.boolean().optional(),
  }),
});
/** Without a session id: the active session, whoever started it. */
const AnySessionParams = z.object({ sessionId: z.string().optional() }).optional();

/** `wizard.status` without a session id: is one running, whose, and for how long yet. */
export interface WizardSummary extends Partial<WizardView> {
  active: boolean;
  /** Whether the connection that started it is still open. */
  ownerConnected?: boolean;
  startedAt?: string;
  /** When it expires if nobody asks about it. */
  idleExpiresInMs?: number;
}

export class WizardSessions {
  private session?: WizardSession;
  private owner?: Caller;
  private startedAt?: string;
  private lastActivity = 0;

  constructor(
    private readonly host: Host,
    private readonly paths: StatePaths,
    private readonly idleMs: number,
    private readonly log: (line: string) => void,
    /** Absent: this gateway offers no wizard (a gateway started only for a check). */
    private readonly runner?: WizardRunner,
    private readonly clock: Clock = realClock,
  ) {}

  async start(raw: unknown, caller: Caller): Promise<WizardView> {
    parse(StartParams, raw);
    const runner = this.runner;
    if (!runner) throw new RpcError(ERROR.refused, "This gateway runs no onboarding wizard.");
    if (this.session?.status === "running") {
      throw new RpcError(
        ERROR.busy,
        "A wizard session is already running (one at a time). Finish or cancel it first.",
      );
    }
    const session = new WizardSession({
      idleMs: this.idleMs,
      clock: this.clock,
      onEnd: (v) => this.log(`wizard session ended: ${v.status}`),
    });
    this.session = session;
    this.owner = caller;
    this.startedAt = this.host.now().toISOString();
    this.lastActivity = this.clock.now();
    caller.onClose(() => void this.ownerGone(session));
    // The flow's plain output goes to the session, not the gateway's stdout.
    const host: Host = Object.create(this.host, {
      stdout: { value: (t: string) => session.print(t) },
      stderr: { value: (t: string) => session.print(t) },
    });
    session.start((prompter) =>
      runner({ host, paths: this.paths, prompter, beforeApply: () => session.markApplying() })
    );
    this.log("wizard session started");
    return await session.waitForStep();
  }

  async next(raw: unknown): Promise<WizardView> {
    const p = parse(NextParams, raw);
    const s = this.find(p.sessionId);
    this.lastActivity = this.clock.now();
    return await refusals(() =>
      s.answer({ stepId: p.answer.stepId, value: p.answer.value, back: p.answer.back })
    );
  }

  async cancel(raw: unknown): Promise<WizardView> {
    const id = parse(AnySessionParams, raw)?.sessionId;
    const s = id === undefined ? this.active() : this.find(id);
    if (id === undefined) this.log("wizard session cancelled by another client");
    return await refusals(() => s.cancel());
  }

  status(raw: unknown): WizardView | WizardSummary {
    const id = parse(AnySessionParams, raw)?.sessionId;
    if (id === undefined) return this.summary();
    const s = this.find(id);
    s.touch();
    this.lastActivity = this.clock.now();
    return s.view();
  }

  /** The active session as any client may see it (no activity: looking does not keep it alive). */
  summary(): WizardSummary {
    const s = this.session;
    if (!s || s.status !== "running") return { active: false };
    return {
      active: true,
      ...s.view(),
      ownerConnected: this.owner?.isOpen() ?? false,
      startedAt: this.startedAt,
      idleExpiresInMs: Math.max(
        0,
        Math.round(this.lastActivity + this.idleMs - this.clock.now()),
      ),
    };
  }

  /** The client that started the session is gone: nobody can answer it, so end it now. */
  private async ownerGone(session: WizardSession): Promise<void> {
    if (this.session !== session || session.status !== "running") return;
    if (session.applying) {
      this.log("the wizard's client disconnected during the apply phase; the writes finish");
      return;
    }
    this.log("wizard session cancelled: the client that started it disconnected");
    await session.cancel("The client that started the wizard disconnected. Nothing was changed.")
      .catch(() => {});
  }

  private active(): WizardSession {
    if (this.session?.status !== "running") {
      throw new RpcError(ERROR.notFound, "No wizard session is running.");
    }
    return this.session;
  }

  /** Stop a running session (gateway shutdown). */
  async shutdown(): Promise<void> {
    const s = this.session;
    if (s?.status !== "running") return;
    if (s.applying) await s.settled();
    else await s.cancel("The gateway stopped. Nothing was changed.");
  }

  private find(id: string): WizardSession {
    if (!this.session || this.session.id !== id) {
      throw new RpcError(
        ERROR.notFound,
        "No such wizard session (it ended or expired). Start one with wizard.start.",
      );
    }
    return this.session;
  }
}

async function refusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof WizardRefusal) {
      throw new RpcError(err.code === "STALE_STEP" ? ERROR.staleStep : ERROR.refused, err.message);
    }
    throw err;
  }
}
