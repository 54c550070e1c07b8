import assert from "node:assert/strict";
import { findLegacyKeys, LEGACY_RULES, legacyMigrationEdits } from "../../lib/config/legacy.ts";
import { applyConfigEdits, parseConfigText } from "../../lib/config/store.ts";
import { ConfigSchema } from "../../lib/config/schema.ts";

/** Apply the legacy migration as doctor --fix does and re-parse. */
function migrate(text: string): { text: string; data: Record<string, unknown> } {
  const before = parseConfigText(text);
  assert.deepEqual(before.syntaxErrors, []);
  const out = applyConfigEdits(text, legacyMigrationEdits(before.data));
  const after = parseConfigText(out);
  assert.deepEqual(after.syntaxErrors, [], out);
  return { text: out, data: after.data as Record<string, unknown> };
}

function detected(text: string): Record<string, string[]> {
  const found = findLegacyKeys(parseConfigText(text).data);
  return Object.fromEntries(found.map((f) => [f.rule.id, f.paths.map((p) => p.join("."))]));
}

function assertValid(data: unknown): void {
  const r = ConfigSchema.safeParse(data);
  assert.ok(r.success, JSON.stringify(r.error?.issues, null, 2));
}

/** Each needle appears, in this order. */
function assertInOrder(text: string, needles: string[]): void {
  let from = 0;
  for (const n of needles) {
    const at = text.indexOf(n, from);
    assert.ok(at >= 0, `expected ${JSON.stringify(n)} after offset ${from} in:\n${text}`);
    from = at + n.length;
  }
}

Deno.test("every rule has a unique id and a description", () => {
  const ids = LEGACY_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of LEGACY_RULES) assert.ok(r.describe.length > 10, r.id);
});

Deno.test("a current config has no legacy keys and no edits", () => {
  const text = `{
  // current shape
  "gateway": { "port": 18789, "bind": "loopback", "auth": { "mode": "token", "token": "abcdefgh12345678" } },
  "agents": { "defaults": { "model": "anthropic/claude-sonnet-4-5" } },
  "channels": { "telegram": { "botToken": "1:a" } }
}`;
  assert.deepEqual(detected(text), {});
  assert.deepEqual(legacyMigrationEdits(parseConfigText(text).data), []);
});

Deno.test("agent.* moves to agents.defaults.*, existing defaults win, comments stay", () => {
  const text = `{
  // my gateway
  "gateway": {
    "port": 18789 // default port
  },
  // the old agent block
  "agent": {
    "model": "anthropic/claude-opus-4-5",
    "workspace": "~/clawd",
    "thinking": { "level": "high" }
  },
  // models I use
  "agents": {
    "defaults": {
      "model": "openai/gpt-5" // keep this one
    }
  }
}
`;
  assert.deepEqual(detected(text), { agent: ["agent"] });
  const out = migrate(text);
  assert.equal(out.data.agent, undefined);
  assert.deepEqual(out.data.agents, {
    defaults: { model: "openai/gpt-5", workspace: "~/clawd", thinking: { level: "high" } },
  });
  assertInOrder(out.text, [
    "// my gateway",
    '"gateway"',
    "// default port",
    "// models I use",
    '"agents"',
    "// keep this one",
  ]);
  assertValid(out.data);
  assert.deepEqual(detected(out.text), {});
});

Deno.test("gateway.token moves to gateway.auth.token and sets mode token", () => {
  const text = `{
  "gateway": {
    // listen here
    "port": 18790,
    "token": "abcdefgh12345678",
    // local only
    "bind": "loopback"
  }
}`;
  assert.deepEqual(detected(text), { "gateway-token": ["gateway.token"] });
  const out = migrate(text);
  assert.deepEqual(out.data.gateway, {
    port: 18790,
    bind: "loopback",
    auth: { token: "abcdefgh12345678", mode: "token" },
  });
  assertInOrder(out.text, ["// listen here", '"port"', "// local only", '"bind"', '"auth"']);
  assertValid(out.data);
});

Deno.test("gateway.token keeps an existing auth mode and an existing auth.token", () => {
  const text = `{
  "gateway": {
    "token": "old-token-12345",
    "auth": { "mode": "password", "password": "correct-horse", "token": "new-token-12345" }
  }
}`;
  const out = migrate(text);
  assert.deepEqual(out.data.gateway, {
    auth: { mode: "password", password: "correct-horse", token: "new-token-12345" },
  });
});

Deno.test("gateway.password moves to gateway.auth.password and sets mode password", () => {
  const text = `{
  // gateway
  "gateway": { "password": "correct-horse-battery" }
}`;
  assert.deepEqual(detected(text), { "gateway-password": ["gateway.password"] });
  const out = migrate(text);
  assert.deepEqual(out.data.gateway, {
    auth: { password: "correct-horse-battery", mode: "password" },
  });
  assert.ok(out.text.includes("// gateway"));
  assertValid(out.data);
});

Deno.test("with a legacy token and password and no mode, the mode becomes token", () => {
  const text = `{ "gateway": { "token": "abcdefgh12345678", "password": "correct-horse" } }`;
  const out = migrate(text);
  assert.deepEqual(out.data.gateway, {
    auth: { token: "abcdefgh12345678", mode: "token", password: "correct-horse" },
  });
  assertValid(out.data);
});

for (
  const [legacy, mode] of [
    ["localhost", "loopback"],
    ["127.0.0.1", "loopback"],
    ["0.0.0.0", "lan"],
    ["all", "lan"],
  ]
) {
  Deno.test(`gateway.bind "${legacy}" becomes "${mode}"`, () => {
    const text = `{
  "gateway": {
    "bind": "${legacy}", // where to listen
    "auth": { "mode": "token", "token": "abcdefgh12345678" }
  }
}`;
    assert.deepEqual(detected(text), { "gateway-bind": ["gateway.bind"] });
    const out = migrate(text);
    assert.equal((out.data.gateway as { bind: string }).bind, mode);
    assertInOrder(out.text, [`"bind": "${mode}"`, "// where to listen", '"auth"']);
    assertValid(out.data);
  });
}

Deno.test("current bind modes are not legacy", () => {
  for (const bind of ["loopback", "lan", "tailnet", "auto", "custom"]) {
    assert.deepEqual(detected(JSON.stringify({ gateway: { bind } })), {});
  }
});

Deno.test("top-level channel sections move under channels, existing settings win", () => {
  const text = `{
  // gateway first
  "gateway": { "port": 18789 },
  // my bot
  "telegram": { "botToken": "123:old", "allowFrom": ["@me"] },
  "discord": { "token": "disc" },
  "matrix": {},
  // already migrated part
  "channels": {
    "telegram": { "botToken": "123:new" } // newer token
  }
}`;
  assert.deepEqual(detected(text), { channels: ["telegram", "discord", "matrix"] });
  const out = migrate(text);
  assert.deepEqual(out.data.channels, {
    telegram: { botToken: "123:new", allowFrom: ["@me"] },
    discord: { token: "disc" },
    matrix: {},
  });
  for (const k of ["telegram", "discord", "matrix"]) assert.equal(out.data[k], undefined);
  assertInOrder(out.text, [
    "// gateway first",
    '"gateway"',
    "// already migrated part",
    '"channels"',
    "// newer token",
  ]);
  assertValid(out.data);
});

Deno.test("every legacy channel name is moved", () => {
  const names = [
    "telegram",
    "discord",
    "whatsapp",
    "signal",
    "imessage",
    "slack",
    "googlechat",
    "mattermost",
    "bluebubbles",
    "msteams",
    "matrix",
  ];
  const text = JSON.stringify(Object.fromEntries(names.map((n) => [n, { enabled: true }])));
  assert.deepEqual(detected(text), { channels: names });
  const out = migrate(text);
  assert.deepEqual(Object.keys(out.data), ["channels"]);
  assert.deepEqual(Object.keys(out.data.channels as object), names);
  assertValid(out.data);
});

Deno.test("routing.agents become agents.list entries appended after existing ones", () => {
  const text = `{
  // agents
  "agents": {
    "list": [
      { "id": "main" } // the default agent
    ]
  },
  "routing": {
    "agents": {
      "work": { "name": "Work", "workspace": "~/work" },
      "home": { "model": "anthropic/claude-sonnet-4-5" }
    }
  },
  // end
  "gateway": { "port": 18789 }
}`;
  assert.deepEqual(detected(text), { "routing-agents": ["routing.agents"] });
  const out = migrate(text);
  assert.deepEqual(out.data.agents, {
    list: [
      { id: "main" },
      { id: "work", name: "Work", workspace: "~/work" },
      { id: "home", model: "anthropic/claude-sonnet-4-5" },
    ],
  });
  assert.equal(out.data.routing, undefined, "an emptied routing section is removed");
  assertInOrder(out.text, ["// agents", '"agents"', "// the default agent", "// end", '"gateway"']);
  assertValid(out.data);
});

Deno.test("routing.agents: a new list is created; an id already listed keeps its values", () => {
  const fresh = migrate(`{ "routing": { "agents": { "work": { "name": "Work" } } } }`);
  assert.deepEqual(fresh.data, { agents: { list: [{ id: "work", name: "Work" }] } });

  const merged = migrate(`{
  "agents": { "list": [{ "id": "work", "name": "Mine" }] },
  "routing": { "agents": { "work": { "name": "Old", "workspace": "~/w" } }, "other": 1 }
}`);
  assert.deepEqual(merged.data.agents, {
    list: [{ id: "work", name: "Mine", workspace: "~/w" }],
  });
  assert.deepEqual(merged.data.routing, { other: 1 }, "unknown routing keys are left for doctor");
});

Deno.test("all rules together give a valid config, and migrating twice changes nothing", () => {
  const text = `// openclaw config, hand-edited
{
  "$schema": "https://openclaw.ai/config.schema.json",
  "gateway": {
    "port": 18789, // default
    "bind": "localhost",
    "token": "abcdefgh12345678"
  },
  // legacy agent defaults
  "agent": { "model": "anthropic/claude-opus-4-5" },
  "whatsapp": { "allowFrom": ["+15550001111"] },
  "routing": { "agents": { "work": { "workspace": "~/work" } } },
  /* trailing block comment */
  "skills": { "install": { "nodeManager": "pnpm" } }
}
`;
  assert.deepEqual(Object.keys(detected(text)).sort(), [
    "agent",
    "channels",
    "gateway-bind",
    "gateway-token",
    "routing-agents",
  ]);
  const out = migrate(text);
  assert.deepEqual(out.data, {
    $schema: "https://openclaw.ai/config.schema.json",
    gateway: {
      port: 18789,
      bind: "loopback",
      auth: { token: "abcdefgh12345678", mode: "token" },
    },
    skills: { install: { nodeManager: "pnpm" } },
    agents: {
      defaults: { model: "anthropic/claude-opus-4-5" },
      list: [{ id: "work", workspace: "~/work" }],
    },
    channels: { whatsapp: { allowFrom: ["+15550001111"] } },
  });
  assertInOrder(out.text, [
    "// openclaw config, hand-edited",
    '"$schema"',
    '"gateway"',
    "// default",
    "/* trailing block comment */",
    '"skills"',
  ]);
  assertValid(out.data);
  assert.deepEqual(legacyMigrationEdits(out.data), []);
});

Deno.test("routing.agents go to agents.entries in a file that keeps its agents there (the public CLI's shape)", () => {
  const out = migrate(`{
  "agents": { "entries": { "main": { "name": "Main" }, "work": { "name": "Work" } } },
  "routing": { "agents": { "work": { "name": "Old", "workspace": "~/w" }, "ops": {} } }
}
`);
  const agents = out.data.agents as Record<string, unknown>;
  assert.equal(agents.list, undefined, "no agents.list beside agents.entries");
  assert.deepEqual(agents.entries, {
    main: { name: "Main" },
    work: { name: "Work", workspace: "~/w" },
    ops: {},
  });
  assertValid(out.data);
});
