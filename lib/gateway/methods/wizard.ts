/**
 * `wizard.start` / `wizard.next` / `wizard.cancel` / `wizard.status`: the
 * onboarding flow of `openclaw onboard`, run on the server through a
 * session prompter. One session at a time (the flow holds the config lock).
 */
import { z } from "zod";
import type { Host } from "../../host.ts";
import type { StatePaths } from "../../config/paths.ts";
import { ERROR, RpcError } from "../protocol.ts";
import { WizardRefusal, WizardSession, type WizardView } from "../../wizard/session-prompter.ts";

/** Idle sessions are cancelled after this long. */
export const WIZARD_IDLE_MS = 15 * 60_000;

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
const SessionParams = z.object({ sessionId: z.string() });

export class WizardSessions {
  private session?: WizardSession;

  constructor(
    private readonly host: Host,
    private readonly paths: StatePaths,
    private readonly idleMs: number,
    private readonly log: (line: string) => void,
  ) {}

  current(): WizardView | undefined {
    return this.session?.view();
  }

  async start(raw: unknown): Promise<WizardView> {
    parse(StartParams, raw);
    if (this.session?.status === "running") {
      throw new RpcError(
        ERROR.busy,
        "A wizard session is already running (one at a time). Finish or cancel it first.",
      );
    }
    const session = new WizardSession({
      idleMs: this.idleMs,
      onEnd: (v) => this.log(`wizard session ended: ${v.status}`),
    });
    this.session = session;
    // The flow's plain output goes to the session, not the gateway's stdout.
    const host: Host = Object.create(this.host, {
      stdout: { value: (t: string) => session.print(t) },
      stderr: { value: (t: string) => session.print(t) },
    });
    const [{ runOnboard }, { parseOnboardOptions }] = await Promise.all([
      import("../../onboard/run.ts"),
      import("../../onboard/options.ts"),
    ]);
    const options = parseOnboardOptions({ skipHealth: true });
    session.start((prompter) =>
      runOnboard({
        host,
        paths: this.paths,
        options,
        prompter,
        command: "onboard",
        surface: "gateway",
        beforeApply: () => session.markApplying(),
      })
    );
    this.log("wizard session started");
    return await session.waitForStep();
  }

  async next(raw: unknown): Promise<WizardView> {
    const p = parse(NextParams, raw);
    const s = this.find(p.sessionId);
    return await refusals(() =>
      s.answer({ stepId: p.answer.stepId, value: p.answer.value, back: p.answer.back })
    );
  }

  async cancel(raw: unknown): Promise<WizardView> {
    const s = this.find(parse(SessionParams, raw).sessionId);
    return await refusals(() => s.cancel());
  }

  status(raw: unknown): WizardView {
    const s = this.find(parse(SessionParams, raw).sessionId);
    s.touch();
    return s.view();
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

function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new RpcError(ERROR.invalidParams, `${i.path.join(".") || "params"}: ${i.message}`);
  }
  return r.data;
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
