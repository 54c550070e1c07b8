/**
 * `openclaw dashboard`'s decisions against a real gateway on 127.0.0.1 and a
 * recording host: start the gateway when the user says yes, open the browser
 * only with a desktop and without --no-open, keep --profile in every printed
 * command, and use gateway.remote.url in remote mode.
 */
import assert from "node:assert/strict";
import { runDashboard } from "../../lib/gateway/dashboard.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { type TestGateway, testGateway, TOKEN } from "./harness.ts";
import { type TestHost, testHost } from "../helpers/host.ts";
import { tempDir } from "../helpers/host.ts";
import { freePort } from "../helpers/ports.ts";

async function configure(stateDir: string, gateway: Record<string, unknown>): Promise<void> {
  await Deno.mkdir(stateDir, { recursive: true });
  await Deno.writeTextFile(`${stateDir}/openclaw.json`, JSON.stringify({ gateway }));
}

function dashboard(
  host: TestHost,
  opts: {
    profile?: string;
    open?: boolean;
    yes?: boolean;
    start?: (port: number) => Promise<string>;
  },
) {
  const asked: string[] = [];
  const done = runDashboard({
    host,
    paths: resolvePaths(host, opts.profile),
    open: opts.open ?? true,
    interactive: host.stdinIsTerminal && host.stdoutIsTerminal,
    confirm: (m) => {
      asked.push(m);
      return Promise.resolve(opts.yes ?? false);
    },
    startInBackground: opts.start,
    startWaitMs: 5000,
  });
  return { done, asked };
}

Deno.test("no gateway, in a terminal: yes starts it in the background, then the link is printed", async () => {
  await using home = await tempDir();
  const port = freePort();
  await configure(`${home.path}/.openclaw`, { port, auth: { mode: "token", token: TOKEN } });
  const host = testHost({ home: home.path, env: { USER: "ada" }, tty: true });
  let started: TestGateway | undefined;
  try {
    const d = dashboard(host, {
      yes: true,
      start: async (p) => {
        started = await testGateway({ settings: { port: p } });
        return "Started the gateway in the background.";
      },
    });
    assert.equal(await d.done, 0, host.err.join(""));
    assert.deepEqual(d.asked, ["Start the gateway in the background now?"]);
    assert.match(host.err.join(""), /No gateway is running at .*\nStarted the gateway/);
    const out = host.out.join("");
    assert.ok(out.includes(`Control UI: http://127.0.0.1:${port}/#token=${TOKEN}\n`), out);
    assert.match(out, new RegExp(`ssh -N -L ${port}:127\\.0\\.0\\.1:${port} ada@testhost`));
  } finally {
    await started?.[Symbol.asyncDispose]();
  }
});

Deno.test("no gateway, in a terminal, answer no: the commands to start it keep --profile", async () => {
  await using home = await tempDir();
  const port = freePort();
  await configure(`${home.path}/.openclaw-work`, { port, auth: { mode: "token", token: TOKEN } });
  const host = testHost({ home: home.path, tty: true });
  const d = dashboard(host, { profile: "work", yes: false });
  assert.equal(await d.done, 1);
  assert.equal(d.asked.length, 1);
  const err = host.err.join("");
  assert.match(err, new RegExp(`--profile work gateway run --port ${port}\n`));
  assert.match(err, /--profile work daemon install\n/);
  assert.match(err, /--profile work dashboard\n/);
  assert.equal(host.out.join(""), "");
});

Deno.test("with a desktop the signed-in link opens in the browser, not with --no-open", async () => {
  await using gw = await testGateway();
  await configure(`${gw.home}/.openclaw`, {
    port: gw.port,
    auth: { mode: "token", token: TOKEN },
  });
  const host = testHost({
    home: gw.home,
    env: { DISPLAY: ":0" },
    onPath: ["xdg-open"],
    runner: () => ({ code: 0, stdout: "", stderr: "" }),
  });
  assert.equal(await dashboard(host, {}).done, 0);
  const url = `http://127.0.0.1:${gw.port}/#token=${TOKEN}`;
  assert.deepEqual(host.calls.map((c) => [c.cmd, ...c.args]), [["xdg-open", url]]);
  assert.match(host.out.join(""), /Opened it in your browser/);
  assert.ok(!host.out.join("").includes("ssh "), "a desktop needs no tunnel");

  host.calls.length = 0;
  assert.equal(await dashboard(host, { open: false }).done, 0);
  assert.deepEqual(host.calls, [], "--no-open opens nothing");
  // Over SSH there is no desktop here, even with DISPLAY forwarded.
  const ssh = testHost({
    home: gw.home,
    env: { DISPLAY: ":0", SSH_CONNECTION: "10.0.0.1 5 10.0.0.2 22", USER: "ada" },
    onPath: ["xdg-open"],
  });
  assert.equal(await dashboard(ssh, {}).done, 0);
  assert.deepEqual(ssh.calls, []);
  assert.match(ssh.out.join(""), /ssh -N -L/);
  // The gateway never saw the token in a log line.
  assert.ok(!gw.logs.join("\n").includes(TOKEN));
});

Deno.test("remote mode: the link is the remote gateway's, with gateway.remote's token", async () => {
  await using gw = await testGateway();
  await using home = await tempDir();
  await configure(`${home.path}/.openclaw`, {
    mode: "remote",
    remote: { url: gw.url, token: TOKEN },
  });
  const host = testHost({ home: home.path, env: { USER: "ada" } });
  assert.equal(await dashboard(host, {}).done, 0, host.err.join(""));
  const out = host.out.join("");
  assert.ok(out.includes(`Control UI: http://127.0.0.1:${gw.port}/#token=${TOKEN}\n`), out);
  assert.ok(!out.includes("ssh -N"), "no tunnel to this machine for a remote gateway");

  // A remote gateway that is down: said so, nothing started, no offer.
  await gw.shutdown();
  const down = testHost({ home: home.path, tty: true });
  const d = dashboard(down, { yes: true });
  assert.equal(await d.done, 1);
  assert.deepEqual(d.asked, []);
  assert.match(down.err.join(""), /remote gateway .* is not reachable/);
});

Deno.test("onboarding's next step: points to dashboard; opens the signed-in UI only if a gateway answers", async () => {
  const { dashboardNextSteps } = await import("../../lib/gateway/dashboard.ts");
  await using gw = await testGateway();
  await configure(`${gw.home}/.openclaw`, {
    port: gw.port,
    auth: { mode: "token", token: TOKEN },
  });
  const desktop = () =>
    testHost({
      home: gw.home,
      env: { DISPLAY: ":0" },
      onPath: ["xdg-open"],
      runner: () => ({ code: 0, stdout: "", stderr: "" }),
    });
  const paths = resolvePaths(desktop());
  const up = desktop();
  const lines = await dashboardNextSteps(up, paths, { open: true });
  assert.deepEqual(up.calls.map((c) => c.args[0]), [`http://127.0.0.1:${gw.port}/#token=${TOKEN}`]);
  assert.ok(!lines.join("\n").includes(TOKEN), "the summary never holds the token");
  assert.match(lines.join("\n"), /openclaw dashboard/);

  await gw.shutdown();
  const down = desktop();
  assert.deepEqual(await dashboardNextSteps(down, paths, { open: true, timeoutMs: 500 }), [
    "Open the Control UI, signed in: openclaw dashboard",
  ]);
  assert.deepEqual(down.calls, [], "no browser on a gateway that will not answer");
});
