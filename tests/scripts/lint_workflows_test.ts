/**
 * scripts/lint-workflows.ts, which .ci/run runs: the project's workflows pass actionlint, and a
 * broken one fails it (the mistakes that would otherwise show only on release day).
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { HOSTED_LABELS, lintWorkflow } from "../../scripts/lint-workflows.ts";

const WORKFLOWS = fileURLToPath(new URL("../../.github/workflows/", import.meta.url));
const release = await Deno.readTextFile(`${WORKFLOWS}release.yml`);

Deno.test("lint-workflows: ci.yml and release.yml pass", async () => {
  for (const name of ["ci.yml", "release.yml"]) {
    const found = await lintWorkflow(await Deno.readTextFile(`${WORKFLOWS}${name}`), name);
    assert.deepEqual(found, [], name);
  }
});

Deno.test("lint-workflows: a broken release.yml fails, saying where and why", async () => {
  const cases: [string, string, string, RegExp][] = [
    [
      "a job output that does not exist",
      "needs.version.outputs.version }}",
      "needs.version.outputs.versoin }}",
      /versoin/,
    ],
    ["a job that does not exist", "needs: [version, build]", "needs: [version, biuld]", /biuld/],
    ["a misspelled key", "timeout-minutes: 30", "timeout-minutse: 30", /timeout-minutse/],
    ["a matrix value that does not exist", "matrix.runner }}", "matrix.runnr }}", /runnr/],
    [
      "broken YAML",
      "    steps:\n      - uses: actions/checkout@v4\n",
      "    steps:\n      - uses: actions/checkout@v4\n     x: 1\n",
      /./,
    ],
  ];
  for (const [what, from, to, says] of cases) {
    assert.ok(release.includes(from), `${what}: release.yml no longer has "${from}"`);
    const found = await lintWorkflow(release.replace(from, to), "release.yml");
    assert.ok(found.length > 0, `${what} passed the linter`);
    assert.match(found.map((f) => `${f.line}: ${f.message}`).join("\n"), says, what);
    assert.ok(found.every((f) => f.line > 0), `${what}: no line given`);
  }
});

Deno.test("lint-workflows: current hosted runner labels pass, an unknown one does not", async () => {
  const wf = (label: string) =>
    `on: push\njobs:\n  a:\n    runs-on: ${label}\n    steps:\n      - run: echo\n`;
  for (const label of HOSTED_LABELS) assert.deepEqual(await lintWorkflow(wf(label), "w.yml"), []);
  const found = await lintWorkflow(wf("ubuntu-24.04-armm"), "w.yml");
  assert.equal(found[0]?.kind, "runner-label");
});
