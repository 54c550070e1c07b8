/**
 * `openclaw dashboard` as a user runs it: a real gateway (`main.ts gateway
 * run` with a temp HOME), then `main.ts dashboard --no-open` with the same
 * HOME; the printed URL opened in headless Chromium signs the Control UI in,
 * the credential leaves the address bar, and the gateway never logs it.
 * Without a gateway, dashboard says so and prints a command that starts one
 * as printed.
 */
import assert from "node:assert/strict";
import { runCli } from "../e2e/cli.ts";
import { gatewayArgv, type GatewayProcess, spawnGateway } from "./harness.ts";
import { tempDir } from "../helpers/host.ts";
import { Browser, chromiumAvailable } from "./cdp.ts";
import { freePort } from "../helpers/ports.ts";

const TOKEN = "dash-token-0123456789abcdef";
const PASSWORD = "dash pass/word+&=#1";
const available = await chromiumAvailable();

async function writeConfig(home: string, gateway: Record<string, unknown>): Promise<void> {
  await Deno.mkdir(`${home}/.openclaw`, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(`${home}/.openclaw/openclaw.json`, JSON.stringify({ gateway }));
}

/** `argv` (the gateway by default) in the background with the temp HOME; it must say it runs. */
async function gatewayRun(home: string, argv = gatewayArgv()): Promise<GatewayProcess> {
  const gw = await spawnGateway(home, argv);
  const out = gw.stdout() + gw.stderr();
  if (!gw.stdout().includes("Gateway running")) await gw[Symbol.asyncDispose]();
  assert.ok(gw.stdout().includes("Gateway running"), `not ready: ${out}`);
  return gw;
}

/** The page at the printed URL signs in by itself and drops the secret from the address. */
async function signedIn(b: Browser, secret: string, mode: string): Promise<void> {
  await b.waitFor(`!document.getElementById('health-section').hidden`);
  await b.waitFor(`document.getElementById('health-status').textContent !== '…'`);
  assert.equal(await b.eval(`document.getElementById('health-auth').textContent`), mode);
  const href: string = await b.eval(`location.href`);
  assert.ok(!href.includes("#"), `the address bar still holds a fragment: ${href}`);
  assert.ok(!href.includes(encodeURIComponent(secret)) && !href.includes(secret));
  // A reload in the same tab stays signed in (sessionStorage), without the fragment.
  await b.eval(`location.reload(), true`);
  await b.waitFor(`!document.getElementById('health-section').hidden`);
  assert.deepEqual(b.consoleErrors, []);
}

function printedUrl(stdout: string, key: string): string {
  const m = new RegExp(`^Control UI: (http://127\\.0\\.0\\.1:\\d+/#${key}=\\S+)$`, "m").exec(
    stdout,
  );
  assert.ok(m, `no Control UI URL with #${key}= in:\n${stdout}`);
  return m[1];
}

Deno.test({
  name: "dashboard --no-open: the printed URL signs the Control UI in with the token (Chromium)",
  ignore: !available,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using home = await tempDir();
    const port = freePort();
    await writeConfig(home.path, { port, auth: { mode: "token", token: TOKEN } });
    await using gw = await gatewayRun(home.path);
    const r = await runCli(["dashboard", "--no-open"], {
      home: home.path,
      env: { USER: "ada" },
    });
    assert.equal(r.code, 0, r.stderr);
    const url = printedUrl(r.stdout, "token");
    assert.ok(!url.includes("?"), "never in the query string");
    // Headless here (no DISPLAY): the tunnel command names the real user and this machine.
    assert.match(
      r.stdout,
      new RegExp(`^ {2}ssh -N -L ${port}:127\\.0\\.0\\.1:${port} ada@\\S+$`, "m"),
    );
    assert.ok(!r.stdout.includes("you@"));
    await using b = await Browser.open(url);
    await signedIn(b, TOKEN, "token");
    assert.ok(!(gw.stdout() + gw.stderr()).includes(TOKEN), "the gateway logged the token");
  },
});

Deno.test({
  name: "dashboard --no-open: password auth puts #password= and the page signs in with it",
  ignore: !available,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using home = await tempDir();
    const port = freePort();
    await writeConfig(home.path, { port, auth: { mode: "password", password: PASSWORD } });
    await using gw = await gatewayRun(home.path);
    const r = await runCli(["dashboard", "--no-open"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    const url = printedUrl(r.stdout, "password");
    assert.ok(!r.stdout.includes("token"), `password auth, yet the text says token:\n${r.stdout}`);

    // The plain address, in a fresh browser: the form asks for the password, not a token.
    await using b = await Browser.open(url.replace(/#.*/, ""));
    await b.waitFor(`document.getElementById('auth-kind') !== null`);
    assert.equal(await b.eval(`document.getElementById('auth-kind').value`), "password");
    assert.equal(
      await b.eval(`document.getElementById('auth-secret-label').textContent`),
      "Password",
    );
    // A wrong password in the fragment: refused, and the form still says password.
    await b.send("Page.navigate", { url: url.replace(/#password=.*/, "#password=wrong-one-here") });
    const err = await b.waitFor(`document.getElementById('connect-error').textContent`);
    assert.match(err, /password is wrong/);
    assert.equal(await b.eval(`document.getElementById('auth-kind').value`), "password");
    assert.match(await b.eval(`document.getElementById('auth-secret').placeholder`), /password/i);
    assert.ok(!(await b.eval(`location.href`)).includes("#"));
    // The right link pasted into the same tab (only the fragment changes: no reload) signs in.
    await b.send("Page.navigate", { url });
    await signedIn(b, PASSWORD, "password");
    assert.ok(!(gw.stdout() + gw.stderr()).includes(PASSWORD), "the gateway logged the password");
  },
});

Deno.test({
  name: "dashboard without a gateway: says so and prints a start command that runs as printed",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using home = await tempDir();
    const port = freePort();
    await writeConfig(home.path, { port, auth: { mode: "token", token: TOKEN } });
    const r = await runCli(["dashboard", "--no-open"], { home: home.path });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, new RegExp(`No gateway is running at http://127\\.0\\.0\\.1:${port}/`));
    assert.ok(!(r.stdout + r.stderr).includes(TOKEN), "no link without a gateway");
    // The command on its own line, after "Start it …:", runs as printed.
    const m = /Start it in another terminal with:\n {2}(.+)\n/.exec(r.stderr);
    assert.ok(m, r.stderr);
    const argv = m[1].split(" ");
    assert.ok(argv.every((a) => !/['"\\]/.test(a)), "plain words in this temp HOME");
    await using _gw = await gatewayRun(home.path, argv);
    const again = await runCli(["dashboard", "--no-open"], { home: home.path });
    assert.equal(again.code, 0, again.stderr);
    printedUrl(again.stdout, "token");
  },
});

Deno.test({
  name: "Control UI on a loopback gateway without auth connects at once, nothing to type",
  ignore: !available,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const { testGateway } = await import("./harness.ts");
    await using gw = await testGateway({ auth: { mode: "none" } });
    await using b = await Browser.open(gw.httpUrl);
    await b.waitFor(`!document.getElementById('health-section').hidden`);
    // The section shows before the first health answer fills it ('…'): wait for the answer.
    await b.waitFor(`document.getElementById('health-auth').textContent !== '…'`);
    assert.equal(await b.eval(`document.getElementById('health-auth').textContent`), "none");
  },
});
