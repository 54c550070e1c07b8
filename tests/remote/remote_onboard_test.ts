/**
 * Remote mode against a real gateway on 127.0.0.1: the flow through the
 * scripted prompter (with a gateway "discovered" by a fake avahi-browse), and
 * the CLI black-box with the right token, a wrong token, nothing listening
 * and a bad URL; then `openclaw health` talks to the remote gateway.
 */
import assert from "node:assert/strict";
import { runOnboard } from "../../lib/onboard/run.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { readConfigFile } from "../../lib/config/store.ts";
import { ScriptedPrompter } from "../../lib/wizard/scripted-prompter.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import { testGateway, TOKEN } from "../gateway/harness.ts";
import { allOutput, runCli } from "../e2e/cli.ts";
import { freePort } from "../helpers/ports.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

async function configOf(home: string): Promise<Json> {
  const file = await readConfigFile(`${home}/.openclaw/openclaw.json`);
  assert.deepEqual(file.syntaxErrors, []);
  return file.data;
}

Deno.test("remote flow: a discovered gateway is offered, tried, and recorded", async () => {
  await using gw = await testGateway();
  await using home = await tempDir();
  const avahi =
    `=;lo;IPv4;openclaw\\032on\\032test;_openclaw-gw._tcp;local;test.local;127.0.0.1;${gw.port};""\n`;
  const host = testHost({
    home: home.path,
    onPath: ["avahi-browse"],
    runner: () => ({ code: 0, stdout: avahi, stderr: "" }),
  });
  const p = new ScriptedPrompter({
    "risk.accept": true,
    flow: "remote",
    "remote.discovered": `ws://127.0.0.1:${gw.port}/`,
    "remote.auth": "token",
    "remote.token": TOKEN,
  });
  const code = await runOnboard({
    host,
    paths: resolvePaths(host),
    options: parseOnboardOptions({}),
    prompter: p,
    command: "onboard",
  });
  assert.equal(code, 0);
  assert.deepEqual(p.asked, [
    "risk.accept",
    "flow",
    "remote.discovered",
    "remote.auth",
    "remote.token",
  ]);
  const offered = p.transcript.find((t) => t.id === "remote.discovered")?.offered as Json;
  assert.equal(offered.options[0], `ws://127.0.0.1:${gw.port}/`);
  assert.equal(offered.options.length, 2, "the found gateway, and typing a URL");
  assert.ok(p.transcript.some((t) => t.message.includes("answered (version")), "probe ok");

  const config = await configOf(home.path);
  assert.deepEqual(config.gateway, {
    mode: "remote",
    remote: { url: `ws://127.0.0.1:${gw.port}/`, token: TOKEN },
  });
  assert.equal(config.wizard.lastRunMode, "remote");
  assert.equal(config.agents, undefined, "remote mode sets up nothing local");
});

Deno.test("remote CLI: right token, wrong token, nothing listening, bad URL; health goes remote", async () => {
  await using gw = await testGateway();
  await using home = await tempDir();
  const base = ["onboard", "--non-interactive", "--accept-risk", "--mode", "remote", "--json"];

  const ok = await runCli([...base, "--remote-url", gw.url, "--remote-token", TOKEN], {
    home: home.path,
  });
  assert.equal(ok.code, 0, allOutput(ok));
  const summary: Json = JSON.parse(ok.stdout);
  assert.equal(summary.mode, "remote");
  assert.deepEqual(summary.remote, { url: gw.url, authMode: "token", probe: "ok" });
  assert.ok(!allOutput(ok).includes(TOKEN), "the token is never printed");

  const health = await runCli(["health", "--json"], { home: home.path });
  assert.equal(health.code, 0, allOutput(health));
  assert.equal(JSON.parse(health.stdout).url, gw.url);

  const wrong = await runCli(
    [...base, "--remote-url", gw.url, "--remote-token", "wrong-token-123"],
    {
      home: home.path,
    },
  );
  assert.equal(wrong.code, 0, "a rejected probe is a warning: the settings are saved");
  assert.equal(JSON.parse(wrong.stdout).remote.probe, "rejected");
  assert.match(wrong.stderr, /rejected the credentials/);

  const port = freePort();
  const off = await runCli(
    ["onboard", "--non-interactive", "--accept-risk", "--mode", "remote"].concat(
      ["--remote-url", `ws://127.0.0.1:${port}/`, "--remote-token", TOKEN],
    ),
    { home: home.path },
  );
  assert.equal(off.code, 0, allOutput(off));
  assert.match(off.stdout, /Reachable {3}no: nothing answered/);
  assert.ok(off.stdout.includes(`ssh -N -L ${port}:127.0.0.1:${port}`), off.stdout);
  assert.equal((await configOf(home.path)).gateway.remote.url, `ws://127.0.0.1:${port}/`);

  const before = await Deno.readTextFile(`${home.path}/.openclaw/openclaw.json`);
  const bad = await runCli([...base, "--remote-url", "http://example.test/"], { home: home.path });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--remote-url <url>: The remote URL starts with ws:\/\/ or wss:\/\//);
  assert.equal(await Deno.readTextFile(`${home.path}/.openclaw/openclaw.json`), before);

  await using other = await tempDir();
  const missing = await runCli([
    "onboard",
    "--non-interactive",
    "--accept-risk",
    "--mode",
    "remote",
  ], {
    home: other.path,
  });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--remote-url <url>/);
});
