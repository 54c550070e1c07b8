/**
 * Start-up cost: every option of onboard and configure looks up its secret
 * variable while the command tree is built, before the first prompt; the
 * list of secret inputs is built once for all of them.
 */
import assert from "node:assert/strict";
import { onboardSecretEnv, secretInputs } from "../../lib/cli/secret-inputs.ts";

Deno.test("secret inputs: the list is built once, not once per option", () => {
  const first = secretInputs();
  assert.equal(secretInputs(), first);
  assert.deepEqual(onboardSecretEnv("--anthropic-api-key"), ["ANTHROPIC_API_KEY"]);
  assert.equal(onboardSecretEnv("--not-a-secret"), undefined);
});
