/**
 * Black-box: `openclaw agents add|list|delete` on a temp HOME, over a
 * hand-written config whose comments must survive every edit.
 */
import assert from "node:assert/strict";
import { modeOf, tempDir } from "../helpers/host.ts";
import { allOutput, exists, hasStackTrace, runCli } from "./cli.ts";
import { readConfigFile } from "../../lib/config/store.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

/** The config as the program reads it: JSON with comments. */
async function readJson(path: string): Promise<Json> {
  const file = await readConfigFile(path);
  assert.deepEqual(file.syntaxErrors, [], `${path} parses`);
  return file.data;
}

async function setUp(home: string): Promise<string> {
  const state = `${home}/.openclaw`;
  await Deno.mkdir(state, { mode: 0o700 });
  const path = `${state}/openclaw.json`;
  await Deno.writeTextFile(
    path,
    `{
  // my channels
  "channels": {
    "telegram": { "botToken": "123:abc" } // the bot
  },
  "agents": {
    "defaults": { "workspace": "${state}/workspace", "model": "anthropic/claude-sonnet-4-5" }
  }
}
`,
    { mode: 0o600 },
  );
  return path;
}

Deno.test("agents add: entry, bindings, seeded workspace and 0700 state; comments kept", async () => {
  await using home = await tempDir();
  const configPath = await setUp(home.path);
  const r = await runCli(
    [
      "agents",
      "add",
      "Ops Team",
      "--non-interactive",
      "--model",
      "openai/gpt-5.1-codex",
      "--bind",
      "telegram:ops",
      "--json",
    ],
    { home: home.path },
  );
  assert.equal(r.code, 0, allOutput(r));
  const out: Json = JSON.parse(r.stdout);
  assert.equal(out.agentId, "ops-team");
  assert.deepEqual(out.bindings, ["telegram:ops"]);

  const config: Json = await readJson(configPath);
  assert.deepEqual(config.agents.list, [{
    id: "ops-team",
    name: "Ops Team",
    workspace: `${home.path}/.openclaw/workspace-ops-team`,
    agentDir: `${home.path}/.openclaw/agents/ops-team/agent`,
    model: "openai/gpt-5.1-codex",
  }]);
  assert.deepEqual(config.bindings, [{
    agentId: "ops-team",
    match: { channel: "telegram", accountId: "ops" },
  }]);
  const text = await Deno.readTextFile(configPath);
  assert.ok(text.includes("// my channels") && text.includes("// the bot"), text);

  assert.ok(await exists(`${home.path}/.openclaw/workspace-ops-team/AGENTS.md`));
  assert.ok(await exists(`${home.path}/.openclaw/workspace-ops-team/BOOTSTRAP.md`));
  assert.equal(await modeOf(`${home.path}/.openclaw/agents/ops-team/agent`), 0o700);
  assert.equal(await modeOf(`${home.path}/.openclaw/agents/ops-team/sessions`), 0o700);

  const list = await runCli(["agents", "list", "--json"], { home: home.path });
  assert.equal(list.code, 0, allOutput(list));
  const agents: Json = JSON.parse(list.stdout);
  assert.deepEqual(agents.map((a: Json) => [a.id, a.default, a.bindings]), [
    ["main", true, []],
    ["ops-team", false, ["telegram:ops"]],
  ]);
});

Deno.test("agents add refuses a taken id, an unconfigured channel and a missing name; nothing changes", async () => {
  await using home = await tempDir();
  const configPath = await setUp(home.path);
  const before = await Deno.readTextFile(configPath);

  const cases: [string[], number, RegExp][] = [
    [["agents", "add", "main", "--non-interactive"], 2, /"main" already exists/],
    [
      ["agents", "add", "x", "--non-interactive", "--bind", "discord"],
      2,
      /"discord" is not configured/,
    ],
    [["agents", "add", "x", "--non-interactive", "--bind", "a:b:c"], 2, /not a binding/],
    [["agents", "add", "x", "--non-interactive", "--model", "gpt"], 2, /provider\/model/],
    [["agents", "add", "--non-interactive"], 2, /<name>/],
  ];
  for (const [args, code, message] of cases) {
    const r = await runCli(args, { home: home.path });
    assert.equal(r.code, code, `${args.join(" ")}\n${allOutput(r)}`);
    assert.match(r.stderr, message);
    assert.ok(!hasStackTrace(allOutput(r)), allOutput(r));
  }
  assert.equal(await Deno.readTextFile(configPath), before);
  assert.equal(await exists(`${home.path}/.openclaw/workspace-x`), false);
});

Deno.test("agents delete: removes entry and bindings; files to the trash only when asked", async () => {
  await using home = await tempDir();
  const configPath = await setUp(home.path);
  const original = await Deno.readTextFile(configPath);
  for (const name of ["keep", "gone"]) {
    const r = await runCli(["agents", "add", name, "--non-interactive", "--bind", "telegram"], {
      home: home.path,
    });
    assert.equal(r.code, 0, allOutput(r));
  }

  const unsure = await runCli(["agents", "delete", "keep", "--non-interactive"], {
    home: home.path,
  });
  assert.equal(unsure.code, 2);
  assert.match(unsure.stderr, /--force/);

  const kept = await runCli(["agents", "delete", "keep", "--force", "--non-interactive"], {
    home: home.path,
  });
  assert.equal(kept.code, 0, allOutput(kept));
  assert.ok(await exists(`${home.path}/.openclaw/workspace-keep/AGENTS.md`), "files stay");

  const gone = await runCli(
    ["agents", "delete", "gone", "--force", "--trash-files", "--non-interactive", "--json"],
    { home: home.path },
  );
  assert.equal(gone.code, 0, allOutput(gone));
  const result: Json = JSON.parse(gone.stdout);
  assert.equal(result.removedBindings, 1);
  assert.equal(await exists(`${home.path}/.openclaw/workspace-gone`), false);
  assert.equal(await exists(`${home.path}/.openclaw/agents/gone`), false);
  const trash = `${home.path}/.local/share/Trash`;
  assert.ok(await exists(`${trash}/files/workspace-gone/AGENTS.md`), "workspace in the trash");
  assert.ok(await exists(`${trash}/info/workspace-gone.trashinfo`));

  // Both agents gone: the config is back to the user's own text.
  assert.equal(await Deno.readTextFile(configPath), original);

  for (const [id, message] of [["main", /default agent/], ["nope", /no agent "nope"/]]) {
    const r = await runCli(["agents", "delete", id as string, "--force"], { home: home.path });
    assert.equal(r.code, 1);
    assert.match(r.stderr, message as RegExp);
  }
});

Deno.test("agents on a broken or missing config say what to do", async () => {
  await using home = await tempDir();
  const missing = await runCli(["agents", "list"], { home: home.path });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /(openclaw|main\.ts) onboard/);

  await Deno.mkdir(`${home.path}/.openclaw`);
  await Deno.writeTextFile(`${home.path}/.openclaw/openclaw.json`, `{ "agents": `);
  const broken = await runCli(["agents", "add", "x", "--non-interactive"], { home: home.path });
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /(openclaw|main\.ts) doctor/);
  assert.ok(!hasStackTrace(allOutput(broken)));
});
