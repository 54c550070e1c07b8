/**
 * The live check's three answers (valid, rejected (401), could not reach …
 * (offline?)), re-running with another key (that profile changes, the others
 * stay), bad input that must lose nothing, the catalog and --auth-choice
 * parsing, and `configure --section model`.
 */
import assert from "node:assert/strict";
import { sequence } from "../../lib/wizard/scripted-prompter.ts";
import { ActionableError, UsageError } from "../../lib/errors.ts";
import { checkCredential, listModelsRequest } from "../../lib/auth/check.ts";
import {
  AUTH_CHOICES,
  AUTH_GROUPS,
  authChoiceIds,
  findAuthChoice,
} from "../../lib/auth/catalog.ts";
import { resolveAuthChoice } from "../../lib/auth/questions.ts";
import { authChoiceHelp } from "../../lib/auth/help.ts";
import { modelAfterChoice, modelWarnings } from "../../lib/auth/models.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import { flagsRun, profilesPath, readJsonFile, runWith, scripted } from "./helpers.ts";
import { startFakeProvider } from "./fake_provider.ts";
import { closedPortUrl } from "../helpers/ports.ts";

const GOOD = "sk-ant-api03-good-key-000000000001";
const BAD = "sk-ant-api03-revoked-key-0000000002";

Deno.test("checkCredential: valid, rejected (401), no model list (404), offline, skipped", async () => {
  await using api = startFakeProvider({ validKeys: [GOOD] });
  const host = testHost({ home: "/nonexistent" });
  assert.deepEqual(await checkCredential(host, "anthropic", `${api.url}/v1`, GOOD), {
    status: "valid",
    text: "valid",
  });
  assert.deepEqual(await checkCredential(host, "openai", api.url, BAD), {
    status: "rejected",
    text: "rejected (401)",
  });
  assert.deepEqual(await checkCredential(host, "openai", `${api.url}/missing`, GOOD), {
    status: "skipped",
    text: "not checked (no model list at this endpoint)",
  });
  const closed = closedPortUrl();
  const offline = await checkCredential(host, "openai", closed, GOOD);
  assert.equal(offline.status, "unreachable");
  assert.equal(offline.text, `could not reach ${new URL(closed).host} (offline?)`);
  const off = testHost({ home: "/x", env: { OPENCLAW_SKIP_AUTH_CHECK: "1" } });
  assert.equal((await checkCredential(off, "openai", closed, GOOD)).status, "skipped");
  // Anthropic-style bases with and without /v1 reach the same path.
  assert.equal(
    listModelsRequest("anthropic", "https://a.example/v1", "k").url,
    "https://a.example/v1/models",
  );
  assert.equal(
    listModelsRequest("anthropic", "https://a.example/anthropic", "k").url,
    "https://a.example/anthropic/v1/models",
  );
});

Deno.test("a rejected key is asked again interactively; the good one is saved", async () => {
  await using home = await tempDir();
  await using api = startFakeProvider({ validKeys: [GOOD] });
  const p = scripted({
    "auth.provider": "anthropic",
    "auth.method": "apiKey",
    "auth.anthropicApiKey": sequence(BAD, GOOD),
  });
  const r = await runWith(home.path, p, { env: { OPENCLAW_ANTHROPIC_BASE_URL: api.url } });
  assert.equal(r.code, 0);
  const note = p.transcript.find((t) => t.title === "Key rejected")!;
  assert.match(note.message, /Anthropic rejected this key \(401\)/);
  assert.equal(
    (await readJsonFile(profilesPath(home.path))).profiles["anthropic:default"].key,
    GOOD,
  );
  assert.match(r.output, /Model auth {2}Anthropic API key \(valid\)/);
});

Deno.test("a rejected key by flag stops the run (exit 1) and keeps what was stored", async () => {
  await using home = await tempDir();
  await using api = startFakeProvider({ validKeys: [GOOD] });
  const env = { OPENCLAW_ANTHROPIC_BASE_URL: api.url };
  const first = flagsRun({ anthropicApiKey: GOOD });
  await runWith(home.path, first.prompter, { raw: first.raw, env });
  const before = await Deno.readTextFile(profilesPath(home.path));
  const config = await Deno.readTextFile(`${home.path}/.openclaw/openclaw.json`);

  const again = flagsRun({ anthropicApiKey: BAD });
  await assert.rejects(runWith(home.path, again.prompter, { raw: again.raw, env }), (e: Error) => {
    assert.ok(e instanceof ActionableError);
    assert.equal(e.exitCode, 1);
    assert.match(e.message, /rejected this key \(401\)[\s\S]*Nothing was changed/);
    assert.ok(!e.message.includes(BAD));
    return true;
  });
  assert.equal(await Deno.readTextFile(profilesPath(home.path)), before);
  assert.equal(await Deno.readTextFile(`${home.path}/.openclaw/openclaw.json`), config);
});

Deno.test("offline is a warning: the key is saved and the summary says could not reach", async () => {
  await using home = await tempDir();
  const closed = closedPortUrl();
  const out: string[] = [];
  const f = flagsRun({ openaiApiKey: "sk-proj-offline-000000000001" }, out);
  const r = await runWith(home.path, f.prompter, {
    raw: f.raw,
    env: { OPENCLAW_OPENAI_BASE_URL: closed },
  });
  assert.equal(r.code, 0);
  const all = out.join("") + r.output;
  assert.match(all, /OpenAI credential: could not reach 127\.0\.0\.1:\d+ \(offline\?\)/);
  assert.match(all, /Not verified/);
  assert.equal(
    (await readJsonFile(profilesPath(home.path))).profiles["openai:default"].key,
    "sk-proj-offline-000000000001",
  );
});

Deno.test("re-running with another key updates that profile and keeps the others", async () => {
  await using home = await tempDir();
  const env = { OPENCLAW_SKIP_AUTH_CHECK: "1" };
  for (const raw of [{ anthropicApiKey: GOOD }, { xaiApiKey: "xai-key-000000000001" }]) {
    const f = flagsRun(raw);
    await runWith(home.path, f.prompter, { raw: f.raw, env });
  }
  const newer = "sk-ant-api03-rotated-key-00000000003";
  const p = scripted({
    "config.existing": "modify",
    "auth.provider": "anthropic",
    "auth.method": "apiKey",
    "auth.anthropicApiKey": newer,
    workspace: "~/.openclaw/workspace",
  });
  const r = await runWith(home.path, p, { env });
  assert.equal(r.code, 0);
  const store = await readJsonFile(profilesPath(home.path));
  assert.deepEqual(Object.keys(store.profiles).sort(), ["anthropic:default", "xai:default"]);
  assert.equal(store.profiles["anthropic:default"].key, newer);
  assert.equal(store.profiles["xai:default"].key, "xai-key-000000000001");
  // The model stays what the first run set.
  assert.equal(r.config.agents.defaults.model, "anthropic/claude-sonnet-4-5");
  // Keep was offered (the saved Anthropic key, elided).
  const offer = p.transcript.find((t) => t.id === "auth.provider")!.offered as {
    options: string[];
  };
  assert.equal(offer.options[0], "existing");
});

Deno.test("a malformed auth-profiles.json stops before any question, byte for byte kept", async () => {
  await using home = await tempDir();
  const dir = `${home.path}/.openclaw/agents/main/agent`;
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(`${dir}/auth-profiles.json`, "{ not json");
  const f = flagsRun({ anthropicApiKey: GOOD });
  await assert.rejects(
    runWith(home.path, f.prompter, { raw: f.raw, env: { OPENCLAW_SKIP_AUTH_CHECK: "1" } }),
    /auth-profiles\.json is not valid JSON[\s\S]*Nothing was changed/,
  );
  assert.equal(await Deno.readTextFile(`${dir}/auth-profiles.json`), "{ not json");
});

Deno.test("a malformed credentials/oauth.json stops an OAuth choice, kept as it was", async () => {
  await using home = await tempDir();
  await Deno.mkdir(`${home.path}/.codex`);
  await Deno.writeTextFile(
    `${home.path}/.codex/auth.json`,
    JSON.stringify({ tokens: { access_token: "a.b.c", refresh_token: "r" } }),
  );
  await Deno.mkdir(`${home.path}/.openclaw/credentials`, { recursive: true });
  await Deno.writeTextFile(`${home.path}/.openclaw/credentials/oauth.json`, "[1,");
  const f = flagsRun({ authChoice: "codex-cli" });
  await assert.rejects(
    runWith(home.path, f.prompter, { raw: f.raw }),
    /oauth\.json is not valid JSON/,
  );
  assert.equal(await Deno.readTextFile(`${home.path}/.openclaw/credentials/oauth.json`), "[1,");
  await assert.rejects(Deno.stat(profilesPath(home.path)), Deno.errors.NotFound);
});

Deno.test("--auth-choice: unknown ids exit 2 listing every valid id; aliases resolve", () => {
  try {
    parseOnboardOptions({ authChoice: "anthropic-key" });
    assert.fail("should throw");
  } catch (e) {
    assert.ok(e instanceof UsageError);
    assert.equal(e.exitCode, 2);
    for (const id of authChoiceIds()) assert.ok(e.message.includes(id), id);
  }
  assert.equal(resolveAuthChoice({ authChoice: "claude-cli" }), "anthropic-cli");
  assert.equal(resolveAuthChoice({ authChoice: "oauth" }), "setup-token");
  assert.equal(resolveAuthChoice({ authChoice: "token", token: "t" }), "setup-token");
  assert.equal(
    resolveAuthChoice({ authChoice: "token", tokenProvider: "openrouter", token: "t" }),
    "token",
  );
  assert.equal(resolveAuthChoice({ moonshotApiKey: "k" }), "moonshot-api-key");
  assert.equal(resolveAuthChoice({ customBaseUrl: "http://x" }), "custom-api-key");
  assert.equal(resolveAuthChoice({}), undefined);
});

Deno.test("the catalog: unique ids, every group has choices, --help documents every id", () => {
  const ids = authChoiceIds();
  assert.equal(new Set(ids).size, ids.length);
  for (const g of AUTH_GROUPS) {
    assert.ok(AUTH_CHOICES.some((c) => c.group === g.id), g.id);
  }
  const help = authChoiceHelp();
  for (const c of AUTH_CHOICES) {
    assert.ok(help.includes(`  ${c.id}`), c.id);
    for (const v of c.envVars ?? []) assert.ok(help.includes(v), v);
    if (c.defaultModel) assert.ok(help.includes(c.defaultModel), c.defaultModel);
  }
  assert.equal(findAuthChoice("nope"), undefined);
});

Deno.test("model rules of the reference", () => {
  const codex = findAuthChoice("openai-codex")!;
  const oai = findAuthChoice("openai-api-key")!;
  const xai = findAuthChoice("xai-api-key")!;
  assert.equal(modelAfterChoice(codex, undefined), "openai-codex/gpt-5.3-codex");
  assert.equal(modelAfterChoice(codex, "openai/gpt-5.1"), "openai-codex/gpt-5.3-codex");
  assert.equal(modelAfterChoice(codex, "anthropic/claude-opus-4-5"), undefined);
  assert.equal(modelAfterChoice(oai, undefined), "openai/gpt-5.1-codex");
  assert.equal(modelAfterChoice(oai, "openai/gpt-4.1"), "openai/gpt-5.1-codex");
  assert.equal(modelAfterChoice(oai, "openai-codex/gpt-5.3-codex"), "openai/gpt-5.1-codex");
  assert.equal(modelAfterChoice(oai, "anthropic/claude-opus-4-5"), undefined);
  assert.equal(modelAfterChoice(xai, undefined), "xai/grok-4");
  assert.equal(modelAfterChoice(xai, "openai/gpt-5.1"), undefined);
  assert.deepEqual(
    modelWarnings({
      model: "anthropic/claude-sonnet-4-5",
      authedProviders: new Set(["anthropic"]),
      providerEntries: {},
    }),
    [],
  );
  const w = modelWarnings({
    model: "openai/gpt-9",
    authedProviders: new Set(["anthropic"]),
    providerEntries: {},
  });
  assert.equal(w.length, 2);
  assert.match(w[0], /not in the built-in model catalog/);
  assert.match(w[1], /No credentials for openai/);
});

Deno.test("configure --section model runs the same step and asks the model", async () => {
  await using home = await tempDir();
  const env = { OPENCLAW_SKIP_AUTH_CHECK: "1" };
  const f = flagsRun({ anthropicApiKey: GOOD });
  await runWith(home.path, f.prompter, { raw: f.raw, env });
  const p = scripted({
    "auth.provider": "openai",
    "auth.method": "openai-api-key",
    "auth.openaiApiKey": "sk-proj-configure-00000000001",
    "auth.model": "openai/gpt-5.1",
  });
  const r = await runWith(home.path, p, { env, command: "configure" });
  assert.equal(r.code, 0);
  // configure asks every question: the model too (QuickStart would not).
  const modelAsk = p.transcript.find((t) => t.id === "auth.model")!;
  const offered = modelAsk.offered as { options: string[]; initialValue: string };
  assert.equal(
    offered.initialValue,
    "anthropic/claude-sonnet-4-5",
    "the current model is kept by default",
  );
  assert.ok(offered.options.includes("openai/gpt-5.1-codex"));
  assert.equal(r.config.agents.defaults.model, "openai/gpt-5.1");
  const store = await readJsonFile(profilesPath(home.path));
  assert.deepEqual(Object.keys(store.profiles).sort(), ["anthropic:default", "openai:default"]);
  assert.equal(r.config.gateway.port, 18789, "other sections untouched");
});

Deno.test("--reset with a malformed store: the store goes to the trash, the new key is saved", async () => {
  await using home = await tempDir();
  const dir = `${home.path}/.openclaw/agents/main/agent`;
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(`${home.path}/.openclaw/openclaw.json`, "{}");
  await Deno.writeTextFile(`${dir}/auth-profiles.json`, "{ not json");
  const f = flagsRun({ reset: true, anthropicApiKey: GOOD });
  const r = await runWith(home.path, f.prompter, {
    raw: f.raw,
    env: { OPENCLAW_SKIP_AUTH_CHECK: "1" },
  });
  assert.equal(r.code, 0);
  const store = await readJsonFile(profilesPath(home.path));
  assert.deepEqual(Object.keys(store.profiles), ["anthropic:default"]);
});
