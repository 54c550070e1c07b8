import assert from "node:assert/strict";
import { FlagsPrompter } from "../../lib/wizard/flags-prompter.ts";
import { runWithBack } from "../../lib/wizard/back-navigation.ts";
import { SCRIPT_BACK, ScriptedPrompter, sequence } from "../../lib/wizard/scripted-prompter.ts";
import type { Prompter } from "../../lib/wizard/prompter.ts";
import { MissingAnswersError, UsageError } from "../../lib/errors.ts";
import { validatePort } from "../../lib/config/validators.ts";
import { PassThrough } from "node:stream";
import { ClackPrompter } from "../../lib/wizard/clack-prompter.ts";
import { WizardSession } from "../../lib/wizard/session-prompter.ts";
import { FakeClock } from "../helpers/clock.ts";

const color = {
  id: "color",
  flag: "--color <c>",
  message: "Colour?",
  options: [{ value: "red", label: "Red" }, { value: "blue", label: "Blue" }],
};

Deno.test("flags prompter: answers, defaults, validation and the missing list", async () => {
  const notes: string[] = [];
  const p = new FlagsPrompter(
    new Map<string, unknown>([["port", "8080"], ["color", "blue"]]),
    (t) => notes.push(t),
  );
  assert.equal(
    await p.text({ id: "port", flag: "--port", message: "Port", validate: validatePort }),
    "8080",
  );
  assert.equal(await p.select(color), "blue");
  assert.equal(await p.text({ id: "name", message: "Name", initialValue: "main" }), "main");
  await p.confirm({
    id: "ok",
    flag: "--yes",
    message: "Sure?",
    required: true,
    initialValue: false,
  });
  await p.text({ id: "key", flag: "--key <k>", message: "Key", required: true });
  assert.throws(() => p.assertComplete(), (e: Error) => {
    assert.ok(e instanceof MissingAnswersError);
    assert.deepEqual(e.flags, ["--yes", "--key <k>"]);
    assert.match(e.message, /--key <k> {2}\(Key\)/);
    return true;
  });
  await p.note("hello", "Title");
  assert.deepEqual(notes, ["Title:\n  hello\n"]);
});

Deno.test("flags prompter: a bad flag value is a usage error naming the flag", async () => {
  const p = new FlagsPrompter(
    new Map<string, unknown>([["port", "http"], ["color", "green"]]),
    () => {},
  );
  await assert.rejects(
    p.text({ id: "port", flag: "--port", message: "Port", validate: validatePort }),
    (e: Error) => {
      assert.ok(e instanceof UsageError);
      assert.equal(e.message, "--port: A port is a whole number from 1 to 65535.");
      return true;
    },
  );
  await assert.rejects(p.select(color), /--color <c> must be one of: red, blue \(got "green"\)/);
});

async function threeQuestions(p: Prompter): Promise<string[]> {
  const a = await p.select({ ...color, id: "a" });
  const b = await p.text({ id: "b", message: "B" });
  const c = await p.select({ ...color, id: "c" });
  return [a, b, c];
}

Deno.test("back: goes back one question at a time and keeps answers as defaults", async () => {
  const p = new ScriptedPrompter({
    a: "red",
    b: sequence("first", "second"),
    c: sequence(SCRIPT_BACK, SCRIPT_BACK, "blue"),
  });
  // c: back -> b is re-asked ("second"); c: back again -> b again; then c answers.
  const result = await runWithBack(p, threeQuestions);
  assert.deepEqual(result, ["red", "second", "blue"]);
  const bAsks = p.transcript.filter((t) => t.id === "b");
  assert.equal(bAsks.length, 3);
  assert.equal((bAsks[1].offered as { initialValue: string }).initialValue, "first");
  assert.equal((bAsks[2].offered as { initialValue: string }).initialValue, "second");
  // The first question is never offered "back"; later ones are.
  assert.equal(p.transcript.find((t) => t.id === "a")!.allowBack, false);
  assert.equal(bAsks[0].allowBack, true);
});

Deno.test("back: notes of replayed questions are not shown twice", async () => {
  const p = new ScriptedPrompter({ a: "red", b: "x", c: sequence(SCRIPT_BACK, "red") });
  await runWithBack(p, async (q) => {
    await q.note("intro note");
    const out = await threeQuestions(q);
    return out;
  });
  assert.equal(p.transcript.filter((t) => t.kind === "note").length, 1);
});

Deno.test("back: skips questions that were answered without being shown", async () => {
  // b is silent (a QuickStart default): going back from c re-asks a, which the user saw.
  const p = new ScriptedPrompter({ a: sequence("red", "blue"), c: sequence(SCRIPT_BACK, "red") });
  const result = await runWithBack(p, async (q) => {
    const a = await q.select({ ...color, id: "a" });
    const b = await q.text({ id: "b", message: "B", initialValue: "kept", silent: true });
    const c = await q.select({ ...color, id: "c" });
    return [a, b, c];
  });
  assert.deepEqual(result, ["blue", "kept", "red"]);
  assert.deepEqual(p.asked, ["a", "c", "a", "c"]);
});

Deno.test("back: not offered when every earlier answer was silent", async () => {
  const p = new ScriptedPrompter({ c: "red" });
  await runWithBack(p, async (q) => {
    await q.text({ id: "b", message: "B", initialValue: "kept", silent: true });
    return await q.select({ ...color, id: "c" });
  });
  assert.equal(p.transcript.find((t) => t.id === "c")!.allowBack, false);
});

Deno.test("back: a question asked again in the same pass gets the step's own default", async () => {
  // e.g. the provider question after a sign-in method failed: the step moves the default.
  const p = new ScriptedPrompter({ a: sequence("red", "blue") });
  await runWithBack(p, async (q) => {
    const first = await q.select({ ...color, id: "a", initialValue: "red" });
    return await q.select({ ...color, id: "a", initialValue: first === "red" ? "blue" : "red" });
  });
  const asks = p.transcript.filter((t) => t.id === "a");
  assert.equal((asks[1].offered as { initialValue: string }).initialValue, "blue");
});

Deno.test("back: progress lines of replayed steps are not shown again", async () => {
  const p = new ScriptedPrompter({ a: "red", b: "x", c: "blue", d: sequence(SCRIPT_BACK, "red") });
  await runWithBack(p, async (q) => {
    const a = await q.select({ ...color, id: "a" });
    q.progress("Checking the key").stop("key: valid");
    const b = await q.text({ id: "b", message: "B" });
    const c = await q.select({ ...color, id: "c" });
    return [a, b, c, await q.select({ ...color, id: "d" })];
  });
  assert.equal(p.transcript.filter((t) => t.kind === "progress").length, 2, "one start, one end");
});

Deno.test("back: questions a flag answered are stepped over, like silent ones", async () => {
  const { PresetPrompter } = await import("../../lib/wizard/preset-prompter.ts");
  const p = new ScriptedPrompter({ b: sequence("x", "y"), c: sequence(SCRIPT_BACK, "red") });
  const preset = new PresetPrompter(p, new Map([["a", "blue"]]));
  const result = await runWithBack(preset, threeQuestions);
  assert.deepEqual(result, ["blue", "y", "red"]);
  // b is the first question shown: no Back there (a was answered by --color).
  const bAsks = p.transcript.filter((t) => t.id === "b");
  assert.equal(bAsks[0].allowBack, false);
  assert.equal(bAsks.length, 2);
});

Deno.test("silent rule: with an initial value nothing is shown, in the terminal and over RPC alike; without one the question is asked", async () => {
  const silentOnes = async (p: Prompter) => [
    await p.select({ ...color, initialValue: "blue", silent: true }),
    await p.multiselect({ ...color, initialValues: ["red"], silent: true }),
    await p.text({ id: "name", message: "Name", initialValue: "kept", silent: true }),
    await p.confirm({ id: "ok", message: "OK?", initialValue: false, silent: true }),
  ];
  const expected = ["blue", ["red"], "kept", false];

  const output = new PassThrough();
  let written = "";
  output.on("data", (c) => (written += String(c)));
  const clack = new ClackPrompter({ input: new PassThrough(), output });
  assert.deepEqual(await silentOnes(clack), expected);
  assert.equal(written, "", "the terminal shows nothing");

  const session = new WizardSession({ idleMs: 60_000, clock: new FakeClock() });
  let answers: unknown[] = [];
  session.start(async (p) => {
    answers = await silentOnes(p);
    await p.text({ id: "asked", message: "Asked", silent: true });
  });
  const view = await session.waitForStep();
  assert.deepEqual(answers, expected);
  assert.equal(view.step?.questionId, "asked", "silent without an initial value: asked");
  await session.cancel();
});
