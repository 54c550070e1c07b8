/**
 * Going back over the auth step: a key checked once is not checked (or its
 * line printed) again in the same run; the "not verified" note says what
 * happened without inventing commands the user ran; after a sign-in method
 * fails, the default moves off it.
 */
import assert from "node:assert/strict";
import { SCRIPT_BACK, ScriptedPrompter, sequence } from "../../lib/wizard/scripted-prompter.ts";
import { tempDir } from "../helpers/host.ts";
import { runWith, scripted } from "../auth/helpers.ts";
import { startFakeProvider } from "../auth/fake_provider.ts";
import { closedPortUrl } from "../helpers/ports.ts";

const KEY = "sk-proj-back-replay-000000000001";

function advanced(answers: Record<string, unknown>): ScriptedPrompter {
  return new ScriptedPrompter({
    "risk.accept": true,
    flow: "advanced",
    "auth.provider": "openai",
    "auth.method": "openai-api-key",
    "auth.openaiApiKey": KEY,
    "auth.model": "openai/gpt-5.1-codex",
    workspace: "~/.openclaw/workspace",
    "gateway.port": "18789",
    "gateway.bind": "loopback",
    "gateway.auth": "token",
    "gateway.token": "",
    "gateway.tailscale": "off",
    "skills.nodeManager": "npm",
    "skills.install": [],
    ...answers,
  });
}

const checkLines = (p: ScriptedPrompter) =>
  p.transcript.filter((t) => t.kind === "progress" && /OpenAI/.test(t.message));

Deno.test("Back after the auth step: the key is checked once and its line shown once", async () => {
  await using home = await tempDir();
  await using api = startFakeProvider({ validKeys: [KEY] });
  // Back twice from later questions: each replays the auth step.
  const p = advanced({
    workspace: sequence(SCRIPT_BACK, "~/.openclaw/workspace"),
    "gateway.password": sequence(SCRIPT_BACK, "a-long-gateway-password-1"),
    "gateway.auth": sequence("password", "password"),
  });
  const r = await runWith(home.path, p, { env: { OPENCLAW_OPENAI_BASE_URL: api.url } });
  assert.equal(r.code, 0, r.output);
  assert.equal(api.requests.length, 1, "one list-models request for the run");
  assert.deepEqual(checkLines(p).map((t) => t.message), [
    "Checking the credential with OpenAI",
    "OpenAI credential: valid",
  ]);
  assert.match(r.output, /Model auth {2}OpenAI API key \(valid\)/);
});

Deno.test("an unverified key: the note says so plainly, no 'again' for a command never run", async () => {
  await using home = await tempDir();
  const p = advanced({ workspace: sequence(SCRIPT_BACK, "~/.openclaw/workspace") });
  const r = await runWith(home.path, p, { env: { OPENCLAW_OPENAI_BASE_URL: closedPortUrl() } });
  assert.equal(r.code, 0, r.output);
  const notes = p.transcript.filter((t) => t.title === "Not verified");
  assert.equal(notes.length, 1, "shown once, not again when Back replays the step");
  assert.match(
    notes[0].message,
    /^The OpenAI credential was not verified: could not reach 127\.0\.0\.1:\d+ \(offline\?\)\./,
  );
  assert.doesNotMatch(notes[0].message, /credential could not|again/);
  assert.match(notes[0].message, /openclaw configure --section model/);
});

Deno.test("after a sign-in method fails, the default moves off it", async () => {
  await using home = await tempDir();
  // No ~/.claude credentials: reusing Claude Code fails.
  const p = scripted({
    "auth.provider": sequence("anthropic", "skip"),
    "auth.method": "anthropic-cli",
  });
  const r = await runWith(home.path, p, { env: { OPENCLAW_SKIP_AUTH_CHECK: "1" } });
  assert.equal(r.code, 0, r.output);
  const providers = p.transcript.filter((t) => t.id === "auth.provider");
  assert.equal(providers.length, 2);
  assert.equal((providers[1].offered as { initialValue: string }).initialValue, "anthropic");

  const again = scripted({
    "auth.provider": sequence("anthropic", "anthropic"),
    "auth.method": sequence("anthropic-cli", "apiKey"),
    "auth.anthropicApiKey": "sk-ant-api03-after-a-failed-method-01",
  });
  await using home2 = await tempDir();
  await runWith(home2.path, again, { env: { OPENCLAW_SKIP_AUTH_CHECK: "1" } });
  const methods = again.transcript.filter((t) => t.id === "auth.method");
  assert.equal(methods.length, 2);
  const offered = methods[1].offered as { initialValue: string };
  assert.notEqual(offered.initialValue, "anthropic-cli");
  assert.equal(offered.initialValue, "apiKey");
});
