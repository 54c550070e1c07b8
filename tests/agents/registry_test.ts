/** The agents registry as data: ids, bindings, and the edits add/delete produce. */
import assert from "node:assert/strict";
import {
  addAgentEdits,
  agentIdFromName,
  agentNameProblem,
  bindSpecProblem,
  deleteAgentEdits,
  listAgents,
  parseBindSpec,
} from "../../lib/agents/registry.ts";
import { applyConfigEdits, parseConfigText } from "../../lib/config/store.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import type { OpenclawConfig } from "../../lib/config/schema.ts";
import { testHost } from "../helpers/host.ts";

const host = testHost({ home: "/home/ada" });
const paths = resolvePaths(host);

const withChannels: OpenclawConfig = {
  channels: { telegram: { botToken: "1:x" }, discord: { token: "y" } },
  agents: { defaults: { workspace: "~/ws", model: "anthropic/claude-sonnet-4-5" } },
};

Deno.test("agent ids come from names: lower case, dashes, no leading punctuation", () => {
  assert.equal(agentIdFromName("Work Bot"), "work-bot");
  assert.equal(agentIdFromName("  Ops_2 "), "ops_2");
  assert.equal(agentIdFromName("--Été!"), "t");
  assert.equal(agentIdFromName("!!!"), "");
});

Deno.test("a name is refused when empty, symbol-only, or taken (main included)", () => {
  const config: OpenclawConfig = { agents: { list: [{ id: "work" }] } };
  assert.match(agentNameProblem("", config)!, /Give the agent a name/);
  assert.match(agentNameProblem("!!", config)!, /letter or digit/);
  assert.match(agentNameProblem("Work", config)!, /"work" already exists/);
  assert.match(agentNameProblem("main", config)!, /"main" already exists/);
  assert.equal(agentNameProblem("ops", config), undefined);
});

Deno.test("bindings: channel or channel:account, and only configured channels", () => {
  assert.deepEqual(parseBindSpec("telegram"), { channel: "telegram" });
  assert.deepEqual(parseBindSpec("Telegram:ops"), { channel: "telegram", accountId: "ops" });
  assert.equal(parseBindSpec("a:b:c"), undefined);
  assert.equal(parseBindSpec(":ops"), undefined);
  assert.equal(bindSpecProblem("discord:guild-a", withChannels), undefined);
  assert.match(
    bindSpecProblem("slack", withChannels)!,
    /"slack" is not configured.*discord, telegram/,
  );
  assert.match(bindSpecProblem("a b", withChannels)!, /not a binding/);
});

Deno.test("list: main is implicit, first, and uses the defaults; others resolve their folders", () => {
  const config: OpenclawConfig = {
    ...withChannels,
    agents: {
      ...withChannels.agents,
      list: [{ id: "work", name: "Work", model: { primary: "openai/gpt-5.1-codex" } }],
    },
    bindings: [{ agentId: "work", match: { channel: "telegram", accountId: "ops" } }],
  };
  const agents = listAgents(config, paths, host);
  assert.deepEqual(agents.map((a) => a.id), ["main", "work"]);
  assert.equal(agents[0].workspace, "/home/ada/ws");
  assert.equal(agents[0].model, "anthropic/claude-sonnet-4-5");
  assert.equal(agents[1].workspace, "/home/ada/.openclaw/workspace-work");
  assert.equal(agents[1].agentDir, "/home/ada/.openclaw/agents/work/agent");
  assert.equal(agents[1].model, "openai/gpt-5.1-codex");
  assert.deepEqual(agents[1].bindings, [{ channel: "telegram", accountId: "ops" }]);
});

Deno.test("add then delete round-trips the text, comments included", () => {
  const text = `{
  // my agents
  "agents": {
    "list": [
      { "id": "keep" } // stays
    ]
  },
  "channels": { "telegram": { "botToken": "1:x" } },
  "bindings": [
    { "agentId": "keep", "match": { "channel": "telegram" } }
  ]
}
`;
  const config = parseConfigText(text).data as OpenclawConfig;
  const added = applyConfigEdits(
    text,
    addAgentEdits(config, {
      id: "ops",
      name: "Ops",
      workspace: "/w/ops",
      agentDir: "/s/ops",
      bindings: [{ channel: "telegram", accountId: "ops" }],
    }),
  );
  const after = parseConfigText(added).data as OpenclawConfig;
  assert.deepEqual(after.agents?.list?.map((a) => a.id), ["keep", "ops"]);
  assert.deepEqual(after.bindings?.map((b) => [b.agentId, b.match.accountId]), [
    ["keep", undefined],
    ["ops", "ops"],
  ]);
  assert.ok(added.includes("// my agents") && added.includes("// stays"));

  const removed = applyConfigEdits(added, deleteAgentEdits(after, "ops"));
  const final = parseConfigText(removed).data as OpenclawConfig;
  assert.deepEqual(final, config);
  assert.ok(removed.includes("// my agents") && removed.includes("// stays"));
});
