/**
 * The plan engine in-process: one onboarding run reads the config file once
 * (the runner's read under the lock; apply, the closing check and the report
 * use what it read and what apply returns), apply runs the effects in order
 * and returns the config it wrote, and a run ends through prompter.finish().
 */
import assert from "node:assert/strict";
import { runOnboard } from "../../lib/onboard/run.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { answersFromOptions } from "../../lib/onboard/questions.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { applyPlan } from "../../lib/plan/apply.ts";
import { emptyPlan, mergePlan } from "../../lib/plan/types.ts";
import { runPlan } from "../../lib/plan/runner.ts";
import { FlagsPrompter } from "../../lib/wizard/flags-prompter.ts";
import { ScriptedPrompter } from "../../lib/wizard/scripted-prompter.ts";
import { ActionableError, MissingAnswersError } from "../../lib/errors.ts";
import { tempDir, testHost } from "../helpers/host.ts";

const KEY = "sk-ant-api03-test-key-0123456789";

/** Count the reads of `path` while `work` runs (Deno.readTextFile is how config is read). */
async function countingReads<T>(path: string, work: () => Promise<T>): Promise<[T, number]> {
  const real = Deno.readTextFile;
  let reads = 0;
  Deno.readTextFile = ((p: string | URL, o?: Deno.ReadFileOptions) => {
    if (String(p) === path) reads++;
    return real(p, o);
  }) as typeof Deno.readTextFile;
  try {
    return [await work(), reads];
  } finally {
    Deno.readTextFile = real;
  }
}

Deno.test("a re-run of onboarding reads the config file once, after taking the lock", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path, env: { OPENCLAW_SKIP_AUTH_CHECK: "1" } });
  const paths = resolvePaths(host);
  const raw = {
    nonInteractive: true,
    acceptRisk: true,
    anthropicApiKey: KEY,
    skipHealth: true,
    skipDaemon: true,
  };
  const run = () =>
    runOnboard({
      host,
      paths,
      options: parseOnboardOptions(raw),
      prompter: new FlagsPrompter(answersFromOptions(parseOnboardOptions(raw)), () => {}),
      command: "onboard",
    });
  assert.equal(await run(), 0);
  const [code, reads] = await countingReads(paths.configPath, run);
  assert.equal(code, 0);
  assert.equal(reads, 1);
});

Deno.test("apply returns the config it wrote, runs checks last, and they see it", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const paths = resolvePaths(host);
  const order: string[] = [];
  const plan = mergePlan(emptyPlan(), {
    tasks: [{ description: "install", run: () => Promise.resolve(void order.push("task")) }],
    configEdits: [{ path: ["gateway", "port"], value: 19123 }],
    checks: [{
      run: async (_host, applied) => {
        order.push("check");
        // The file is there already, and the result holds the same config.
        assert.match(await Deno.readTextFile(paths.configPath), /19123/);
        return { nextSteps: [`port ${applied.config.gateway?.port}`] };
      },
    }],
  });
  const result = await applyPlan(host, paths, plan);
  assert.deepEqual(order, ["task", "check"]);
  assert.equal(result.config.gateway?.port, 19123);
  assert.deepEqual(result.nextSteps, ["port 19123"]);
});

Deno.test("runner: a flags run missing an answer stops at finish(), before anything is written", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const paths = resolvePaths(host);
  let reported = false;
  await assert.rejects(
    runPlan({
      host,
      paths,
      prompter: new FlagsPrompter(new Map(), () => {}),
      command: "openclaw test",
      config: "valid",
      async ask(_loaded, p) {
        const port = await p.text({
          id: "test.port",
          flag: "--port <n>",
          message: "Port",
          required: true,
        });
        return mergePlan(emptyPlan(), {
          configEdits: [{ path: ["gateway", "port"], value: port }],
        });
      },
      report: () => Promise.resolve(void (reported = true)),
    }),
    (e) => e instanceof MissingAnswersError && e.flags.includes("--port <n>"),
  );
  assert.equal(reported, false);
  await assert.rejects(Deno.stat(paths.configPath), Deno.errors.NotFound);
});

Deno.test("runner: the config need { exists } stops on a missing config with its message", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const paths = resolvePaths(host);
  const p = new ScriptedPrompter({});
  await assert.rejects(
    runPlan({
      host,
      paths,
      prompter: p,
      command: "openclaw test",
      config: { exists: "No config yet: run onboard." },
      intro: "test",
      ask: () => Promise.resolve(emptyPlan()),
      report: () => Promise.resolve(0),
    }),
    (e) => e instanceof ActionableError && e.message === "No config yet: run onboard.",
  );
  assert.deepEqual(p.transcript, [], "nothing is shown before the config is loaded");
});

Deno.test("runner: the report gets the result of apply, with the config it wrote", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const paths = resolvePaths(host);
  const port = await runPlan({
    host,
    paths,
    prompter: new ScriptedPrompter({ "test.port": "19200" }),
    command: "openclaw test",
    config: "valid",
    async ask(_loaded, p) {
      const value = Number(await p.text({ id: "test.port", message: "Port" }));
      return mergePlan(emptyPlan(), { configEdits: [{ path: ["gateway", "port"], value }] });
    },
    report: ({ result }) => Promise.resolve(result?.config.gateway?.port),
  });
  assert.equal(port, 19200);
});
