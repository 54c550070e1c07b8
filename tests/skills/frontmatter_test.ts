/**
 * SKILL.md parsing: the fields the frontmatter declares, and for each kind
 * of broken file, the message and the line it points at.
 */
import assert from "node:assert/strict";
import { parseSkillFile } from "../../lib/skills/frontmatter.ts";
import { BUNDLED_SKILLS } from "../../lib/skills/bundled/index.ts";

const info = { file: "ws/skills/x/SKILL.md", source: "workspace" as const, folderName: "x" };

Deno.test("a full frontmatter: name, description, requirements and every recipe kind", () => {
  const text = [
    "---", //                                   1
    "name: github", //                          2
    "description: GitHub through gh.", //       3
    "metadata:", //                             4
    "  openclaw:", //                           5
    '    emoji: "🐙"',
    "    os: [darwin, linux]",
    "    requires:",
    "      bins: [gh]",
    "      anyBins: [python3, python]",
    "      env: [GH_TOKEN]",
    "      config: [gateway.port]",
    "    install:",
    "      - { id: brew, kind: brew, formula: gh, bins: [gh] }",
    "      - { kind: node, package: '@scope/tool@1.2', bins: [tool], label: Tool }",
    "      - kind: download",
    "        url: https://example.com/gh.tar.gz",
    `        sha256: ${"a".repeat(64)}`,
    "        archive: tar.gz",
    "---",
    "",
    "# GitHub",
    "Use gh.",
  ].join("\n");
  const { skill, problems } = parseSkillFile(text, info);
  assert.deepEqual(problems, []);
  assert.ok(skill);
  assert.equal(skill.name, "github");
  assert.equal(skill.description, "GitHub through gh.");
  assert.equal(skill.emoji, "🐙");
  assert.deepEqual(skill.os, ["darwin", "linux"]);
  assert.deepEqual(skill.requires, {
    bins: ["gh"],
    anyBins: ["python3", "python"],
    env: ["GH_TOKEN"],
    config: ["gateway.port"],
  });
  assert.deepEqual(skill.install.map((r) => [r.id, r.kind]), [
    ["brew", "brew"],
    ["node-1", "node"],
    ["download-2", "download"],
  ]);
  assert.equal(skill.body, "# GitHub\nUse gh.");
});

Deno.test("metadata as one-line JSON (the public format) and the folder name as default name", () => {
  const text = '---\ndescription: d\nmetadata: {"openclaw": {"requires": {"env": ["K"]}}}\n---\n';
  const { skill, problems } = parseSkillFile(text, info);
  assert.deepEqual(problems, []);
  assert.equal(skill?.name, "x");
  assert.deepEqual(skill?.requires, { env: ["K"] });
});

Deno.test("broken frontmatter: the message names the problem and the SKILL.md line", () => {
  const cases: [string, number, RegExp][] = [
    ["no frontmatter here", 1, /must start with a YAML frontmatter block/],
    ["---\nname: a\ndescription: b\n", 4, /not closed/],
    [
      "---\nname: a\ndescription: b\nmetadata:\n  openclaw:\n    requires: {bins: [gh]\n---\n",
      6,
      /invalid YAML: Flow map/,
    ],
    ['---\nname: a\n\ndescription: "open\n---\n', 4, /invalid YAML: Missing closing "quote/],
    ["---\nname: a\nname: b\ndescription: c\n---\n", 3, /Map keys must be unique/],
    ["---\nname: a\n---\n", 2, /description is required/],
    ["---\nname: bad name!\ndescription: c\n---\n", 2, /name is letters, digits/],
    [
      "---\ndescription: c\nmetadata:\n  openclaw:\n    requires:\n      bins: gh\n---\n",
      6,
      /requires\.bins: expected a list of names/,
    ],
    [
      "---\ndescription: c\nmetadata:\n  openclaw:\n    os: [beos]\n---\n",
      5,
      /OS is one of: darwin, linux, win32/,
    ],
    [
      "---\ndescription: c\nmetadata:\n  openclaw:\n    install:\n      - kind: brew\n" +
      "        bins: [gh]\n---\n",
      6,
      /exactly one of formula or cask/,
    ],
    [
      "---\ndescription: c\nmetadata:\n  openclaw:\n    install:\n      - kind: download\n" +
      "        url: https://x.test/a.zip\n---\n",
      6,
      /install\[0\] \(download\): sha256: .*never unpacked unverified/,
    ],
    [
      "---\ndescription: c\nmetadata:\n  openclaw:\n    install:\n      - kind: download\n" +
      `        url: http://x.test/a.zip\n        sha256: ${"0".repeat(64)}\n---\n`,
      7,
      /url must be an https:\/\/ address/,
    ],
    [
      '---\ndescription: c\nmetadata: "{not json"\n---\n',
      3,
      /metadata is a string but not valid JSON/,
    ],
  ];
  for (const [text, line, pattern] of cases) {
    const r = parseSkillFile(text, info);
    assert.equal(r.skill, undefined, `skipped: ${text}`);
    assert.equal(r.problems.length, 1, text);
    assert.equal(r.problems[0].file, info.file);
    assert.equal(r.problems[0].severity, "error");
    assert.match(r.problems[0].message, pattern, text);
    assert.equal(r.problems[0].line, line, `${r.problems[0].message}\n${text}`);
  }
});

Deno.test("a recipe of a kind openclaw does not run is dropped with a warning; the skill loads", () => {
  const text = "---\ndescription: c\nmetadata:\n  openclaw:\n    install:\n" +
    "      - kind: go\n        module: example.com/x@latest\n" +
    "      - kind: brew\n        formula: x\n---\n";
  const r = parseSkillFile(text, info);
  assert.ok(r.skill);
  assert.deepEqual(r.skill.install.map((i) => i.kind), ["brew"]);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].severity, "warning");
  assert.equal(r.problems[0].line, 6);
  assert.match(r.problems[0].message, /"go" is not one openclaw runs/);
});

Deno.test("every bundled skill parses cleanly and declares what it needs", () => {
  const names = new Set<string>();
  for (const b of BUNDLED_SKILLS) {
    const r = parseSkillFile(b.text, { file: b.folder, source: "bundled", folderName: b.folder });
    assert.deepEqual(r.problems, [], b.folder);
    assert.ok(r.skill, b.folder);
    assert.equal(r.skill.name, b.folder, "folder and name agree");
    assert.ok(r.skill.description.length > 20, `${b.folder} has a real description`);
    assert.ok(r.skill.body.length > 100, `${b.folder} has instructions`);
    const req = r.skill.requires;
    assert.ok((req.bins?.length ?? 0) + (req.env?.length ?? 0) > 0, `${b.folder} declares needs`);
    names.add(r.skill.name);
  }
  assert.equal(names.size, BUNDLED_SKILLS.length, "names are unique");
  assert.ok(BUNDLED_SKILLS.length >= 5);
});
