/**
 * The gateway runs whatever wizard it is handed (the CLI hands it
 * onboarding's; lib/gateway does not import lib/onboard), and a gateway
 * handed none refuses wizard.start instead of loading one itself.
 */
import assert from "node:assert/strict";
import { RawClient, testGateway, TOKEN } from "./harness.ts";

async function connected(url: string): Promise<RawClient> {
  const c = await RawClient.open(url);
  assert.equal((await c.connect({ token: TOKEN })).ok, true);
  return c;
}

Deno.test("wizard.start: a gateway handed no wizard refuses it, and says so", async () => {
  await using gw = await testGateway({ wizard: null });
  await using c = await connected(gw.url);
  const res = await c.request("wizard.start", {});
  assert.equal(res.ok, false);
  if (!res.ok) {
    assert.equal(res.error.code, "REFUSED");
    assert.match(res.error.message, /no onboarding wizard/);
  }
});

Deno.test("wizard.start runs the flow it was handed, through the session's prompter", async () => {
  await using gw = await testGateway({
    wizard: async ({ prompter }) => {
      const name = await prompter.text({ id: "stub.name", message: "Name?" });
      await prompter.outro(`hello ${name}`);
      return 0;
    },
  });
  await using c = await connected(gw.url);
  const start = await c.request("wizard.start", {});
  assert.ok(start.ok);
  // deno-lint-ignore no-explicit-any -- RPC payloads are checked field by field
  const view = start.payload as any;
  assert.equal(view.step.questionId, "stub.name");
  const next = await c.request("wizard.next", {
    sessionId: view.sessionId,
    answer: { stepId: view.step.id, value: "ada" },
  });
  assert.ok(next.ok);
  // deno-lint-ignore no-explicit-any -- as above
  const end = next.payload as any;
  assert.equal(end.done, true);
  assert.equal(end.message, "hello ada");
});
