/**
 * A channel is one folder: every folder under lib/channels/ with a meta.ts
 * is registered, every registered channel's descriptor is complete, and the
 * shared files dispatch through the descriptors instead of naming channels.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { CHANNEL_IDS, CHANNEL_METAS, loadChannel } from "../../lib/channels/registry.ts";
import { questionId } from "../../lib/channels/flags.ts";
import { ChannelsConfigSchema } from "../../lib/channels/schemas.ts";
import { LEGACY_CHANNEL_KEYS } from "../../lib/config/legacy.ts";

const CHANNELS_DIR = fileURLToPath(new URL("../../lib/channels/", import.meta.url));

Deno.test("every folder with a meta.ts is a registered channel, and the other way round", async () => {
  const folders: string[] = [];
  for await (const e of Deno.readDir(CHANNELS_DIR)) {
    if (!e.isDirectory) continue;
    try {
      await Deno.stat(`${CHANNELS_DIR}${e.name}/meta.ts`);
      folders.push(e.name);
    } catch {
      // not a channel folder
    }
  }
  assert.deepEqual(folders.sort(), [...CHANNEL_IDS].sort());
});

Deno.test("every registered channel's meta is complete data", () => {
  for (const meta of CHANNEL_METAS) {
    const where = `channel ${meta.id}`;
    assert.match(meta.id, /^[a-z]+$/, where);
    assert.ok(meta.label.trim() && meta.hint.trim(), `${where}: label and hint`);
    const keys = meta.fields.map((f) => f.key);
    assert.ok(keys.includes("dmPolicy") && keys.includes("allowFrom"), `${where}: DM questions`);
    assert.equal(new Set(keys).size, keys.length, `${where}: one field per key`);
    for (const f of meta.fields) {
      assert.match(f.onboard, new RegExp(`^--${meta.id}-`), `${where}: ${f.key}'s onboard flag`);
      assert.ok(f.description.trim(), `${where}: ${f.key} is described`);
      assert.equal(questionId(meta.id, f.key), `channels.${meta.id}.${f.key}`);
      if (f.env) assert.match(f.env, /^[A-Z][A-Z0-9_]+$/, `${where}: ${f.key}'s variable`);
    }
    assert.ok(Object.keys(meta.config).length > 0, `${where}: config keys`);
    assert.ok(meta.legacyKeys.length > 0, `${where}: legacy keys`);
    for (const key of meta.legacyKeys) {
      assert.ok(
        LEGACY_CHANNEL_KEYS.some((l) => l.key === key && l.channel === meta.id),
        `${where}: legacy key ${key} is migrated`,
      );
    }
    assert.ok(meta.senderIds.hint.trim(), `${where}: sender id hint`);
    assert.equal(meta.senderIds.isId(""), false, `${where}: an empty entry is no id`);
  }
});

Deno.test("every registered channel loads one complete descriptor", async () => {
  for (const meta of CHANNEL_METAS) {
    const where = `channel ${meta.id}`;
    const d = await loadChannel(meta.id);
    assert.equal(d.meta, meta, `${where}: the descriptor carries its own meta`);
    assert.equal(typeof d.setup, "function", `${where}: setup`);
    assert.equal(typeof d.probe, "function", `${where}: probe`);
    assert.ok(d.schema.safeParse({}).success, `${where}: an empty section is valid`);
    assert.ok(!d.schema.safeParse({ dmPolicy: "nobody" }).success, `${where}: dmPolicy checked`);
    for (const key of Object.keys(meta.config)) {
      assert.ok(!d.schema.safeParse({ [key]: 42 }).success, `${where}: ${key} is checked`);
    }
    // The config loader checks each known section with the descriptor's schema.
    const section = ChannelsConfigSchema.safeParse({ [meta.id]: { enabled: "yes" } });
    assert.ok(!section.success, `${where}: channels.${meta.id} is checked by the config schema`);
  }
});

Deno.test("shared channel files dispatch through the descriptors: no switch on a channel id", async () => {
  for await (const e of Deno.readDir(CHANNELS_DIR)) {
    if (!e.isFile || !e.name.endsWith(".ts")) continue;
    const text = await Deno.readTextFile(`${CHANNELS_DIR}${e.name}`);
    for (const id of CHANNEL_IDS) {
      assert.ok(!text.includes(`case "${id}"`), `${e.name} has a case for ${id}`);
    }
  }
});

Deno.test("the gateway starts channels through their descriptors' runtimes, never by name", async () => {
  // Code, not comments: a channel's id in the runtime starter would mean it starts one by name.
  const code = (await Deno.readTextFile(`${CHANNELS_DIR}runtime.ts`))
    .split("\n").filter((l) => !/^\s*(\/\/|\*|\/\*\*)/.test(l)).join("\n");
  for (const id of CHANNEL_IDS) {
    const named = new RegExp(`"${id}"|channels\\??\\.${id}\\b|\\b${id}\\(`);
    assert.ok(!named.test(code), `runtime.ts names ${id}`);
  }
  const telegram = await loadChannel("telegram");
  assert.equal(telegram.runtime?.wanted({ botToken: "1:x" }), true);
  assert.equal(telegram.runtime?.wanted({ botToken: "1:x", enabled: false }), false);
  assert.equal(telegram.runtime?.wanted({}), false);
});
