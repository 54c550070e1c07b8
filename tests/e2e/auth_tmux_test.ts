/**
 * Model auth in a real terminal (tmux): provider first, then method, a
 * non-default choice (OpenAI → OpenAI API key), checked live against a fake
 * provider on 127.0.0.1, then the summary and the files. Skipped without tmux.
 */
import assert from "node:assert/strict";
import { modeOf, tempDir } from "../helpers/host.ts";
import { cliEnv, hasTmux, startCli, TMUX_MISSING } from "./tmux.ts";
import { activeBlock, choose } from "./clack-screen.ts";
import { startFakeProvider } from "../auth/fake_provider.ts";

if (!hasTmux) console.warn(TMUX_MISSING);

const RISK = "I understand the risks. Continue?";
const FLOW = "How do you want to set up?";
const PROVIDER = "Model and authentication: which provider?";
const METHOD = "OpenAI: how do you want to sign in?";
const KEY = "OpenAI API key";

Deno.test({
  name: "tmux: OpenAI → OpenAI API key, checked live, saved to .env and the profile store",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    const key = `sk-proj-${crypto.randomUUID().replaceAll("-", "")}`;
    await using api = startFakeProvider({ validKeys: [key] });
    await using term = await startCli(
      ["onboard"],
      await cliEnv(home.path, { OPENCLAW_OPENAI_BASE_URL: api.url }),
    );

    // Risk: clack's confirm defaults to No; 'y' answers Yes at once.
    await term.waitFor(`◆  ${RISK}`);
    await term.press("y");
    await choose(term, FLOW, "QuickStart");
    const providers = await choose(term, PROVIDER, "OpenAI");
    assert.deepEqual(providers.map((l) => l.replace(/ \(.*\)$/, "")), [
      "Anthropic",
      "OpenAI",
      "xAI",
      "More…",
      "Skip for now",
      "← Back",
    ]);
    const methods = await choose(term, METHOD, "OpenAI API key");
    assert.deepEqual(methods.map((l) => l.replace(/ \(.*\)$/, "")), [
      "Reuse the Codex CLI's login",
      "Sign in with ChatGPT",
      "OpenAI API key",
      "← Back",
    ]);

    // An Anthropic key pasted by mistake: the prompt says why and stays.
    await term.waitFor(`◆  ${KEY}`);
    await term.type("sk-ant-api03-wrong-provider");
    await term.waitFor((s) => activeBlock(s, KEY)?.some((l) => l.includes("▪▪▪")) ?? false);
    await term.press("C-u");
    await term.waitFor((s) => activeBlock(s, KEY)?.every((l) => !l.includes("▪")) ?? false);
    await term.type("oops");
    await term.press("Enter");
    await term.waitFor("That OpenAI API key is too short; copy the whole key.");
    await term.press("BSpace", "BSpace", "BSpace", "BSpace");
    await term.waitFor((s) => activeBlock(s, KEY)?.every((l) => !l.includes("▪")) ?? false);
    await term.type(key);
    await term.press("Enter");

    // The later steps (channels: none) are not this test's subject.
    await term.waitFor("◆  Chat channels to set up", { timeout: 20_000 });
    await term.press("Enter");
    assert.equal(await term.exitCode(20_000), 0);
    const all = await term.screen(true);
    for (
      const text of [
        "OpenAI credential: valid",
        "Model auth  OpenAI API key (valid)",
        "Model       openai/gpt-5.1-codex",
        `--auth-choice openai-api-key --openai-api-key "$OPENAI_API_KEY"`,
      ]
    ) {
      assert.ok(all.includes(text), `the screen shows ${JSON.stringify(text)}:\n${all}`);
    }
    assert.ok(!all.includes(key.slice(8, 20)), "no part of the key on screen");

    const state = `${home.path}/.openclaw`;
    assert.equal(await Deno.readTextFile(`${state}/.env`), `OPENAI_API_KEY=${key}\n`);
    assert.equal(await modeOf(`${state}/.env`), 0o600);
    const store = JSON.parse(
      await Deno.readTextFile(`${state}/agents/main/agent/auth-profiles.json`),
    );
    assert.deepEqual(store.profiles["openai:default"], {
      type: "api_key",
      provider: "openai",
      key,
    });
    assert.equal(api.requests.length, 1, "one list-models request");
  },
});
