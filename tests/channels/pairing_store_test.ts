/**
 * The pairing store on its own: codes, expiry, the cap on waiting requests,
 * bad input, and the file modes (it decides who reaches the agent).
 */
import assert from "node:assert/strict";
import { resolvePaths } from "../../lib/config/paths.ts";
import {
  CODE_ALPHABET,
  MAX_PENDING,
  PairingStore,
  validateCode,
} from "../../lib/channels/pairing-store.ts";
import { ActionableError } from "../../lib/errors.ts";
import { modeOf, tempDir, testHost } from "../helpers/host.ts";

const T0 = new Date("2026-11-28T10:00:00Z");

function storeAt(home: string, now: Date) {
  const host = testHost({ home, now });
  return { store: new PairingStore(host, resolvePaths(host)), paths: resolvePaths(host) };
}

Deno.test("pairing store: a code per sender, 8 unambiguous characters, files 0600 in a 0700 folder", async () => {
  await using home = await tempDir();
  const { store, paths } = storeAt(home.path, T0);
  const r = await store.request("telegram", { senderId: "1", chatId: "1", name: "@a" });
  assert.equal(r.status, "created");
  const code = r.request.code;
  assert.equal(code.length, 8);
  assert.ok([...code].every((c) => CODE_ALPHABET.includes(c)));
  assert.ok(!/[01OI]/.test(code));
  const again = await store.request("telegram", { senderId: "1", chatId: "1" });
  assert.equal(again.status, "pending");
  assert.equal((await store.pending("telegram")).length, 1);
  assert.equal(await modeOf(`${paths.credentialsDir}/telegram-pairing.json`), 0o600);
  assert.equal(await modeOf(paths.credentialsDir), 0o700);
});

Deno.test("pairing store: at most 3 waiting requests per channel; approve frees a slot", async () => {
  await using home = await tempDir();
  const { store } = storeAt(home.path, T0);
  const codes: string[] = [];
  for (let i = 0; i < MAX_PENDING; i++) {
    const r = await store.request("telegram", { senderId: String(i) });
    assert.equal(r.status, "created");
    if (r.status === "created") codes.push(r.request.code);
  }
  assert.equal((await store.request("telegram", { senderId: "99" })).status, "full");
  // Another channel has its own queue.
  assert.equal((await store.request("discord", { senderId: "99" })).status, "created");
  const approved = await store.approve("telegram", codes[0]);
  assert.equal(approved.senderId, "0");
  assert.ok(await store.isApproved("telegram", "0"));
  assert.ok(!await store.isApproved("discord", "0"));
  assert.equal((await store.request("telegram", { senderId: "99" })).status, "created");
});

Deno.test("pairing store: unknown, malformed and expired codes are clear errors", async () => {
  await using home = await tempDir();
  const { store } = storeAt(home.path, T0);
  const r = await store.request("telegram", { senderId: "5" });
  const code = r.status === "created" ? r.request.code : "";
  await assert.rejects(store.approve("telegram", "ABCDEFGH"), (e: Error) => {
    assert.ok(e instanceof ActionableError);
    assert.match(
      e.message,
      /No telegram pairing request has the code ABCDEFGH.*openclaw pairing list telegram/s,
    );
    return true;
  });
  await assert.rejects(store.approve("telegram", "abc"), /8 letters and digits/);
  assert.match(validateCode("0OOOOOOO") ?? "", /8 letters/);
  assert.equal(validateCode(code.toLowerCase().slice(0, 4) + "-" + code.slice(4)), undefined);

  // Two hours later the code has expired: approving it says so, and it is no longer listed.
  const later = storeAt(home.path, new Date(T0.getTime() + 2 * 3600_000)).store;
  assert.deepEqual(await later.pending("telegram"), []);
  await assert.rejects(later.approve("telegram", code), /expired.*message the bot again/s);
  assert.ok(!await later.isApproved("telegram", "5"));
  // The sender may ask again and gets a fresh code.
  const fresh = await later.request("telegram", { senderId: "5" });
  assert.equal(fresh.status, "created");
});
