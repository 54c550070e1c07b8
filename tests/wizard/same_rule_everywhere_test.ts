/**
 * One rule per question wherever the answer comes from: a bad gateway port,
 * host or password is refused with the same message from a flag
 * (--non-interactive, exit 2) and from a client of the gateway's wizard RPC
 * (the step stays pending with that error), because both adapters apply the
 * question's one validator (lib/config/validators.ts).
 */
import assert from "node:assert/strict";
import { runOnboard } from "../../lib/onboard/run.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { answersFromOptions, Q } from "../../lib/onboard/questions.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { validateGatewaySecret, validateHost, validatePort } from "../../lib/config/validators.ts";
import { FlagsPrompter } from "../../lib/wizard/flags-prompter.ts";
import { WizardSession, type WizardView } from "../../lib/wizard/session-prompter.ts";
import { UsageError } from "../../lib/errors.ts";
import { attributeName, type Question, takesValue } from "../../lib/wizard/question.ts";
import { tempDir, testHost } from "../helpers/host.ts";

const CASES: {
  q: Question;
  bad: string;
  message: string | undefined;
  before: Record<string, string>;
}[] = [
  { q: Q.gatewayPort, bad: "99999", message: validatePort("99999"), before: {} },
  {
    q: Q.gatewayCustomBindHost,
    bad: "not a host!",
    message: validateHost("not a host!"),
    before: { "gateway.bind": "custom" },
  },
  {
    q: Q.gatewayPassword,
    bad: "short",
    message: validateGatewaySecret("short"),
    before: { "gateway.auth": "password" },
  },
];

function run(home: string, prompterFor: "flags" | WizardSession, raw: Record<string, unknown>) {
  const host = testHost({ home, env: { OPENCLAW_SKIP_AUTH_CHECK: "1" } });
  const options = parseOnboardOptions({ skipHealth: true, ...raw });
  const prompter = prompterFor === "flags"
    ? new FlagsPrompter(answersFromOptions(options), () => {})
    : prompterFor.prompter;
  return runOnboard({ host, paths: resolvePaths(host), options, prompter, command: "onboard" });
}

/** Answer the session's steps (by question id, else their initial value) up to `stopAt`. */
async function reach(s: WizardSession, answers: Record<string, unknown>, stopAt: string) {
  let v: WizardView = await s.waitForStep();
  for (let i = 0; i < 60 && !v.done; i++) {
    const step = v.step!;
    if (step.questionId === stopAt) return v;
    const value = step.questionId !== undefined && step.questionId in answers
      ? answers[step.questionId]
      : step.initialValue;
    v = await s.answer({ stepId: step.id, value });
  }
  throw new Error(`never asked ${stopAt}: ${JSON.stringify(v)}`);
}

for (const { q, bad, message, before } of CASES) {
  Deno.test(`${q.id}: the flag and the wizard RPC refuse "${bad}" with the one message`, async () => {
    assert.ok(message, "the validator refuses the bad value");
    assert.ok(q.flag && takesValue(q.flag));

    await using flagsHome = await tempDir();
    const flags: Record<string, unknown> = {
      acceptRisk: true,
      nonInteractive: true,
      authChoice: "skip",
      gatewayBind: before["gateway.bind"],
      gatewayAuth: before["gateway.auth"],
      [attributeName(q.flag!)]: bad,
    };
    await assert.rejects(run(flagsHome.path, "flags", flags), (e: Error) => {
      assert.ok(e instanceof UsageError, String(e));
      assert.equal(e.message, `${q.flag}: ${message}`);
      return true;
    });

    await using rpcHome = await tempDir();
    const s = new WizardSession({ idleMs: 60_000 });
    s.start(() => run(rpcHome.path, s, {}));
    const answers = {
      "risk.accept": true,
      flow: "advanced",
      "auth.provider": "skip",
      "channels.select": [],
      ...before,
    };
    const at = await reach(s, answers, q.id);
    const refused = await s.answer({ stepId: at.step!.id, value: bad });
    assert.equal(refused.step?.questionId, q.id, "the step stays pending");
    assert.equal(refused.step?.error, message);
    await s.cancel();
  });
}
