/**
 * Onboarding's "say hello to your agent": with --hello, one real chat.send
 * through the gateway at the configured port (here an in-process gateway
 * with a fake agent) — the reply is in the summary and in --json; with no
 * gateway answering, the hello says so and onboarding still succeeds.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { allOutput, ONBOARD_FLAGS, runCli } from "../e2e/cli.ts";
import { testGateway, TOKEN } from "../gateway/harness.ts";
import { freePort } from "../helpers/ports.ts";
import { FakeAgent } from "../agent/fake-agent.ts";
import { HELLO_MESSAGE } from "../../lib/onboard/steps/hello.ts";

const flags = (port: number) => [
  "onboard",
  ...ONBOARD_FLAGS,
  "--gateway-port",
  String(port),
  "--gateway-auth",
  "token",
  "--gateway-token",
  TOKEN,
  "--skip-daemon",
  "--skip-skills",
  "--skip-channels",
  "--hello",
];

Deno.test("onboard --hello: a round trip through the running gateway, reported in the summary and --json", async () => {
  await using home = await tempDir();
  const agent = new FakeAgent().reply("Hello! I am Claw, nice to meet you.", "Hi again.");
  await using gw = await testGateway({ agent });

  const json = await runCli([...flags(gw.port), "--json"], { home: home.path });
  assert.equal(json.code, 0, allOutput(json));
  const doc = JSON.parse(json.stdout);
  assert.deepEqual(doc.hello, {
    ok: true,
    text: "Hello! I am Claw, nice to meet you.",
    model: "fake/model",
  });
  assert.equal(agent.requests.length, 1);
  assert.equal(agent.requests[0].message, HELLO_MESSAGE);

  await using home2 = await tempDir();
  const text = await runCli(flags(gw.port), { home: home2.path });
  assert.equal(text.code, 0, allOutput(text));
  assert.match(text.stdout, /Hello +answered: Hi again\./);
});

Deno.test("onboard --hello with no gateway running: reported as not made, onboarding still succeeds", async () => {
  await using home = await tempDir();
  const r = await runCli([...flags(freePort()), "--json"], { home: home.path });
  assert.equal(r.code, 0, allOutput(r));
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.hello.ok, false);
  assert.equal(doc.hello.errorKind, "gateway");
  assert.match(doc.hello.text, /not running/);
});
