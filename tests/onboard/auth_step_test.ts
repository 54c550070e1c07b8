/**
 * The auth step inside the onboarding flow: "← Back" from the method returns
 * to the provider, Advanced asks the model, the plan shown by --dry-run names
 * every file with secrets elided, and a non-interactive run names every
 * missing auth flag at once.
 */
import assert from "node:assert/strict";
import { SCRIPT_BACK, ScriptedPrompter, sequence } from "../../lib/wizard/scripted-prompter.ts";
import { MissingAnswersError } from "../../lib/errors.ts";
import { tempDir } from "../helpers/host.ts";
import { flagsRun, runWith } from "../auth/helpers.ts";

const NO_CHECK = { OPENCLAW_SKIP_AUTH_CHECK: "1" };

Deno.test("← Back from the method re-asks the provider, the previous answer preselected", async () => {
  await using home = await tempDir();
  const p = new ScriptedPrompter({
    "risk.accept": true,
    flow: "quickstart",
    "auth.provider": sequence("openai", "anthropic"),
    "auth.method": sequence(SCRIPT_BACK, "apiKey"),
    "auth.anthropicApiKey": "sk-ant-api03-back-nav-key-000000001",
  });
  const r = await runWith(home.path, p, { env: NO_CHECK });
  assert.equal(r.code, 0);
  const asks = p.transcript.filter((t) => t.id === "auth.provider");
  assert.equal(asks.length, 2);
  assert.equal((asks[1].offered as { initialValue: string }).initialValue, "openai");
  const methods = p.transcript.filter((t) => t.id === "auth.method");
  assert.deepEqual((methods[0].offered as { options: string[] }).options, [
    "codex-cli",
    "openai-codex",
    "openai-api-key",
  ]);
  assert.deepEqual((methods[1].offered as { options: string[] }).options, [
    "apiKey",
    "anthropic-cli",
    "setup-token",
  ]);
  assert.equal(r.config.agents.defaults.model, "anthropic/claude-sonnet-4-5");
});

Deno.test("Advanced asks the model: the provider's models, or one typed by hand", async () => {
  await using home = await tempDir();
  const p = new ScriptedPrompter({
    "risk.accept": true,
    flow: "advanced",
    "auth.provider": "xai",
    "auth.xaiApiKey": "xai-advanced-key-00000000001",
    "auth.model": "xai/grok-code-fast-1",
    workspace: "~/.openclaw/workspace",
    "gateway.port": "18789",
    "gateway.bind": "loopback",
    "gateway.auth": "token",
    "gateway.token": "",
    "gateway.tailscale": "off",
    "skills.nodeManager": "npm",
    "skills.install": [],
  });
  const r = await runWith(home.path, p, { env: NO_CHECK });
  assert.equal(r.code, 0);
  const ask = p.transcript.find((t) => t.id === "auth.model")!;
  const offered = ask.offered as { options: string[]; initialValue: string };
  assert.equal(offered.initialValue, "xai/grok-4");
  assert.deepEqual(offered.options, [
    "xai/grok-4",
    "xai/grok-4-fast",
    "xai/grok-code-fast-1",
    "\u0000manual",
  ]);
  assert.equal(r.config.agents.defaults.model, "xai/grok-code-fast-1");
  // The equivalent command repeats the choice and the model, the key as a variable.
  assert.match(
    r.host.out.join(""),
    /--auth-choice xai-api-key --xai-api-key "\$XAI_API_KEY" --model xai\/grok-code-fast-1/,
  );
});

Deno.test("--dry-run names every auth file, secrets elided, and writes nothing", async () => {
  await using home = await tempDir();
  const key = "sk-proj-dry-run-key-0000000009";
  const out: string[] = [];
  const f = flagsRun({ openaiApiKey: key, dryRun: true }, out);
  const r = await runWith(home.path, f.prompter, { raw: f.raw, env: NO_CHECK });
  assert.equal(r.code, 0);
  const plan = r.host.out.join("");
  assert.match(
    plan,
    /Write ~\/\.openclaw\/agents\/main\/agent\/auth-profiles\.json \(mode 600\): OpenAI API key …0009/,
  );
  assert.match(
    plan,
    /Write ~\/\.openclaw\/\.env \(mode 600\): OPENAI_API_KEY for the gateway service/,
  );
  assert.match(plan, /agents\.defaults\.model = "openai\/gpt-5\.1-codex"/);
  assert.ok(!plan.includes(key) && !out.join("").includes(key));
  assert.deepEqual([...Deno.readDirSync(home.path)], []);
});

Deno.test("non-interactive: every missing auth flag of the choice is named at once", async () => {
  await using home = await tempDir();
  const f = flagsRun({ authChoice: "custom-api-key" });
  await assert.rejects(
    runWith(home.path, f.prompter, { raw: f.raw, env: NO_CHECK }),
    (e: Error) => {
      assert.ok(e instanceof MissingAnswersError, String(e));
      assert.deepEqual(e.flags, ["--custom-base-url <url>", "--custom-model-id <id>"]);
      return true;
    },
  );
  await using home2 = await tempDir();
  const g = flagsRun({ authChoice: "cloudflare-ai-gateway-api-key" });
  await assert.rejects(
    runWith(home2.path, g.prompter, { raw: g.raw, env: NO_CHECK }),
    (e: Error) => {
      assert.ok(e instanceof MissingAnswersError, String(e));
      assert.deepEqual(e.flags, [
        "--cloudflare-ai-gateway-account-id <id>",
        "--cloudflare-ai-gateway-gateway-id <id>",
        "--cloudflare-ai-gateway-api-key <key>",
      ]);
      return true;
    },
  );
  assert.deepEqual([...Deno.readDirSync(home.path)], []);
});
