/**
 * Onboarding's last offer, "Say hello to your agent": one real message
 * through the running gateway (chat.send) to the model just set up, so the
 * user sees now whether the key, the model and the gateway work together.
 * The reply (or the short reason it failed) is shown and goes into the
 * summary and `--json` as `hello`. Asked only when a gateway runs; a failed
 * hello is a finding, not a failed onboarding.
 */
import type { Host } from "../../host.ts";
import type { StatePaths } from "../../config/paths.ts";
import type { Prompter } from "../../wizard/prompter.ts";
import type { HelloFacts, PlanPart } from "../../plan/types.ts";
import type { OpenclawConfig } from "../../config/schema.ts";
import { Q } from "../questions.ts";
import { cli } from "../../platform/invocation.ts";

/** What `hello` says in the summary and `--json`. */
export const HELLO_MESSAGE =
  "Hello! I have just finished setting you up with openclaw. Please say hello back in one " +
  "or two sentences.";
/** How long the first turn may take (a cold model can be slow). */
export const HELLO_TIMEOUT_MS = 90_000;

export interface HelloContext {
  host: Host;
  paths: StatePaths;
  prompter: Prompter;
  /** --hello (true) / --no-hello (false). */
  options: { hello?: boolean };
  /** The config the apply phase just wrote. */
  config: OpenclawConfig;
}

/** Offer the hello when `gatewayRuns`; the plan part carries its outcome (nothing if declined). */
export async function helloStep(ctx: HelloContext, gatewayRuns: boolean): Promise<PlanPart> {
  // Offered when a gateway runs; --hello tries it anyway (a gateway may run that the health
  // check did not look at), and says so when none answers.
  if (!gatewayRuns && ctx.options.hello !== true) return {};
  // No model set up (auth skipped): there is nobody to say hello to yet.
  const config = ctx.config;
  if (!config.agents?.defaults?.model) {
    if (ctx.options.hello !== true) return {};
    const text = `No model is set up yet: ${cli("configure --section model")}`;
    return { summary: { hello: { ok: false, text, errorKind: "config" } } };
  }
  const wanted = await ctx.prompter.confirm({
    ...Q.hello,
    message: "Say hello to your agent? (one real message to the model, through the gateway)",
    initialValue: ctx.prompter.interactive,
  });
  if (!wanted) return {};
  const progress = ctx.prompter.progress("Saying hello to your agent");
  const hello = await sayHello(ctx).catch((err): HelloFacts => ({
    ok: false,
    text: `The hello could not be sent: ${(err as Error)?.message ?? err}`,
    errorKind: "gateway",
  }));
  progress.stop(hello.ok ? "Your agent answered" : "Your agent did not answer");
  await ctx.prompter.note(hello.text, hello.ok ? "Your agent says" : "Hello failed");
  return { summary: { hello } };
}

async function sayHello(ctx: HelloContext): Promise<HelloFacts> {
  const [{ gatewayTarget }, client, { chatOverGateway }] = await Promise.all([
    import("../../gateway/target.ts"),
    import("../../gateway/client.ts"),
    import("../../gateway/chat-client.ts"),
  ]);
  const config = ctx.config;
  const target = await gatewayTarget(ctx.host, config);
  let conn;
  try {
    conn = await client.openGateway({ ...target, timeoutMs: 5000 });
  } catch (err) {
    if (!(err instanceof client.GatewayCallError)) throw err;
    const { renderCallFailure } = await import("../../gateway/report.ts");
    return {
      ok: false,
      text: renderCallFailure(err, target.url, target.remote),
      errorKind: "gateway",
    };
  }
  try {
    const out = await chatOverGateway(conn, {
      message: HELLO_MESSAGE,
      timeoutMs: HELLO_TIMEOUT_MS,
    });
    return { ok: out.ok, text: out.text, model: out.model, errorKind: out.errorKind };
  } finally {
    conn.close();
  }
}
