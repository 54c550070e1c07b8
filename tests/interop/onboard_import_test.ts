/**
 * Onboarding on the public CLI's HOME, interactively: Keep, then one
 * question (auth.importCredentials, Yes by default) imports its credentials
 * into every agent; No imports nothing and says how to do it later.
 */
import assert from "node:assert/strict";
import { ScriptedPrompter } from "../../lib/wizard/scripted-prompter.ts";
import { tempDir } from "../helpers/host.ts";
import { runWith } from "../auth/helpers.ts";
import * as fixture from "./public-cli-fixture.ts";

const { FIXTURE_PROFILES, PUBLIC_KEYS, publicCliConfigText, publicCliHome, sha256 } = fixture;

const NO_CHECK = { OPENCLAW_SKIP_AUTH_CHECK: "1" };

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

Deno.test("Keep, then Yes to the one import question: every agent gets the credentials, every key stays", async () => {
  await using home = await tempDir();
  const { dbPath } = await publicCliHome(home.path, 18789);
  const before = await sha256(dbPath);
  const p = new ScriptedPrompter({
    "config.existing": "keep",
    "risk.accept": true,
    "auth.importCredentials": true,
  });
  const r = await runWith(home.path, p, { env: NO_CHECK, raw: { skipSkills: true } });
  assert.equal(r.code, 0, r.output);
  const asked = p.transcript.filter((t) => t.id === "auth.importCredentials");
  assert.equal(asked.length, 1, "asked once");
  assert.equal((asked[0].offered as { initialValue: boolean }).initialValue, true);
  assert.match(asked[0].message, /state\/openclaw\.sqlite/);
  const original = JSON.parse(publicCliConfigText(18789));
  for (const key of PUBLIC_KEYS) assert.deepEqual(r.config[key], original[key], key);
  for (const agent of ["main", "work"]) {
    const store = `${home.path}/.openclaw/agents/${agent}/agent/auth-profiles.json`;
    const profiles = JSON.parse(await Deno.readTextFile(store)).profiles;
    assert.deepEqual(profiles["anthropic:default"], FIXTURE_PROFILES["anthropic:default"], agent);
    assert.equal((await Deno.stat(store)).mode! & 0o777, 0o600);
  }
  assert.equal(await sha256(dbPath), before);
  // The same setup without questions repeats the import.
  assert.match(r.host.out.join(""), /--import-credentials/);
});

Deno.test("No to the import question: nothing imported, and a note says how to do it later", async () => {
  await using home = await tempDir();
  await publicCliHome(home.path, 18789);
  const p = new ScriptedPrompter({
    "config.existing": "keep",
    "risk.accept": true,
    "auth.importCredentials": false,
    "auth.provider": "skip",
  });
  const r = await runWith(home.path, p, { env: NO_CHECK, raw: { skipSkills: true } });
  assert.equal(r.code, 0, r.output);
  assert.match(r.output, /Not imported: .*doctor --fix/);
  assert.equal(await exists(`${home.path}/.openclaw/agents/main/agent/auth-profiles.json`), false);
  assert.equal(await exists(`${home.path}/.openclaw/agents/work/agent/auth-profiles.json`), false);
});
