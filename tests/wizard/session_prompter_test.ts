/**
 * The session prompter without sockets: steps, sensitive prefills, cancel
 * refused once the apply phase has begun, and expiry waiting for the writes.
 */
import assert from "node:assert/strict";
import { WizardRefusal, WizardSession } from "../../lib/wizard/session-prompter.ts";
import type { Prompter } from "../../lib/wizard/prompter.ts";
import { FakeClock, settle } from "../helpers/clock.ts";

function session(idleMs = 60_000, clock = new FakeClock()) {
  return new WizardSession({ idleMs, clock });
}

Deno.test("a sensitive step's initial value never leaves the server", async () => {
  const s = session();
  let got: string | undefined;
  s.start(async (p: Prompter) => {
    got = await p.text({
      id: "secret",
      message: "Password",
      sensitive: true,
      initialValue: "hunter2-old",
    });
  });
  const v = await s.waitForStep();
  assert.equal(v.step?.sensitive, true);
  assert.equal(v.step && "initialValue" in v.step, false);
  assert.ok(!JSON.stringify(v).includes("hunter2-old"));
  const end = await s.answer({ stepId: v.step!.id, value: "new-secret-value" });
  assert.equal(end.status, "done");
  assert.equal(got, "new-secret-value");
});

Deno.test("cancel is refused once the apply phase has begun; the run finishes", async () => {
  const s = session();
  const release = Promise.withResolvers<void>();
  let wrote = false;
  s.start(async (p) => {
    await p.confirm({ id: "go", message: "Go?" });
    s.markApplying();
    await release.promise; // the writes
    wrote = true;
  });
  const v = await s.waitForStep();
  const answered = s.answer({ stepId: v.step!.id, value: true });
  await settle();
  await assert.rejects(
    s.cancel(),
    (e: unknown) => e instanceof WizardRefusal && e.code === "REFUSED",
  );
  release.resolve();
  assert.equal((await answered).status, "done");
  assert.equal(wrote, true);
});

Deno.test("expiry cancels a waiting session, and the flow sees a cancel", async () => {
  const clock = new FakeClock();
  const s = session(50, clock);
  let outcome = "";
  s.start(async (p) => {
    try {
      await p.select({ id: "pick", message: "Pick", options: [{ value: 1, label: "one" }] });
      outcome = "answered";
    } catch (err) {
      outcome = (err as Error).name;
      throw err;
    }
  });
  await s.waitForStep();
  await clock.advance(49);
  assert.equal(s.status, "running", "not before the idle time has passed");
  await clock.advance(1);
  assert.equal(s.status, "cancelled");
  assert.equal(outcome, "CancelledError");
  assert.match(s.view().error ?? "", /expired/);
});

Deno.test("an answer restarts the idle time", async () => {
  const clock = new FakeClock();
  const s = session(50, clock);
  s.start(async (p) => {
    await p.confirm({ id: "one", message: "One?" });
    await p.confirm({ id: "two", message: "Two?" });
  });
  const first = await s.waitForStep();
  await clock.advance(40);
  await s.answer({ stepId: first.step!.id, value: true });
  await clock.advance(40);
  assert.equal(s.status, "running", "80 ms since the start, but 40 since the answer");
  await clock.advance(10);
  assert.equal(s.status, "cancelled");
});

Deno.test("an idle session in its apply phase is not cut short: the writes finish", async () => {
  const clock = new FakeClock();
  const s = session(50, clock);
  const writes = Promise.withResolvers<void>();
  let wrote = false;
  s.start(async (p) => {
    await p.confirm({ id: "go", message: "Go?" });
    s.markApplying();
    await writes.promise;
    wrote = true;
  });
  const v = await s.waitForStep();
  const answered = s.answer({ stepId: v.step!.id, value: true });
  await settle();
  await clock.advance(500);
  assert.equal(s.status, "running", "still writing, long past the idle time");
  writes.resolve();
  assert.equal((await answered).status, "done");
  assert.equal(wrote, true);
});

Deno.test("progress shows as a step while the flow works; notes wait for acknowledgement", async () => {
  const s = session();
  const gate = Promise.withResolvers<void>();
  s.start(async (p) => {
    await p.note("Read this", "Heads up");
    const prog = p.progress("Checking…");
    await gate.promise;
    prog.stop();
  });
  const note = await s.waitForStep();
  assert.equal(note.step?.type, "note");
  assert.equal(note.step?.title, "Heads up");
  const pending = s.answer({ stepId: note.step!.id });
  await settle();
  assert.equal(s.view().step?.type, "progress");
  assert.equal(s.view().step?.message, "Checking…");
  gate.resolve();
  assert.equal((await pending).status, "done");
});

Deno.test("a multi-choice step offers Back (Control UI), which returns to the question shown before", async () => {
  const { runWithBack } = await import("../../lib/wizard/back-navigation.ts");
  const s = session();
  let result: unknown;
  s.start(async (base: Prompter) => {
    result = await runWithBack(base, async (p) => {
      const flow = await p.select({
        id: "flow",
        message: "Flow?",
        options: [{ value: "quick", label: "Quick" }, { value: "adv", label: "Advanced" }],
      });
      // Answered without a step (a QuickStart default): Back steps over it.
      await p.text({ id: "port", message: "Port", initialValue: "18789", silent: true });
      const channels = await p.multiselect({
        id: "channels",
        message: "Channels",
        options: [{ value: "telegram", label: "Telegram" }, { value: "slack", label: "Slack" }],
      });
      return { flow, channels };
    });
  });
  let v = await s.waitForStep();
  assert.equal(v.step?.allowBack, false, "nothing to go back to");
  v = await s.answer({ stepId: v.step!.id, value: "adv" });
  assert.equal(v.step?.type, "multiselect");
  assert.equal(v.step?.allowBack, true);
  v = await s.answer({ stepId: v.step!.id, back: true });
  assert.equal(v.step?.questionId, "flow");
  assert.equal(v.step?.initialValue, "adv", "the previous answer is the default");
  v = await s.answer({ stepId: v.step!.id, value: "quick" });
  v = await s.answer({ stepId: v.step!.id, value: ["slack"] });
  assert.equal(v.status, "done");
  assert.deepEqual(result, { flow: "quick", channels: ["slack"] });
});
