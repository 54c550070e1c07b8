import assert from "node:assert/strict";
import { agentHarness } from "./harness.ts";
import { sessionsDir } from "../../lib/config/paths.ts";
import { RESET_REPLY } from "../../lib/agent/create.ts";
import { cutHistory } from "../../lib/agent/history.ts";

async function transcriptFiles(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.name.endsWith(".jsonl")) names.push(e.name);
  return names;
}

Deno.test("transcripts are JSONL under agents/<id>/sessions (0600 in 0700), one per sender", async () => {
  await using h = await agentHarness({ wire: "anthropic" });
  h.model.reply({ text: "one" }, { text: "two" }, { text: "three" });
  await h.agent.turn({ message: "first", origin: { surface: "telegram", peerId: "100" } });
  await h.agent.turn({ message: "second", origin: { surface: "telegram", peerId: "100" } });
  await h.agent.turn({ message: "other", origin: { surface: "telegram", peerId: "200" } });
  const dir = sessionsDir(h.paths, "main");
  assert.equal((await Deno.stat(dir)).mode! & 0o777, 0o700);
  const files = await transcriptFiles(dir);
  assert.equal(files.length, 2);
  for (const f of [...files, "sessions.json"]) {
    assert.equal((await Deno.stat(`${dir}/${f}`)).mode! & 0o777, 0o600, f);
  }
  const history = await h.agent.history({ sessionKey: "telegram:dm:100" });
  assert.deepEqual(history.map((m) => [m.role, m.text]), [
    ["user", "first"],
    ["assistant", "one"],
    ["user", "second"],
    ["assistant", "two"],
  ]);
  assert.deepEqual(
    (await h.agent.history({ sessionKey: "telegram:dm:100", limit: 1 })).map((m) => m.text),
    ["two"],
  );
  // The second turn carried the first exchange; the other sender's did not.
  assert.ok(JSON.stringify(h.model.requests[1].body.messages).includes("first"));
  assert.ok(!JSON.stringify(h.model.requests[2].body.messages).includes("first"));
});

Deno.test("/new starts a fresh session without a model call; the old transcript stays", async () => {
  await using h = await agentHarness({ wire: "openai" });
  h.model.reply({ text: "one" }, { text: "after" });
  await h.agent.turn({ message: "remember me", origin: { surface: "control-ui" } });
  const r = await h.agent.turn({ message: " /NEW ", origin: { surface: "control-ui" } });
  assert.equal(r.ok, true);
  assert.equal(r.text, RESET_REPLY);
  assert.equal(r.sessionKey, "main");
  assert.equal(h.model.requests.length, 1);
  assert.deepEqual(await h.agent.history({ sessionKey: "main" }), []);
  await h.agent.turn({ message: "hello again", origin: { surface: "cli" } });
  assert.ok(!JSON.stringify(h.model.requests[1].body.messages).includes("remember me"));
  assert.equal((await transcriptFiles(sessionsDir(h.paths, "main"))).length, 2);
  const reset = await h.agent.turn({ message: "/reset@my_bot", origin: { surface: "cli" } });
  assert.equal(reset.text, RESET_REPLY);
  const empty = await h.agent.turn({ message: "  ", origin: { surface: "cli" } });
  assert.match(empty.text, /only read text/);
  assert.equal(h.model.requests.length, 2);
});

Deno.test("a hostile peer id cannot name a file: transcripts are random ids inside the folder", async () => {
  await using h = await agentHarness({ wire: "anthropic" });
  const peerId = "../../../../evil\u2028/..\\x";
  await h.agent.turn({ message: "hi", origin: { surface: "telegram", peerId } });
  const dir = sessionsDir(h.paths, "main");
  const files = await transcriptFiles(dir);
  assert.equal(files.length, 1);
  assert.match(files[0], /^[0-9a-f]{32}\.jsonl$/);
  const index = JSON.parse(await Deno.readTextFile(`${dir}/sessions.json`));
  assert.ok(index[`telegram:dm:${peerId}`]);
  assert.equal((await h.agent.history({ sessionKey: `telegram:dm:${peerId}` })).length, 2);
  const bad = await h.agent.turn({ sessionKey: "a\nb", message: "hi", origin: { surface: "cli" } });
  assert.equal(bad.ok, false);
  // An agent id names a folder: one the config does not list is never read.
  const outside = `${h.paths.agentsDir}/../evil/sessions`;
  await Deno.mkdir(outside, { recursive: true });
  await Deno.writeTextFile(
    `${outside}/sessions.json`,
    JSON.stringify({ main: { sessionId: "a".repeat(32) } }),
  );
  await Deno.writeTextFile(
    `${outside}/${"a".repeat(32)}.jsonl`,
    '{"role":"user","text":"leak","at":"x"}\n',
  );
  assert.deepEqual(await h.agent.history({ agentId: "../evil", sessionKey: "main" }), []);
  const ghost = await h.agent.turn({
    agentId: "../evil",
    message: "hi",
    origin: { surface: "cli" },
  });
  assert.equal(ghost.error?.kind, "config");
});

Deno.test("history is cut to the context budget, newest kept, starting with a user message", () => {
  const at = "2026-01-01T00:00:00Z";
  const lines = Array.from({ length: 10 }, (_, i) => ({
    role: (i % 2 === 0 ? "user" : "assistant") as "user" | "assistant",
    text: `${i}`.repeat(400),
    at,
  }));
  // 1000 tokens of context, 60% for history: five 100-token messages fit; the first kept is a user's.
  const kept = cutHistory(lines, 1000, "");
  assert.equal(kept[0].role, "user");
  assert.ok(kept.length <= 5 && kept.length >= 4);
  assert.equal(kept.at(-1)!.text, lines.at(-1)!.text);
  assert.deepEqual(cutHistory(lines, 1_000_000, ""), lines);
});

Deno.test("bindings choose the agent: a peer binding, then a channel binding, then the default", async () => {
  await using h = await agentHarness({
    wire: "anthropic",
    config: {
      agents: {
        list: [
          { id: "main" },
          { id: "work", bindings: [{ channel: "telegram" }] },
          { id: "family", bindings: [{ channel: "telegram", peerId: "555" }] },
        ],
      },
    },
  });
  const who = async (surface: string, peerId?: string) =>
    (await h.agent.turn({ message: "hi", origin: { surface, peerId } })).agentId;
  assert.equal(await who("telegram", "555"), "family");
  assert.equal(await who("telegram", "556"), "work");
  assert.equal(await who("cli"), "main");
  // Each agent uses its own credentials: "family" has none in agents/family/agent/.
  const family = await h.agent.turn({
    message: "hi",
    origin: { surface: "telegram", peerId: "555" },
  });
  assert.equal(family.error?.kind, "config");
});
