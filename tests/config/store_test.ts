import assert from "node:assert/strict";
import {
  applyConfigEdits,
  detectFormatting,
  leafEdits,
  parseConfigText,
  readConfigFile,
  writeConfigText,
} from "../../lib/config/store.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { modeOf, tempDir, testHost } from "../helpers/host.ts";

const COMMENTED = `{
  // about a
  "a": 1, // trailing a
  // about b
  "b": 2, // trailing b
  // about c
  "c": 3
}
`;

Deno.test("store: removing a key takes its own comments and nobody else's", () => {
  assert.equal(
    applyConfigEdits(COMMENTED, [{ path: ["b"], value: undefined }]),
    `{\n  // about a\n  "a": 1, // trailing a\n  // about c\n  "c": 3\n}\n`,
  );
  // The last member: the comma before it goes, the previous line's comment stays.
  assert.equal(
    applyConfigEdits(COMMENTED, [{ path: ["c"], value: undefined }]),
    `{\n  // about a\n  "a": 1, // trailing a\n  // about b\n  "b": 2 // trailing b\n}\n`,
  );
  // Removing what is not there changes nothing.
  assert.equal(applyConfigEdits(COMMENTED, [{ path: ["zzz"], value: undefined }]), COMMENTED);
});

Deno.test("store: setting keys keeps comments, order and 4-space indentation", () => {
  const text = `// mine\n{\n    "z": true, // keep\n    "gateway": { "port": 1 }\n}\n`;
  const out = applyConfigEdits(text, [
    { path: ["gateway", "port"], value: 2 },
    { path: ["gateway", "bind"], value: "lan" },
  ]);
  assert.match(out, /^\/\/ mine\n/);
  assert.match(out, /"z": true, \/\/ keep/);
  assert.ok(out.indexOf('"z"') < out.indexOf('"gateway"'));
  assert.match(out, /\n {8}"bind": "lan"/);
  assert.deepEqual(parseConfigText(out).data, { z: true, gateway: { port: 2, bind: "lan" } });
});

Deno.test("store: appending members and elements leaves the previous ones and their comments alone", () => {
  const text = `{
  "agents": {
    "defaults": { "workspace": "/w" }, // inline, with a comment
    "list": [
      { "id": "keep" } // stays with keep
    ]
  },
  "x": 1 /* about x */
}
`;
  const edits = [
    { path: ["agents", "list", 1], value: { id: "ops" } },
    { path: ["agents", "extra"], value: 2 },
    { path: ["y"], value: "s" },
  ];
  const out = applyConfigEdits(text, edits);
  assert.ok(out.includes(`"defaults": { "workspace": "/w" }, // inline, with a comment\n`), out);
  assert.ok(
    out.includes(`{ "id": "keep" }, // stays with keep\n      {\n        "id": "ops"`),
    out,
  );
  assert.ok(out.includes(`"x": 1, /* about x */\n  "y": "s"\n}`), out);
  // Removing what was added gives back the very same text.
  const back = applyConfigEdits(out, edits.map((e) => ({ path: e.path, value: undefined })));
  assert.equal(back, text);
});

Deno.test("store: formatting detection (tabs, spaces, CRLF)", () => {
  assert.deepEqual(detectFormatting('{\n\t"a": 1\n}'), {
    insertSpaces: false,
    tabSize: 1,
    eol: "\n",
  });
  assert.deepEqual(detectFormatting('{\r\n    "a": 1\r\n}'), {
    insertSpaces: true,
    tabSize: 4,
    eol: "\r\n",
  });
});

Deno.test("store: syntax errors carry line and column", () => {
  const { syntaxErrors } = parseConfigText('{\n  "a": 1\n  "b": 2\n}');
  assert.equal(syntaxErrors[0].line, 3);
  assert.equal(syntaxErrors[0].column, 3);
});

Deno.test("store: leafEdits turns objects into one edit per leaf", () => {
  assert.deepEqual(leafEdits(["g"], { auth: { mode: "token", token: undefined }, port: 1 }), [
    { path: ["g", "auth", "mode"], value: "token" },
    { path: ["g", "port"], value: 1 },
  ]);
});

Deno.test("store: writes are 0600, keep the previous file as .bak, leave no temp files", async () => {
  await using home = await tempDir();
  const paths = resolvePaths(testHost({ home: home.path }));
  await writeConfigText(paths, '{ "a": 1 }');
  assert.equal(await modeOf(paths.configPath), 0o600);
  assert.equal(await modeOf(paths.stateDir), 0o700);
  await writeConfigText(paths, '{ "a": 2 }\n');
  assert.equal(await Deno.readTextFile(paths.backupPath), '{ "a": 1 }\n');
  assert.equal(await modeOf(paths.backupPath), 0o600);
  const names = [...Deno.readDirSync(paths.stateDir)].map((e) => e.name).sort();
  assert.deepEqual(names, ["openclaw.json", "openclaw.json.bak"]);
  assert.deepEqual((await readConfigFile(paths.configPath)).data, { a: 2 });
});

Deno.test("parseConfigText: an unfinished file names each problem place once", async () => {
  const { parseConfigText } = await import("../../lib/config/store.ts");
  const { syntaxErrors } = parseConfigText('{ "gateway": { "port": 18789 \n');
  const keys = syntaxErrors.map((p) => `${p.line}:${p.column}:${p.message}`);
  assert.ok(keys.length >= 1);
  assert.deepEqual(keys, [...new Set(keys)], JSON.stringify(syntaxErrors));
});

Deno.test("store: a member added to an inline container moves its siblings' text as it is", () => {
  const text = `{ "gateway": { "mode": "remote" }, "talk": { "a":   1, "b": [1,2] } }\n`;
  const out = applyConfigEdits(text, [{ path: ["wizard", "lastRunMode"], value: "remote" }]);
  // jsonc-parser would re-print "talk" (another program's key): its text must stay as written.
  assert.ok(out.includes(`"talk": { "a":   1, "b": [1,2] }`), out);
  assert.ok(out.includes(`"gateway": { "mode": "remote" }`), out);
  assert.deepEqual(parseConfigText(out).data, {
    gateway: { mode: "remote" },
    talk: { a: 1, b: [1, 2] },
    wizard: { lastRunMode: "remote" },
  });
});

Deno.test("store: setting a value the file already has changes nothing", () => {
  const text = `{ "gateway": { "mode": "remote", "remote": {"url":"ws://h:1"} } }\n`;
  const out = applyConfigEdits(text, [
    { path: ["gateway", "mode"], value: "remote" },
    { path: ["gateway", "remote"], value: { url: "ws://h:1" } },
  ]);
  assert.equal(out, text);
});
