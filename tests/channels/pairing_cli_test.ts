/**
 * `openclaw pairing list|approve` through the real CLI against pairing
 * files an attacker or an accident shaped (issue 12, minor 5 and 6): a file
 * of the wrong shape is reported with its path and a fix (exit 1, no stack,
 * the file left as it was), a request without expiresAt does not live
 * forever, and a sender's name never reaches the terminal with its control
 * characters.
 */
// deno-lint-ignore-file no-control-regex -- the test looks for control characters
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { allOutput, runCli } from "../e2e/cli.ts";

const FUTURE = "2999-01-01T00:00:00.000Z";

async function homeWith(files: Record<string, string>) {
  const home = await tempDir();
  const creds = `${home.path}/.openclaw/credentials`;
  await Deno.mkdir(creds, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(
    `${home.path}/.openclaw/openclaw.json`,
    JSON.stringify({ channels: { telegram: { botToken: "1:x" } } }),
    { mode: 0o600 },
  );
  for (const [name, text] of Object.entries(files)) {
    await Deno.writeTextFile(`${creds}/${name}`, text, { mode: 0o600 });
  }
  return home;
}

for (const bad of ["null", "[]", '{"requests":"x"}', '{"requests":[null]}', '{"requests":[{}]}']) {
  Deno.test(`pairing list/approve: a pairing file holding ${bad} is a clear error, kept as it was`, async () => {
    await using home = await homeWith({ "telegram-pairing.json": bad });
    const file = `${home.path}/.openclaw/credentials/telegram-pairing.json`;
    for (const args of [["pairing", "list"], ["pairing", "approve", "telegram", "ABCDEFGH"]]) {
      const r = await runCli(args, { home: home.path });
      assert.equal(r.code, 1, allOutput(r));
      assert.ok(r.stderr.includes("~/.openclaw/credentials/telegram-pairing.json"), r.stderr);
      assert.match(r.stderr, /Move it aside/);
      assert.doesNotMatch(r.stderr, /TypeError|\n\s+at /, "no stack trace");
    }
    assert.equal(await Deno.readTextFile(file), bad, "the user's file is not changed");
  });
}

Deno.test("pairing approve: an approved-senders file of the wrong shape is a clear error", async () => {
  await using home = await homeWith({
    "telegram-pairing.json": JSON.stringify({
      version: 1,
      requests: [{
        code: "ABCDEFGH",
        senderId: "5",
        createdAt: FUTURE,
        expiresAt: FUTURE,
      }],
    }),
    "telegram-allowFrom.json": '{"allowFrom":{}}',
  });
  const r = await runCli(["pairing", "approve", "telegram", "ABCDEFGH"], { home: home.path });
  assert.equal(r.code, 1, allOutput(r));
  assert.match(r.stderr, /telegram-allowFrom\.json/);
  assert.doesNotMatch(r.stderr, /TypeError|\n\s+at /);
});

Deno.test("pairing: a request without expiresAt has expired (it cannot be approved or live forever)", async () => {
  await using home = await homeWith({
    "telegram-pairing.json": JSON.stringify({
      version: 1,
      requests: [{ code: "ABCDEFGH", senderId: "5", createdAt: "2020-01-01T00:00:00.000Z" }],
    }),
  });
  const list = await runCli(["pairing", "list"], { home: home.path });
  assert.equal(list.code, 0, allOutput(list));
  assert.match(list.stdout, /No telegram pairing requests are waiting/);
  const approve = await runCli(["pairing", "approve", "telegram", "ABCDEFGH"], {
    home: home.path,
  });
  assert.equal(approve.code, 1, allOutput(approve));
  assert.match(approve.stderr, /expired/);
});

const HOSTILE = "Mallory\x1b[2J\x1b]0;pwned\x07\nApproved 666 on telegram\r\u202eevil\x9b31m";

Deno.test("pairing list/approve: a sender's name is printed without control characters", async () => {
  await using home = await homeWith({
    "telegram-pairing.json": JSON.stringify({
      version: 1,
      requests: [{
        code: "ABCDEFGH",
        senderId: "5",
        name: HOSTILE,
        createdAt: FUTURE,
        expiresAt: FUTURE,
      }],
    }),
  });
  const list = await runCli(["pairing", "list"], { home: home.path });
  assert.equal(list.code, 0, allOutput(list));
  const approve = await runCli(["pairing", "approve", "telegram", "ABCDEFGH"], {
    home: home.path,
  });
  assert.equal(approve.code, 0, allOutput(approve));
  for (const out of [list.stdout, approve.stdout]) {
    assert.doesNotMatch(out, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/, JSON.stringify(out));
    assert.match(out, /Mallory Approved 666 on telegram evil/);
  }
  assert.equal(list.stdout.split("\n").length, 4, "one line per request");
  assert.match(approve.stdout, /^Approved Mallory Approved 666 on telegram evil \(5\) on telegram/);
});
