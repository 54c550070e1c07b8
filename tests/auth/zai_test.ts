/**
 * GLM (Z.AI): the public CLI's `--auth-choice zai-api-key`, `--zai-api-key`
 * and `ZAI_API_KEY`, checked live against a stand-in on 127.0.0.1 (valid,
 * 401, offline), through the real CLI with the key in the environment only.
 */
import assert from "node:assert/strict";
import { findAuthChoice } from "../../lib/auth/catalog.ts";
import { secretInputs } from "../../lib/cli/secret-inputs.ts";
import { ActionableError } from "../../lib/errors.ts";
import { tempDir } from "../helpers/host.ts";
import { flagsRun, profilesPath, readJsonFile, runWith } from "./helpers.ts";
import { startFakeProvider } from "./fake_provider.ts";
import { allOutput, runCli } from "../e2e/cli.ts";
import { closedPortUrl } from "../helpers/ports.ts";

const KEY = "zai-test-key-0000000000000001";

Deno.test("zai-api-key: the public ids, flag and env twin", () => {
  const c = findAuthChoice("zai-api-key");
  assert.ok(c, "GLM (Z.AI) is a choice");
  assert.equal(c.provider, "zai");
  assert.equal(c.keyFlag, "--zai-api-key");
  assert.deepEqual(c.envVars, ["ZAI_API_KEY"]);
  assert.equal(c.defaultModel, "zai/glm-4.7");
  assert.equal(c.check, "openai");
  assert.equal(c.providerEntry?.api, "openai-completions");
  const twin = secretInputs().find((s) => s.flag === "--zai-api-key");
  assert.equal(twin?.env, "ZAI_API_KEY");
});

Deno.test("zai-api-key: a valid key is checked live and written with its provider entry", async () => {
  await using home = await tempDir();
  await using api = startFakeProvider({ validKeys: [KEY] });
  const out: string[] = [];
  const f = flagsRun({ authChoice: "zai-api-key", zaiApiKey: KEY }, out);
  const r = await runWith(home.path, f.prompter, {
    raw: f.raw,
    env: { OPENCLAW_ZAI_BASE_URL: api.url },
  });
  assert.equal(r.code, 0);
  assert.deepEqual(
    (await readJsonFile(profilesPath(home.path))).profiles["zai:default"],
    { type: "api_key", provider: "zai", key: KEY },
  );
  assert.equal(r.config.agents.defaults.model, "zai/glm-4.7");
  assert.deepEqual(r.config.models.providers.zai, {
    baseUrl: api.url,
    api: "openai-completions",
    models: [{ id: "glm-4.7", name: "GLM-4.7" }],
  });
  assert.equal(api.requests.length, 1);
  assert.equal(api.requests[0].path, "/models");
  assert.equal(api.requests[0].headers.authorization, `Bearer ${KEY}`);
  assert.match(out.join("") + r.output, /credential: valid/);
});

Deno.test("zai-api-key: a rejected key (401) stops the run and writes nothing", async () => {
  await using home = await tempDir();
  await using api = startFakeProvider({ validKeys: [KEY] });
  const f = flagsRun({ authChoice: "zai-api-key", zaiApiKey: "zai-wrong-key-000000000001" });
  await assert.rejects(
    runWith(home.path, f.prompter, { raw: f.raw, env: { OPENCLAW_ZAI_BASE_URL: api.url } }),
    (e: Error) => {
      assert.ok(e instanceof ActionableError);
      assert.match(e.message, /rejected this key \(401\)/);
      return true;
    },
  );
  await assert.rejects(Deno.stat(profilesPath(home.path)), Deno.errors.NotFound);
});

Deno.test("zai-api-key: offline is a warning, the key is saved", async () => {
  await using home = await tempDir();
  const out: string[] = [];
  const f = flagsRun({ authChoice: "zai-api-key", zaiApiKey: KEY }, out);
  const r = await runWith(home.path, f.prompter, {
    raw: f.raw,
    env: { OPENCLAW_ZAI_BASE_URL: closedPortUrl() },
  });
  assert.equal(r.code, 0);
  assert.match(out.join("") + r.output, /could not reach 127\.0\.0\.1:\d+ \(offline\?\)/);
  assert.equal((await readJsonFile(profilesPath(home.path))).profiles["zai:default"].key, KEY);
});

Deno.test("zai-api-key through the real CLI: the key from ZAI_API_KEY, --help names both", async () => {
  await using home = await tempDir();
  await using api = startFakeProvider({ validKeys: [KEY] });
  const r = await runCli(
    [
      "onboard",
      "--non-interactive",
      "--accept-risk",
      "--auth-choice",
      "zai-api-key",
      "--skip-health",
      "--skip-daemon",
      "--skip-channels",
      "--skip-skills",
    ],
    {
      home: home.path,
      env: { ZAI_API_KEY: KEY, OPENCLAW_ZAI_BASE_URL: api.url, OPENCLAW_SKIP_AUTH_CHECK: "" },
    },
  );
  assert.equal(r.code, 0, allOutput(r));
  assert.ok(!allOutput(r).includes(KEY), "the key never appears in output");
  assert.equal(api.requests.length, 1, "checked live once");
  const store = await readJsonFile(`${home.path}/.openclaw/agents/main/agent/auth-profiles.json`);
  assert.equal(store.profiles["zai:default"].key, KEY);
  const help = await runCli(["onboard", "--help"], { home: home.path });
  assert.match(help.stdout, /--zai-api-key <key>.*\$ZAI_API_KEY/);
  assert.match(help.stdout, /zai-api-key — GLM \(Z\.AI\)/);
});
