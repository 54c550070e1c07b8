/**
 * `openclaw agent --message`: through a running gateway (chat.send, here an
 * in-process gateway with a fake agent) when one answers, else in the CLI's
 * own process; exit 0 answered, 1 failed (reason on stderr), 2 usage.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { allOutput, runCli } from "./cli.ts";
import { testGateway, TOKEN } from "../gateway/harness.ts";
import { freePort } from "../helpers/ports.ts";
import { FakeAgent } from "../agent/fake-agent.ts";

async function writeConfig(home: string, port: number): Promise<void> {
  await Deno.mkdir(`${home}/.openclaw`, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(
    `${home}/.openclaw/openclaw.json`,
    JSON.stringify({
      gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: TOKEN } },
    }),
    { mode: 0o600 },
  );
}

Deno.test("openclaw agent: through the running gateway; the reply printed; failures exit 1", async () => {
  await using home = await tempDir();
  const agent = new FakeAgent().reply(
    { text: "Hello, I am your agent.", deltas: ["Hello, ", "I am your agent."] },
    { text: "The provider refused the key (401).", error: "auth" },
    "json reply",
  );
  await using gw = await testGateway({ agent, home: home.path });
  await writeConfig(home.path, gw.port);

  const plain = await runCli(["agent", "-m", "hi there", "--session", "work"], { home: home.path });
  assert.equal(plain.code, 0, allOutput(plain));
  assert.equal(plain.stdout, "Hello, I am your agent.\n");
  assert.equal(agent.requests[0].message, "hi there");
  assert.equal(agent.requests[0].sessionKey, "work");

  const failed = await runCli(["agent", "--message", "again"], { home: home.path });
  assert.equal(failed.code, 1, allOutput(failed));
  assert.equal(failed.stdout, "");
  assert.match(failed.stderr, /refused the key \(401\)/);

  const json = await runCli(["agent", "-m", "as json", "--agent", "main", "--json"], {
    home: home.path,
  });
  assert.equal(json.code, 0, allOutput(json));
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.ok, true);
  assert.equal(doc.via, "gateway");
  assert.equal(doc.text, "json reply");
  assert.equal(doc.sessionKey, "main");
  assert.match(doc.runId, /^[0-9a-f-]{36}$/);
  assert.equal(agent.requests[2].agentId, "main");
  assert.equal(agent.requests.length, 3);
});

Deno.test("openclaw agent: no gateway running → the turn is made in process; usage errors exit 2", async () => {
  await using home = await tempDir();
  await writeConfig(home.path, freePort());
  const r = await runCli(["agent", "-m", "hello", "--json"], { home: home.path });
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.via, "local");
  assert.equal(r.code, doc.ok ? 0 : 1, allOutput(r));
  assert.equal(typeof doc.text, "string");
  assert.ok(doc.text.length > 0);

  assert.equal((await runCli(["agent"], { home: home.path })).code, 2);
  assert.equal((await runCli(["agent", "-m", "  "], { home: home.path })).code, 2);
  assert.equal(
    (await runCli(["agent", "-m", "x", "--timeout", "soon"], { home: home.path })).code,
    2,
  );
});
