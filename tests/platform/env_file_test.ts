/**
 * One writer, one reader for ~/.openclaw/.env, and both agree with the
 * other two readers of the file: sh (the background launcher sources it)
 * and systemd (EnvironmentFile=). systemd's parser is checked through its
 * environment.d generator, which uses the same env-file parser but then
 * expands $VAR (EnvironmentFile= does not) and drops empty assignments, so
 * values with `$` and the empty value are checked against sh only.
 */
import assert from "node:assert/strict";
import { parseEnvFile, withEnvVar } from "../../lib/platform/env-file.ts";
import { tempDir } from "../helpers/host.ts";

const AWKWARD: string[] = [
  'sk-a"b\\c`d',
  "plain-key_1.2:3/4@5+6=7,8",
  "",
  "with space",
  "  leading and trailing  ",
  "has # hash",
  "#starts-with-hash",
  "dollar $HOME and ${PATH} and $(id)",
  "back`tick`",
  "single ' quote",
  'double " quote',
  "back\\slash\\\\double\\n-not-a-newline\\",
  "semi;colon|pipe&amp<>",
  "üñíçødé ✓ 日本語 🔑",
  "tab\there",
  "=starts-with-equals",
  "'already-single-quoted'",
  '"already-double-quoted"',
];

Deno.test("every awkward value reads back exactly as written", () => {
  for (const v of AWKWARD) {
    const text = withEnvVar("# mine\nOTHER=1\n", "X", v);
    const read = parseEnvFile(text);
    assert.equal(read.get("X"), v, `${JSON.stringify(v)} was written as ${text}`);
    assert.equal(read.get("OTHER"), "1");
  }
});

Deno.test("setting a key again replaces its value and keeps every other line", () => {
  let text = withEnvVar("# comment\nA=1\nX=old\nB='two'\n", "X", 'new "v"');
  text = withEnvVar(text, "X", "newer\\v");
  assert.equal(text, "# comment\nA=1\nX=\"newer\\\\v\"\nB='two'\n");
  assert.equal(parseEnvFile(text).get("X"), "newer\\v");
});

Deno.test("values that a line-based reader cannot hold (newlines, NUL) are refused", () => {
  for (const v of ["a\nb", "a\rb", "a\0b"]) {
    assert.throws(() => withEnvVar("", "X", v), /line break|NUL/);
  }
});

Deno.test("sh reads every value the way openclaw does", async () => {
  await using dir = await tempDir();
  const file = `${dir.path}/env`;
  for (const v of AWKWARD) {
    await Deno.writeTextFile(file, withEnvVar(undefined, "X", v));
    const out = await new Deno.Command("sh", {
      args: ["-c", '. "$0"; printf %s "$X"', file],
      env: { LC_ALL: "C.UTF-8" },
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    assert.equal(new TextDecoder().decode(out.stdout), v, `sh read ${JSON.stringify(v)} otherwise`);
  }
});

const GENERATOR = "/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator";
const hasGenerator = await Deno.stat(GENERATOR).then(() => true, () => false);

Deno.test({
  name: "systemd's env-file parser reads every value the way openclaw does",
  ignore: !hasGenerator || Deno.build.os !== "linux",
  fn: async () => {
    await using dir = await tempDir();
    await Deno.mkdir(`${dir.path}/environment.d`);
    const values = AWKWARD.filter((v) => v !== "" && !v.includes("$"));
    let text = "";
    values.forEach((v, i) => text = withEnvVar(text, `X${i}`, v));
    await Deno.writeTextFile(`${dir.path}/environment.d/openclaw.conf`, text);
    const out = await new Deno.Command(GENERATOR, {
      clearEnv: true,
      env: { XDG_CONFIG_HOME: dir.path },
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    // The generator prints what it read as KEY="escaped" lines: the same format.
    const read = parseEnvFile(new TextDecoder().decode(out.stdout));
    // ...except that it writes a tab as the two characters \t.
    values.forEach((v, i) =>
      assert.equal(
        read.get(`X${i}`),
        v.replaceAll("\t", "\\t"),
        `systemd read ${JSON.stringify(v)}`,
      )
    );
  },
});

Deno.test("hand-written files: comments, export, quotes, systemd's escapes", () => {
  const m = parseEnvFile(
    '# c\n; also a comment\n  export A=1\nB = \'two\\n\'\nC="3"\nD=un\\qu\\\\x  \nE="a\\qb"\nbad line\n=x\n',
  );
  assert.deepEqual([...m], [["A", "1"], ["B", "two\\n"], ["C", "3"], ["D", "unqu\\x"], [
    "E",
    "a\\qb",
  ]]);
});
