/**
 * Setup token, generic key, custom provider and skip: scripted and by flags,
 * with the exact profile, config keys and the validation of bad answers.
 */
import assert from "node:assert/strict";
import { sequence } from "../../lib/wizard/scripted-prompter.ts";
import { UsageError } from "../../lib/errors.ts";
import { modeOf, tempDir } from "../helpers/host.ts";
import { flagsRun, profilesPath, readJsonFile, runWith, scripted } from "./helpers.ts";
import { startFakeProvider } from "./fake_provider.ts";

const SETUP_TOKEN = `sk-ant-oat01-${"a".repeat(90)}`;
const NO_CHECK = { OPENCLAW_SKIP_AUTH_CHECK: "1" };

Deno.test("setup-token: shape checked, optional profile name, checked live", async () => {
  await using home = await tempDir();
  await using api = startFakeProvider({ validKeys: [SETUP_TOKEN] });
  const p = scripted({
    "auth.provider": "anthropic",
    "auth.method": "setup-token",
    "auth.setupToken": sequence(
      "sk-ant-api03-this-is-an-api-key-000000",
      "sk-ant-oat01-short",
      SETUP_TOKEN,
    ),
    "auth.tokenProfileName": sequence("bad name!", "work"),
  });
  const r = await runWith(home.path, p, { env: { OPENCLAW_ANTHROPIC_BASE_URL: api.url } });
  assert.equal(r.code, 0);
  const invalid = p.transcript.filter((t) => t.kind === "invalid").map((t) => t.message);
  assert.equal(invalid.length, 3);
  assert.match(invalid[0], /That is an Anthropic API key, not a setup token/);
  assert.match(invalid[1], /too short/);
  assert.match(invalid[2], /A profile name is letters/);
  const store = await readJsonFile(profilesPath(home.path));
  assert.deepEqual(store.profiles["anthropic:work"], {
    type: "token",
    provider: "anthropic",
    token: SETUP_TOKEN,
  });
  assert.equal(await modeOf(profilesPath(home.path)), 0o600);
  assert.equal(api.requests[0].headers.authorization, `Bearer ${SETUP_TOKEN}`);
  assert.match(r.output, /Anthropic setup token \(valid\)/);
});

Deno.test("setup-token by flags: --auth-choice token --token-provider anthropic (public form)", async () => {
  await using home = await tempDir();
  const f = flagsRun({ authChoice: "token", tokenProvider: "anthropic", token: SETUP_TOKEN });
  const r = await runWith(home.path, f.prompter, { raw: f.raw, env: NO_CHECK });
  assert.equal(r.code, 0);
  const store = await readJsonFile(profilesPath(home.path));
  assert.equal(store.profiles["anthropic:default"].token, SETUP_TOKEN);
  assert.equal(r.config.agents.defaults.model, "anthropic/claude-sonnet-4-5");
  // A bad token by flag: exit 2 naming --token, nothing written.
  await using home2 = await tempDir();
  const g = flagsRun({ authChoice: "setup-token", token: "sk-ant-oat01-nope" });
  await assert.rejects(
    runWith(home2.path, g.prompter, { raw: g.raw, env: NO_CHECK }),
    (e: Error) => {
      assert.ok(e instanceof UsageError);
      assert.match(e.message, /--token <token>: That setup token is too short/);
      return true;
    },
  );
  assert.deepEqual([...Deno.readDirSync(home2.path)], []);
});

Deno.test("generic key: a named provider, and the model typed by hand", async () => {
  await using home = await tempDir();
  const p = scripted({
    "auth.provider": "more",
    "auth.method": "token",
    "auth.tokenProvider": sequence("Open Router", "openrouter"),
    "auth.token": "or-key-000000000001",
    "auth.tokenProfileName": "",
    "auth.model": "\u0000manual",
    "auth.modelManual": sequence("no-slash", "openrouter/deepseek/deepseek-chat"),
  });
  const r = await runWith(home.path, p, { env: NO_CHECK });
  assert.equal(r.code, 0);
  const store = await readJsonFile(profilesPath(home.path));
  assert.deepEqual(store.profiles["openrouter:default"], {
    type: "api_key",
    provider: "openrouter",
    key: "or-key-000000000001",
  });
  assert.equal(r.config.agents.defaults.model, "openrouter/deepseek/deepseek-chat");
  // The model check warns: not in the built-in catalog.
  const check = p.transcript.find((t) => t.title === "Model check")!;
  assert.match(
    check.message,
    /openrouter\/deepseek\/deepseek-chat is not in the built-in model catalog/,
  );
  // Public form: --auth-choice apiKey --token-provider openrouter --token …
  await using home2 = await tempDir();
  const f = flagsRun({
    authChoice: "apiKey",
    tokenProvider: "openrouter",
    token: "or-key-000000000002",
    model: "openrouter/x/y",
  });
  const r2 = await runWith(home2.path, f.prompter, { raw: f.raw, env: NO_CHECK });
  assert.equal(r2.code, 0);
  assert.equal(
    (await readJsonFile(profilesPath(home2.path))).profiles["openrouter:default"].key,
    "or-key-000000000002",
  );
  assert.equal(r2.config.agents.defaults.model, "openrouter/x/y");
});

Deno.test("custom provider, scripted: OpenAI-compatible, id derived from the URL, key checked", async () => {
  await using home = await tempDir();
  await using api = startFakeProvider({ validKeys: ["custom-key-0001"] });
  const p = scripted({
    "auth.provider": "more",
    "auth.method": "custom-api-key",
    "auth.customBaseUrl": sequence("ftp://files.example.com", "not a url", `${api.url}/v1/`),
    "auth.customCompatibility": "openai",
    "auth.customModelId": "llama-3.3-70b",
    "auth.customProviderId": "custom-127-0-0-1",
    "auth.customApiKey": "custom-key-0001",
  });
  const r = await runWith(home.path, p);
  assert.equal(r.code, 0);
  const invalid = p.transcript.filter((t) => t.kind === "invalid").map((t) => t.message);
  assert.match(invalid[0], /must start with http:\/\/ or https:\/\//);
  assert.match(invalid[1], /not a URL/);
  const idAsk = p.transcript.find((t) => t.id === "auth.customProviderId")!;
  assert.equal((idAsk.offered as { initialValue: string }).initialValue, "custom-127-0-0-1");
  assert.deepEqual(r.config.models.providers["custom-127-0-0-1"], {
    baseUrl: `${api.url}/v1`,
    api: "openai-completions",
    models: [{ id: "llama-3.3-70b", name: "llama-3.3-70b" }],
  });
  assert.equal(r.config.agents.defaults.model, "custom-127-0-0-1/llama-3.3-70b");
  assert.equal(api.requests[0].path, "/v1/models");
  const store = await readJsonFile(profilesPath(home.path));
  assert.equal(store.profiles["custom-127-0-0-1:default"].key, "custom-key-0001");
  assert.ok(
    !JSON.stringify(r.config).includes("custom-key-0001"),
    "the key stays out of the config",
  );
  assert.equal(p.transcript.some((t) => t.title === "Model check"), false, "a known model");
});

Deno.test("custom provider by flags: anthropic compatibility, CUSTOM_API_KEY, bad URL exits 2", async () => {
  await using home = await tempDir();
  await using api = startFakeProvider({ validKeys: ["env-custom-key-01"] });
  const f = flagsRun({
    authChoice: "custom-api-key",
    customBaseUrl: api.url,
    customModelId: "foo-large",
    customProviderId: "my-custom",
    customCompatibility: "anthropic",
  });
  const r = await runWith(home.path, f.prompter, {
    raw: f.raw,
    env: { CUSTOM_API_KEY: "env-custom-key-01" },
  });
  assert.equal(r.code, 0);
  assert.deepEqual(r.config.models.providers["my-custom"], {
    baseUrl: api.url,
    api: "anthropic-messages",
    models: [{ id: "foo-large", name: "foo-large" }],
  });
  assert.equal(api.requests[0].headers["x-api-key"], "env-custom-key-01");
  assert.equal(r.config.agents.defaults.model, "my-custom/foo-large");

  await using home2 = await tempDir();
  const g = flagsRun({ customBaseUrl: "file:///etc/passwd", customModelId: "m" });
  await assert.rejects(
    runWith(home2.path, g.prompter, { raw: g.raw, env: NO_CHECK }),
    (e: Error) => {
      assert.ok(e instanceof UsageError);
      assert.match(e.message, /--custom-base-url <url>: The base URL must start with http/);
      return true;
    },
  );
  assert.deepEqual([...Deno.readDirSync(home2.path)], []);

  // A keyless local endpoint: no profile, the provider entry alone.
  await using home3 = await tempDir();
  const h = flagsRun({ customBaseUrl: "http://127.0.0.1:11434/v1", customModelId: "qwen3" });
  const r3 = await runWith(home3.path, h.prompter, { raw: h.raw, env: NO_CHECK });
  assert.equal(r3.code, 0);
  assert.ok(r3.config.models.providers["custom-127-0-0-1"]);
  await assert.rejects(Deno.stat(profilesPath(home3.path)), Deno.errors.NotFound);
});

Deno.test("skip: no credentials written, the summary says how to add them later", async () => {
  await using home = await tempDir();
  const p = scripted({ "auth.provider": "skip" });
  const r = await runWith(home.path, p);
  assert.equal(r.code, 0);
  await assert.rejects(Deno.stat(profilesPath(home.path)), Deno.errors.NotFound);
  assert.equal(r.config.agents?.defaults?.model, undefined);
  assert.match(r.output, /Model auth {2}skipped/);
  assert.match(r.output, /openclaw configure --section model/);
  const f = flagsRun({ authChoice: "skip" });
  await using home2 = await tempDir();
  const r2 = await runWith(home2.path, f.prompter, { raw: f.raw });
  assert.match(r2.output, /Set up model auth:\s+(openclaw|\S.*main\.ts) configure --section model/);
});
