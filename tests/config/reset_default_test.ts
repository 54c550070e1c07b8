/**
 * One default reset scope, declared once: `openclaw reset` offers it first,
 * `onboard --reset` without --reset-scope uses it, and onboarding's Reset
 * offers it first.
 */
import assert from "node:assert/strict";
import { tempDir, testHost } from "../helpers/host.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { DEFAULT_RESET_SCOPE } from "../../lib/config/reset.ts";
import { runReset } from "../../lib/reset/run.ts";
import { ScriptedPrompter } from "../../lib/wizard/scripted-prompter.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { answersFromOptions, Q } from "../../lib/onboard/questions.ts";
import { existingConfigStep } from "../../lib/onboard/steps/existing-config.ts";
import { readConfigFile } from "../../lib/config/store.ts";

Deno.test("reset default: openclaw reset and onboarding offer the same scope first", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const paths = resolvePaths(host);
  await Deno.mkdir(paths.stateDir, { recursive: true });
  await Deno.writeTextFile(paths.configPath, '{ "gateway": { "port": 18789 } }\n');

  const reset = new ScriptedPrompter({ "reset.scope": "config", "reset.confirm": false });
  await runReset({ host, paths, prompter: reset, dryRun: true, json: false });
  const offeredByReset = reset.transcript.find((t) => t.id === "reset.scope")!.offered as {
    initialValue: string;
  };

  const onboard = new ScriptedPrompter({ "config.existing": "reset", "config.resetScope": "full" });
  await existingConfigStep({
    file: await readConfigFile(paths.configPath),
    prompter: onboard,
    options: parseOnboardOptions({}),
    host,
  });
  const offeredByOnboard = onboard.transcript.find((t) => t.id === Q.resetScope.id)!.offered as {
    initialValue: string;
  };

  assert.equal(offeredByReset.initialValue, DEFAULT_RESET_SCOPE);
  assert.equal(offeredByOnboard.initialValue, DEFAULT_RESET_SCOPE);
  // --reset alone means the same scope.
  const answers = answersFromOptions(parseOnboardOptions({ reset: true }));
  assert.equal(answers.get(Q.resetScope.id), DEFAULT_RESET_SCOPE);
});
