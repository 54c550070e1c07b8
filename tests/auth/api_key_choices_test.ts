/**
 * Every API-key choice, through the scripted prompter (provider, then method,
 * then the key) and through flags, against a temp HOME and a fake provider on
 * 127.0.0.1: the exact profile, file modes, config keys, .env, and the live
 * check's verdict.
 */
import assert from "node:assert/strict";
import { type AuthChoice, keyChoices, optionKeyOf } from "../../lib/auth/catalog.ts";
import { keyQuestion } from "../../lib/auth/questions.ts";
import { baseUrlEnvVar } from "../../lib/auth/base-url.ts";
import { modeOf, tempDir } from "../helpers/host.ts";
import { flagsRun, type Json, profilesPath, readJsonFile, runWith, scripted } from "./helpers.ts";
import { startFakeProvider } from "./fake_provider.ts";

/** A key of the right shape for each choice. */
function keyFor(c: AuthChoice): string {
  if (c.id === "apiKey") return "sk-ant-api03-fake-key-000000000001";
  if (c.id === "openai-api-key") return "sk-proj-fake-key-0000000000000001";
  if (c.id === "xai-api-key") return "xai-fake-key-00000000000000000001";
  return `${c.provider}-fake-key-0000000001`;
}

const CLOUDFLARE = { accountId: "acct42", gatewayId: "gw7" };

async function assertWritten(home: string, c: AuthChoice, key: string, config: Json, api: string) {
  const store = await readJsonFile(profilesPath(home));
  const expected: Json = { type: "api_key", provider: c.provider, key };
  if (c.id === "cloudflare-ai-gateway-api-key") expected.metadata = CLOUDFLARE;
  assert.deepEqual(store.profiles[`${c.provider}:default`], expected, c.id);
  assert.equal(await modeOf(profilesPath(home)), 0o600);
  assert.equal(await modeOf(`${home}/.openclaw/agents/main/agent`), 0o700);
  assert.equal(config.agents.defaults.model, c.defaultModel, `${c.id} model`);
  assert.ok(!JSON.stringify(config).includes(key), "no key in openclaw.json");
  if (c.providerEntry) {
    const entry = config.models.providers[c.provider!];
    assert.equal(entry.baseUrl, api, `${c.id} baseUrl is the override`);
    assert.equal(entry.api, c.providerEntry.api);
    assert.deepEqual(entry.models, c.providerEntry.models);
    assert.equal(config.models.mode, "merge");
  } else {
    assert.equal(config.models, undefined, `${c.id} writes no models.providers`);
  }
  const envFile = `${home}/.openclaw/.env`;
  if (c.id === "openai-api-key") {
    assert.equal(await Deno.readTextFile(envFile), `OPENAI_API_KEY=${key}\n`);
    assert.equal(await modeOf(envFile), 0o600);
  } else {
    await assert.rejects(Deno.stat(envFile), Deno.errors.NotFound);
  }
}

for (const c of keyChoices()) {
  Deno.test(`${c.id}: scripted provider → method → key, checked live, written`, async () => {
    await using home = await tempDir();
    const key = keyFor(c);
    await using api = startFakeProvider({ validKeys: [key] });
    const answers: Record<string, unknown> = {
      "auth.provider": c.group,
      [keyQuestion(c).key.id]: key,
    };
    if (c.group !== "xai") answers["auth.method"] = c.id;
    if (c.id === "cloudflare-ai-gateway-api-key") {
      answers["auth.cloudflareAccountId"] = CLOUDFLARE.accountId;
      answers["auth.cloudflareGatewayId"] = CLOUDFLARE.gatewayId;
    }
    const p = scripted(answers);
    const r = await runWith(home.path, p, { env: { [baseUrlEnvVar(c.provider!)]: api.url } });
    assert.equal(r.code, 0);
    await assertWritten(home.path, c, key, r.config, api.url);
    // xAI is alone in its group: no method question.
    const asked = p.asked.filter((id) => id.startsWith("auth."));
    assert.equal(asked[0], "auth.provider");
    assert.equal(asked.includes("auth.method"), c.group !== "xai", `${c.id}: ${asked}`);
    if (c.check) {
      assert.equal(api.requests.length, 1, `${c.id}: one list-models request`);
      assert.match(r.output, /Model auth {2}.*\(valid\)/, r.output);
      const h = api.requests[0].headers;
      if (c.check === "openai") assert.equal(h.authorization, `Bearer ${key}`);
      else assert.equal(h["x-api-key"], key);
    } else {
      assert.equal(api.requests.length, 0, `${c.id} has no cheap check`);
    }
    assert.ok(!r.output.includes(key), "the key never appears in output");
  });

  Deno.test(`${c.id}: non-interactive flags write the same`, async () => {
    await using home = await tempDir();
    const key = keyFor(c);
    await using api = startFakeProvider({ validKeys: [key] });
    const raw: Record<string, unknown> = { authChoice: c.id, [optionKeyOf(c.keyFlag)]: key };
    if (c.id === "cloudflare-ai-gateway-api-key") {
      raw.cloudflareAiGatewayAccountId = CLOUDFLARE.accountId;
      raw.cloudflareAiGatewayGatewayId = CLOUDFLARE.gatewayId;
    }
    const out: string[] = [];
    const f = flagsRun(raw, out);
    const r = await runWith(home.path, f.prompter, {
      raw: f.raw,
      env: { [baseUrlEnvVar(c.provider!)]: api.url },
    });
    assert.equal(r.code, 0);
    await assertWritten(home.path, c, key, r.config, api.url);
    const all = out.join("") + r.output;
    if (c.check) assert.match(all, /credential: valid/, all);
    assert.ok(!all.includes(key));
    // The key flag alone picks its choice too.
    await using home2 = await tempDir();
    if (c.id !== "cloudflare-ai-gateway-api-key") {
      const g = flagsRun({ [optionKeyOf(c.keyFlag)]: key });
      const r2 = await runWith(home2.path, g.prompter, {
        raw: g.raw,
        env: { [baseUrlEnvVar(c.provider!)]: api.url },
      });
      assert.equal(r2.code, 0);
      await assertWritten(home2.path, c, key, r2.config, api.url);
    }
  });
}

Deno.test("a key from the environment is offered first, masked, and its provider preselected", async () => {
  await using home = await tempDir();
  const key = "xai-from-environment-000000000001";
  await using api = startFakeProvider({ validKeys: [key] });
  const p = scripted({ "auth.provider": "xai", "auth.xaiApiKey.useEnv": true });
  const r = await runWith(home.path, p, {
    env: { XAI_API_KEY: key, OPENCLAW_XAI_BASE_URL: api.url },
  });
  assert.equal(r.code, 0);
  const env = p.transcript.find((t) => t.id === "auth.xaiApiKey.useEnv")!;
  assert.match(env.message, /Use XAI_API_KEY from your environment \(…0001\)\?/);
  assert.equal((await readJsonFile(profilesPath(home.path))).profiles["xai:default"].key, key);
  // The provider question was offered with xAI preselected (detected from the environment).
  const provider = p.transcript.find((t) => t.id === "auth.provider")!;
  assert.equal((provider.offered as { initialValue: string }).initialValue, "xai");
});

Deno.test("OpenCode Zen takes OPENCODE_ZEN_API_KEY when OPENCODE_API_KEY is unset", async () => {
  await using home = await tempDir();
  const key = "zen-key-from-env-0000000001";
  const f = flagsRun({ authChoice: "opencode-zen" });
  const r = await runWith(home.path, f.prompter, {
    raw: f.raw,
    env: { OPENCODE_ZEN_API_KEY: key, OPENCLAW_SKIP_AUTH_CHECK: "1" },
  });
  assert.equal(r.code, 0);
  assert.equal(
    (await readJsonFile(profilesPath(home.path))).profiles["opencode:default"].key,
    key,
  );
});

Deno.test("the OpenAI key joins an existing .env without losing its lines", async () => {
  await using home = await tempDir();
  await Deno.mkdir(`${home.path}/.openclaw`, { mode: 0o700 });
  await Deno.writeTextFile(
    `${home.path}/.openclaw/.env`,
    "# mine\nOTHER=1\nOPENAI_API_KEY=sk-old-old-old-old\n",
    { mode: 0o600 },
  );
  const key = "sk-proj-new-key-000000000000001";
  const f = flagsRun({ openaiApiKey: key });
  await runWith(home.path, f.prompter, { raw: f.raw, env: { OPENCLAW_SKIP_AUTH_CHECK: "1" } });
  assert.equal(
    await Deno.readTextFile(`${home.path}/.openclaw/.env`),
    `# mine\nOTHER=1\nOPENAI_API_KEY=${key}\n`,
  );
});

Deno.test("OpenCode Zen's key prompt says where to get a key (opencode.ai/auth)", async () => {
  await using home = await tempDir();
  const p = scripted({
    "auth.provider": "more",
    "auth.method": "opencode-zen",
    "auth.opencodeZenApiKey": "opencode-fake-key-0000000001",
  });
  const r = await runWith(home.path, p, { env: { OPENCLAW_SKIP_AUTH_CHECK: "1" } });
  assert.equal(r.code, 0);
  const asked = p.transcript.find((t) => t.id === "auth.opencodeZenApiKey")!;
  assert.match(asked.message, /https:\/\/opencode\.ai\/auth/);
});
