/**
 * The gateway's agent follows the config: built once, built again when the
 * file changes (an invalid file keeps the previous agent), tried again after
 * a failed build, and the last turn is remembered across rebuilds.
 */
import assert from "node:assert/strict";
import { ConfigAgentSource } from "../../lib/gateway/agent-source.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import { FakeAgent } from "../agent/fake-agent.ts";
import type { OpenclawConfig } from "../../lib/config/schema.ts";

Deno.test("agent source: rebuilt on a config change, kept on an invalid one, retried after a failure", async () => {
  await using home = await tempDir();
  const host = testHost({ home: home.path });
  const paths = resolvePaths(host);
  await Deno.mkdir(paths.stateDir, { recursive: true });
  const write = (text: string) => Deno.writeTextFile(paths.configPath, text);
  await write(JSON.stringify({ agents: { defaults: { model: "anthropic/one" } } }));

  const built: OpenclawConfig[] = [];
  let failNext = false;
  const logs: string[] = [];
  const source = new ConfigAgentSource({
    host,
    paths,
    log: (l) => void logs.push(l),
    create: (config) => {
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error("no model library"));
      }
      built.push(config);
      return Promise.resolve(new FakeAgent({ text: `from ${config.agents?.defaults?.model}` }));
    },
  });

  const a = await source.get();
  assert.equal(await source.get(), a, "the same agent while the file is unchanged");
  assert.equal(built.length, 1);
  const t1 = await a.turn({ message: "hi", origin: { surface: "cli" } });
  assert.equal(t1.text, "from anthropic/one");
  assert.equal(source.lastTurn()?.text, "from anthropic/one");

  await write(JSON.stringify({ agents: { defaults: { model: "openai/two" } } }) + "\n");
  const b = await source.get();
  assert.notEqual(b, a);
  assert.equal(
    (await b.turn({ message: "hi", origin: { surface: "cli" } })).text,
    "from openai/two",
  );

  await write("{ not json");
  assert.equal(await source.get(), b, "an invalid config keeps the previous agent");
  assert.ok(logs.some((l) => l.includes("not valid")));

  await write(JSON.stringify({ agents: { defaults: { model: "anthropic/three" } } }) + "\n\n");
  failNext = true;
  await assert.rejects(() => source.get(), /no model library/);
  const c = await source.get();
  assert.equal(
    (await c.turn({ message: "x", origin: { surface: "cli" } })).text,
    "from anthropic/three",
  );
  assert.equal(source.lastTurn()?.text, "from anthropic/three", "remembered across rebuilds");
});
