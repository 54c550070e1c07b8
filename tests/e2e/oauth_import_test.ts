/**
 * The README's headless tip: sign in on a machine with a browser, copy
 * credentials/oauth.json to the gateway host. The next onboard (or
 * configure) imports it into the agent's auth profiles, so the model check
 * finds credentials; doctor reports a copy not yet imported and --fix
 * imports it. Real processes, temp HOME.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { allOutput, runCli } from "./cli.ts";

const CODEX = {
  access: "eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDB9.copied-access-token",
  refresh: "rt-copied-refresh-token-0001",
  expires: 4102444800000,
  accountId: "acct-copied-1",
};

const ONBOARD = [
  "onboard",
  "--non-interactive",
  "--accept-risk",
  "--auth-choice",
  "skip",
  "--model",
  "openai-codex/gpt-5.3-codex",
  "--skip-health",
  "--skip-daemon",
  "--skip-channels",
  "--skip-skills",
];

async function copyOAuthJson(home: string): Promise<void> {
  await Deno.mkdir(`${home}/.openclaw/credentials`, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(
    `${home}/.openclaw/credentials/oauth.json`,
    JSON.stringify({ "openai-codex": CODEX }, null, 2),
    { mode: 0o600 },
  );
}

/** A config that already uses the Codex model (as the machine it was copied from). */
async function codexConfig(home: string): Promise<void> {
  await Deno.mkdir(`${home}/.openclaw`, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(
    `${home}/.openclaw/openclaw.json`,
    JSON.stringify({ agents: { defaults: { model: "openai-codex/gpt-5.3-codex" } } }),
    { mode: 0o600 },
  );
}

function profiles(home: string): Promise<Record<string, Record<string, unknown>>> {
  return Deno.readTextFile(`${home}/.openclaw/agents/main/agent/auth-profiles.json`)
    .then((t) => JSON.parse(t).profiles);
}

Deno.test("onboard without oauth.json: the model check says there are no credentials", async () => {
  await using home = await tempDir();
  await codexConfig(home.path);
  const r = await runCli(ONBOARD, { home: home.path });
  assert.equal(r.code, 0, allOutput(r));
  assert.match(allOutput(r), /No credentials for openai-codex/);
});

Deno.test("onboard imports a copied oauth.json into the auth profiles; no warning", async () => {
  await using home = await tempDir();
  await codexConfig(home.path);
  await copyOAuthJson(home.path);
  const r = await runCli(ONBOARD, { home: home.path });
  assert.equal(r.code, 0, allOutput(r));
  const out = allOutput(r);
  assert.doesNotMatch(out, /No credentials for openai-codex/);
  assert.match(out, /openai-codex:default/);
  assert.doesNotMatch(out, /Set up model auth/, "the import gave the model its credentials");
  assert.ok(!out.includes(CODEX.access) && !out.includes(CODEX.refresh), "tokens never printed");
  const p = (await profiles(home.path))["openai-codex:default"];
  assert.deepEqual(p, { type: "oauth", provider: "openai-codex", ...CODEX });
  const mode = (await Deno.stat(`${home.path}/.openclaw/agents/main/agent/auth-profiles.json`))
    .mode! & 0o777;
  assert.equal(mode, 0o600);
});

Deno.test("doctor reports a copied oauth.json not yet imported; --fix imports it", async () => {
  await using home = await tempDir();
  // A working setup first (Anthropic key), then the copied Codex sign-in.
  const first = await runCli(
    [
      "onboard",
      "--non-interactive",
      "--accept-risk",
      "--anthropic-api-key",
      "sk-ant-api03-test-0000000000000001",
      "--skip-health",
      "--skip-daemon",
      "--skip-channels",
      "--skip-skills",
    ],
    { home: home.path },
  );
  assert.equal(first.code, 0, allOutput(first));
  await copyOAuthJson(home.path);

  const report = await runCli(["doctor"], { home: home.path });
  assert.match(report.stdout, /oauth\.json.*openai-codex/s);
  assert.match(report.stdout, /(openclaw|main\.ts) doctor --fix/);
  assert.equal((await profiles(home.path))["openai-codex:default"], undefined, "report only");

  const fix = await runCli(["doctor", "--fix"], { home: home.path });
  assert.match(fix.stdout, /Imported .*openai-codex.* openai-codex:default/s, fix.stdout);
  assert.ok(!allOutput(fix).includes(CODEX.access));
  const after = await profiles(home.path);
  assert.equal(after["openai-codex:default"].access, CODEX.access);
  assert.equal(after["anthropic:default"].key, "sk-ant-api03-test-0000000000000001", "kept");
  const again = await runCli(["doctor"], { home: home.path });
  assert.doesNotMatch(again.stdout, /oauth\.json/);
});

Deno.test("configure --section model imports a copied oauth.json too", async () => {
  await using home = await tempDir();
  await codexConfig(home.path);
  await copyOAuthJson(home.path);
  const r = await runCli(
    ["configure", "--section", "model", "--non-interactive", "--auth-choice", "skip"],
    { home: home.path },
  );
  assert.equal(r.code, 0, allOutput(r));
  assert.doesNotMatch(allOutput(r), /No credentials for openai-codex/);
  assert.equal((await profiles(home.path))["openai-codex:default"].access, CODEX.access);
});
