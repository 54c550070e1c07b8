/**
 * Model auth through the real CLI (`deno run main.ts`, temp HOME): an unknown
 * --auth-choice, the --help catalog, an OpenAI key checked live against a
 * fake provider on 127.0.0.1, and `configure --section model`.
 */
import assert from "node:assert/strict";
import { modeOf, tempDir } from "../helpers/host.ts";
import { allOutput, hasStackTrace, listDir, readJson, runCli } from "./cli.ts";
import { AUTH_CHOICES } from "../../lib/auth/catalog.ts";
import { startFakeProvider } from "../auth/fake_provider.ts";

const BASE = ["onboard", "--non-interactive", "--accept-risk"];

Deno.test("onboard --auth-choice <unknown>: exit 2 listing the valid ids, nothing written", async () => {
  await using home = await tempDir();
  const r = await runCli([...BASE, "--auth-choice", "anthropic"], { home: home.path });
  assert.equal(r.code, 2, allOutput(r));
  assert.match(r.stderr, /--auth-choice: unknown choice "anthropic"/);
  for (const c of AUTH_CHOICES) assert.ok(r.stderr.includes(c.id), c.id);
  assert.ok(!hasStackTrace(r.stderr), r.stderr);
  assert.deepEqual(await listDir(home.path), []);
});

Deno.test("onboard --help documents every auth choice with its flags and env vars", async () => {
  await using home = await tempDir();
  const r = await runCli(["onboard", "--help"], { home: home.path });
  assert.equal(r.code, 0);
  for (const c of AUTH_CHOICES) {
    assert.match(r.stdout, new RegExp(`^  ${c.id}\\b`, "m"), c.id);
    if (c.keyFlag) assert.ok(r.stdout.includes(`${c.keyFlag} <key>`), c.keyFlag);
  }
  for (
    const flag of ["--custom-base-url", "--custom-compatibility", "--token-provider", "--model"]
  ) {
    assert.ok(r.stdout.includes(flag), flag);
  }
});

Deno.test("onboard --openai-api-key: checked live, .env 0600, JSON says valid, key never printed", async () => {
  await using home = await tempDir();
  const key = "sk-proj-e2e-openai-key-000000001";
  await using api = startFakeProvider({ validKeys: [key] });
  const r = await runCli([...BASE, "--openai-api-key", key, "--json"], {
    home: home.path,
    env: { OPENCLAW_SKIP_AUTH_CHECK: "0", OPENCLAW_OPENAI_BASE_URL: api.url },
  });
  assert.equal(r.code, 0, allOutput(r));
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.authChoice, "openai-api-key");
  assert.equal(summary.authCheck, "valid");
  assert.equal(summary.model, "openai/gpt-5.1-codex");
  assert.match(r.stderr, /OpenAI credential: valid/);
  assert.ok(!allOutput(r).includes(key));
  const state = `${home.path}/.openclaw`;
  assert.equal(await Deno.readTextFile(`${state}/.env`), `OPENAI_API_KEY=${key}\n`);
  assert.equal(await modeOf(`${state}/.env`), 0o600);
  const profiles = await readJson(`${state}/agents/main/agent/auth-profiles.json`);
  assert.deepEqual(profiles.profiles["openai:default"], {
    type: "api_key",
    provider: "openai",
    key,
  });
  assert.equal(api.requests.length, 1);
});

Deno.test("configure --section model swaps the model auth and keeps the rest", async () => {
  await using home = await tempDir();
  const first = await runCli(
    [...BASE, "--anthropic-api-key", "sk-ant-api03-e2e-key-000000000001"],
    { home: home.path },
  );
  assert.equal(first.code, 0, allOutput(first));
  const state = `${home.path}/.openclaw`;
  const before = await readJson(`${state}/openclaw.json`);
  const r = await runCli(
    [
      "configure",
      "--section",
      "model",
      "--non-interactive",
      "--auth-choice",
      "moonshot-api-key",
      "--moonshot-api-key",
      "moonshot-key-000000001",
      "--model",
      "moonshot/kimi-k2-0905-preview",
    ],
    { home: home.path },
  );
  assert.equal(r.code, 0, allOutput(r));
  const after = await readJson(`${state}/openclaw.json`);
  assert.equal(after.agents.defaults.model, "moonshot/kimi-k2-0905-preview");
  assert.equal(after.models.providers.moonshot.api, "openai-completions");
  assert.deepEqual(after.gateway, before.gateway);
  const profiles = await readJson(`${state}/agents/main/agent/auth-profiles.json`);
  assert.deepEqual(Object.keys(profiles.profiles).sort(), [
    "anthropic:default",
    "moonshot:default",
  ]);
});
