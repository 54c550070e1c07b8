/**
 * Linking WhatsApp up to the QR display: WhatsApp's servers cannot be
 * reached from tests, so a stand-in socket plays the server's part (QR,
 * restart after the scan, open, logged out). One test runs the real library
 * (Baileys) against a closed local port to show it loads and fails clearly.
 */
import assert from "node:assert/strict";
import {
  baileysFactory,
  type ConnectionUpdate,
  type LinkSocket,
  LOGGED_OUT,
  RESTART_REQUIRED,
  whatsappLogin,
} from "../../lib/channels/whatsapp/login.ts";
import { ActionableError } from "../../lib/errors.ts";
import { modeOf, tempDir, testHost } from "../helpers/host.ts";
import { FakeClock } from "../helpers/clock.ts";

/** A socket that replays `script` (one list of updates per connection). */
function scriptedFactory(script: ConnectionUpdate[][]) {
  let n = 0;
  const opened: number[] = [];
  const factory = (authDir: string): Promise<LinkSocket> => {
    const updates = script[n] ?? [];
    const index = n++;
    opened.push(index);
    return Promise.resolve({
      onUpdate: (cb) => {
        (async () => {
          for (const u of updates) {
            await new Promise((r) => setTimeout(r, 5));
            if (u.connection === "open") {
              await Deno.writeTextFile(`${authDir}/creds.json`, "{}", { mode: 0o644 });
            }
            cb(u);
          }
        })();
      },
      me: () => "15551234567:3@s.whatsapp.net",
      end: () => {},
    });
  };
  return { factory, opened };
}

const close = (statusCode: number, message = "closed") => ({
  connection: "close" as const,
  lastDisconnect: { error: { message, output: { statusCode } } },
});

Deno.test("whatsapp login: shows the QR code, reconnects once after the scan, saves creds 0600", async () => {
  await using home = await tempDir();
  const authDir = `${home.path}/.openclaw/credentials/whatsapp/default`;
  const out: string[] = [];
  const { factory, opened } = scriptedFactory([
    [
      { connection: "connecting" },
      { qr: "2@first-ref,key,adv" },
      close(RESTART_REQUIRED, "restart required"),
    ],
    [{ connection: "connecting" }, { connection: "open" }],
  ]);
  const r = await whatsappLogin({
    host: testHost({ home: home.path }),
    authDir,
    factory,
    write: (t) => void out.push(t),
  });
  assert.equal(r.account, "15551234567:3@s.whatsapp.net");
  assert.deepEqual(opened, [0, 1]);
  const text = out.join("");
  assert.match(text, /Settings → Linked devices → Link a device/);
  assert.match(text, /[▄▀█]{5,}/, "a QR code drawn with block characters");
  assert.equal(await modeOf(authDir), 0o700);
  assert.equal(await modeOf(`${authDir}/creds.json`), 0o600);
});

Deno.test("whatsapp login: logged out, closed before any QR, and a QR never scanned are clear errors", async () => {
  await using home = await tempDir();
  const authDir = `${home.path}/wa`;
  const host = testHost({ home: home.path });
  const cases: [ConnectionUpdate[][], RegExp, number?][] = [
    [[[{ qr: "2@x" }, close(LOGGED_OUT)]], /refused the link \(logged out\)/],
    [[[close(408, "Connection Failure")]], /could not reach WhatsApp Web \(offline\?\)/],
    [[[{ qr: "2@x" }]], /not scanned in time/, 100],
  ];
  for (const [script, pattern, timeoutMs] of cases) {
    const clock = new FakeClock();
    const login = whatsappLogin({
      host,
      authDir,
      factory: scriptedFactory(script).factory,
      write: () => {},
      timeoutMs,
      clock,
    });
    if (timeoutMs !== undefined) {
      let ended = false;
      login.then(() => (ended = true), () => (ended = true));
      await clock.timersSet(1); // the QR code is shown and its deadline runs
      await clock.advance(timeoutMs - 1);
      assert.equal(ended, false, "not given up before the deadline");
      await clock.advance(1);
    }
    await assert.rejects(
      login,
      (e: Error) => {
        assert.ok(e instanceof ActionableError);
        assert.match(e.message, pattern);
        return true;
      },
    );
  }
});

Deno.test({
  name: "whatsapp login with the real library: no server to reach is reported, not a crash",
  // Baileys runs in a worker process; the login must stop it and leave nothing running.
  async fn() {
    await using home = await tempDir();
    const host = testHost({
      home: home.path,
      env: { OPENCLAW_WHATSAPP_WS_URL: "ws://127.0.0.1:1/ws/chat" },
    });
    await assert.rejects(
      whatsappLogin({
        host,
        authDir: `${home.path}/wa`,
        factory: baileysFactory(host),
        write: () => {},
        timeoutMs: 20_000,
      }),
      /could not reach WhatsApp Web \(offline\?\)/,
    );
  },
});

Deno.test("whatsapp login: a worker that cannot start (no registry) is a clear error, not 'offline'", async () => {
  await using home = await tempDir();
  // A stand-in for deno: it fails the way a first run without the npm registry does.
  const fake = `${home.path}/deno`;
  await Deno.writeTextFile(
    fake,
    `#!/bin/sh\nenv > '${home.path}/env'\n` +
      "echo 'Download https://registry.npmjs.org/@whiskeysockets%2fbaileys' >&2\n" +
      "echo 'error: invalid peer certificate: UnknownIssuer' >&2\nexit 1\n",
    { mode: 0o755 },
  );
  const host = testHost({ home: home.path });
  // A secret in our environment must not reach Baileys' process.
  Deno.env.set("OPENCLAW_TEST_SECRET_TOKEN", "must-not-reach-the-worker");
  using _ = { [Symbol.dispose]: () => Deno.env.delete("OPENCLAW_TEST_SECRET_TOKEN") };
  await assert.rejects(
    whatsappLogin({
      host,
      authDir: `${home.path}/wa`,
      factory: baileysFactory(host, { standalone: false, execPath: fake }),
      write: () => {},
      timeoutMs: 10_000,
    }),
    (e: Error) => {
      assert.ok(e instanceof ActionableError);
      assert.match(e.message, /WhatsApp library \(Baileys\) could not start: error: invalid peer/);
      assert.match(e.message, /DENO_TLS_CA_STORE=system/);
      return true;
    },
  );
  const env = await Deno.readTextFile(`${home.path}/env`);
  assert.doesNotMatch(env, /must-not-reach-the-worker/);
  assert.match(env, /^NO_COLOR=1$/m);
});
