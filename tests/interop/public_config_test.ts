/**
 * A config written by the public OpenClaw CLI, read by this program: valid,
 * its unknown keys named (and kept), its agents (agents.entries) and model
 * object understood, and edits written in its shape.
 */
import assert from "node:assert/strict";
import { checkConfig } from "../../lib/config/validate.ts";
import { ConfigSchema, type OpenclawConfig } from "../../lib/config/schema.ts";
import { unknownKeys } from "../../lib/config/unknown-keys.ts";
import { formatPath } from "../../lib/config/validate.ts";
import { applyConfigEdits, parseConfigText } from "../../lib/config/store.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { addAgentEdits, deleteAgentEdits, listAgents } from "../../lib/agents/registry.ts";
import { agentFor, defaultAgentId } from "../../lib/agent/routing.ts";
import { modelRefOf } from "../../lib/agent/model.ts";
import { execSettings } from "../../lib/agent/tools/exec.ts";
import { diagnose, PROBLEM_IDS } from "../../lib/doctor/checks.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import { publicCliConfigText, publicCliHome } from "./public-cli-fixture.ts";

const TEXT = publicCliConfigText(18789);

function parsed(text = TEXT): OpenclawConfig {
  return ConfigSchema.parse(parseConfigText(text).data);
}

Deno.test("the public CLI's config is valid here, and its unknown keys are named, not refused", () => {
  const file = { path: "/x/openclaw.json", exists: true, text: TEXT, ...parseConfigText(TEXT) };
  const status = checkConfig(file);
  assert.equal(status.state, "valid", status.problems.join("\n"));
  assert.deepEqual(unknownKeys(ConfigSchema, file.data).map(formatPath), [
    "auth",
    "agents.defaults.compaction",
    "agents.defaults.maxConcurrent",
    "agents.entries.main.identity",
    "agents.entries.work.identity",
    "agents.ownership",
    "tools.profile",
    "tools.exec",
    "hooks",
    "talk",
    "commands",
    "channels.telegram.groupPolicy",
    "channels.telegram.streaming",
    "gateway.tailscale.resetOnExit",
    "gateway.controlUi",
    "skills.entries",
  ]);
});

Deno.test("a known key with a wrong value is still an error; an unknown one inside it is not", () => {
  const text = JSON.stringify({ gateway: { port: "x", futureKey: 1 }, agents: { entries: {} } });
  const file = { path: "/x/openclaw.json", exists: true, text, ...parseConfigText(text) };
  const status = checkConfig(file);
  assert.equal(status.state, "invalid");
  assert.deepEqual(status.problems, ["gateway.port: A port is a whole number from 1 to 65535."]);
  // An entry keyed one id and naming another is refused: which agent would it be?
  const clash = JSON.stringify({ agents: { entries: { work: { id: "home" } } } });
  const r = checkConfig({ path: "/x", exists: true, text: clash, ...parseConfigText(clash) });
  assert.match(r.problems[0], /^agents\.entries\.work\.id: .*keyed "work"/);
});

Deno.test("agents.entries: listed with their names, folders and the model object's primary", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path });
  const paths = resolvePaths(host);
  const agents = listAgents(parsed(), paths, host);
  assert.deepEqual(agents.map((a) => [a.id, a.name, a.model, a.isDefault]), [
    ["main", "Main", "anthropic/claude-opus-5", true],
    ["work", "Work", "openai/gpt-5.5", false],
  ]);
  assert.equal(agents[1].workspace, `${dir.path}/.openclaw/workspace-work`);
  assert.equal(agents[1].agentDir, `${dir.path}/.openclaw/agents/work/agent`);
  assert.deepEqual(agents[1].bindings, [{ channel: "telegram", accountId: "default" }]);
});

Deno.test("routing and the model lookup read agents.entries like agents.list", () => {
  const config = parsed();
  assert.equal(modelRefOf(config, "main"), "anthropic/claude-opus-5");
  assert.equal(modelRefOf(config, "work"), "openai/gpt-5.5");
  assert.equal(agentFor(config, { surface: "telegram", peerId: "1" }), "work");
  const keyed = ConfigSchema.parse({
    agents: {
      entries: {
        main: {},
        ops: { default: true, bindings: [{ channel: "discord", peerId: "42" }] },
      },
    },
  });
  assert.equal(defaultAgentId(keyed), "ops");
  assert.equal(agentFor(keyed, { surface: "discord", peerId: "42" }), "ops");
});

Deno.test("agents add and delete write to agents.entries when the file uses it, and leave the rest as it was", async () => {
  await using dir = await tempDir();
  const config = parsed();
  const added = applyConfigEdits(
    TEXT,
    addAgentEdits(config, {
      id: "ops",
      name: "Ops",
      workspace: `${dir.path}/ws-ops`,
      agentDir: `${dir.path}/agents/ops/agent`,
      bindings: [],
    }),
  );
  const after = parseConfigText(added).data as { agents: Record<string, unknown> };
  assert.equal(after.agents.list, undefined, "no agents.list beside agents.entries");
  assert.deepEqual((after.agents.entries as Record<string, unknown>).ops, {
    name: "Ops",
    workspace: `${dir.path}/ws-ops`,
    agentDir: `${dir.path}/agents/ops/agent`,
  });
  const removed = applyConfigEdits(added, deleteAgentEdits(parsed(added), "ops"));
  assert.equal(removed, TEXT, "adding then deleting gives back the very same text");
  // A file with neither shape gets the seed's agents.list.
  const fresh = applyConfigEdits(
    "{}",
    addAgentEdits({}, { id: "a", name: "a", workspace: "/w", agentDir: "/d", bindings: [] }),
  );
  assert.deepEqual((parseConfigText(fresh).data as OpenclawConfig).agents?.list?.[0]?.id, "a");
});

Deno.test("the public CLI's tools.exec section is kept and the exec mode falls back to its default", () => {
  assert.equal(execSettings(parsed()).mode, "ask");
  assert.equal(execSettings(ConfigSchema.parse({ tools: { exec: "on" } })).mode, "on");
  // A wrong word is still an error, a section is not.
  assert.equal(ConfigSchema.safeParse({ tools: { exec: "sometimes" } }).success, false);
});

Deno.test("doctor on the public CLI's HOME: warnings only, unknown keys named, the credential store offered", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path });
  const paths = resolvePaths(host);
  await publicCliHome(dir.path, 18789);
  const problems = await diagnose(host, paths);
  assert.deepEqual(problems.filter((p) => p.severity === "error"), []);
  const unknown = problems.filter((p) => p.id === PROBLEM_IDS.configUnknownKey);
  assert.ok(unknown.some((p) => p.path === "hooks"));
  assert.ok(unknown.every((p) => /not used by this version of openclaw/i.test(p.message)));
  const store = problems.find((p) => p.id === PROBLEM_IDS.publicCliCredentials)!;
  assert.equal(store.fixable, true);
  assert.match(
    store.message,
    /anthropic:default, openai:default, openai-codex:default → agent main/,
  );
  assert.match(store.message, /→ agent work/);
  assert.match(store.message, /xai:default: its secret is a reference/);
  assert.doesNotMatch(JSON.stringify(problems), /sk-ant-api03|fixture-access-token/);
});
