/**
 * The README is a newcomer's page and docs/ holds the reference (issue 13,
 * section 7). These checks keep it that way: the README stays short and
 * readable in a terminal, no link in it or in docs/ points at a file that is
 * not there, and the test command it tells people to run is the very one CI
 * runs (.ci/run), so the first thing a newcomer tries is what is tested.
 */
import assert from "node:assert/strict";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const README = join(ROOT, "README.md");
const DOCS = join(ROOT, "docs");

/** The README's size limit: what a newcomer reads in one sitting. */
const MAX_README_BYTES = 15 * 1024;
/** deno fmt wraps prose at 100 columns; a longer line is a table or a pasted blob. */
const MAX_LINE_CHARS = 100;

/** Text outside fenced code blocks and inline code (where `[x](y)` is not a link). */
function prose(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, "");
}

function withoutFences(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
}

/** Relative link targets of a Markdown file: inline links, images and reference definitions. */
export function relativeLinks(markdown: string): string[] {
  const text = prose(markdown);
  const targets = [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]),
  ];
  return targets.filter((t) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(t));
}

async function markdownFiles(): Promise<string[]> {
  const files = [README];
  for await (const e of Deno.readDir(DOCS)) {
    if (e.isFile && e.name.endsWith(".md")) files.push(join(DOCS, e.name));
  }
  return files.sort();
}

async function exists(path: string): Promise<boolean> {
  try {
    const info = await Deno.stat(path);
    return info.isFile || info.isDirectory;
  } catch {
    return false;
  }
}

/** The command lines in the README's code blocks that run the test task (comments dropped). */
export function readmeTestCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```(?:sh|bash|shell)?\n([\s\S]*?)^```$/gm)].map((m) =>
    m[1]
  );
  return [
    ...new Set(
      blocks.flatMap((b) => b.split("\n"))
        .map((l) => l.replace(/\s+#.*$/, "").trim().replace(/\s+/g, " "))
        .filter((l) => /\btask test$/.test(l)),
    ),
  ];
}

/** The test command .ci/run runs: its `deno_cmd=(…)` words followed by `task test`. */
export function ciTestCommand(script: string): string {
  const words = script.match(/^deno_cmd=\(([^)]*)\)$/m)?.[1];
  assert(words, ".ci/run: no deno_cmd=(…) line; update this test with the new layout");
  assert(
    /^"\$\{deno_cmd\[@\]\}" task test$/m.test(script),
    '.ci/run: no "${deno_cmd[@]}" task test line; update this test with the new layout',
  );
  return `${words.trim().replace(/\s+/g, " ")} task test`;
}

Deno.test("README.md is at most 15 KB", async () => {
  const bytes = (await Deno.stat(README)).size;
  assert(bytes <= MAX_README_BYTES, `README.md is ${bytes} bytes; move reference text to docs/`);
});

Deno.test("README.md lines are at most 100 characters", async () => {
  const long = (await Deno.readTextFile(README)).split("\n")
    .map((line, i) => ({ n: i + 1, len: [...line].length }))
    .filter((l) => l.len > MAX_LINE_CHARS);
  assert.deepEqual(long, [], "lines longer than 100 characters (a wide table belongs in docs/)");
});

Deno.test("README.md repeats no paragraph", async () => {
  const paragraphs = prose(await Deno.readTextFile(README)).split(/\n\s*\n/)
    .map((p) => p.trim().replace(/\s+/g, " "))
    .filter((p) => p.length > 40);
  const seen = new Set<string>();
  const repeated = paragraphs.filter((p) => seen.has(p) || !seen.add(p));
  assert.deepEqual(repeated, []);
});

Deno.test("every relative link in README.md and docs/*.md resolves to a file", async () => {
  const broken: string[] = [];
  const files = await markdownFiles();
  assert(files.length > 1, "docs/ has no pages");
  for (const file of files) {
    for (const target of relativeLinks(await Deno.readTextFile(file))) {
      const path = decodeURIComponent(target.replace(/[#?].*$/, ""));
      if (!(await exists(join(dirname(file), path)))) {
        broken.push(`${file.slice(ROOT.length + 1)} → ${target}`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function anchors(markdown: string): Set<string> {
  const headings = withoutFences(markdown).split("\n").filter((l) => /^#{1,6} /.test(l));
  return new Set(
    headings.map((h) =>
      h.replace(/^#+ /, "").trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-")
    ),
  );
}

Deno.test("every #anchor of a link into README.md or docs/*.md names a heading there", async () => {
  const broken: string[] = [];
  for (const file of await markdownFiles()) {
    const text = await Deno.readTextFile(file);
    const local = [...prose(text).matchAll(/\]\((#[^)\s]+)\)/g)].map((m) => m[1]);
    for (const target of [...relativeLinks(text), ...local]) {
      const [path, anchor] = target.split("#");
      if (!anchor) continue;
      const into = path ? join(dirname(file), decodeURIComponent(path)) : file;
      if (!into.endsWith(".md") || !(await exists(into))) continue;
      if (!anchors(await Deno.readTextFile(into)).has(anchor)) {
        broken.push(`${file.slice(ROOT.length + 1)} → ${target}`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

Deno.test("the README's test command is the one .ci/run runs", async () => {
  const readme = readmeTestCommands(await Deno.readTextFile(README));
  assert.deepEqual(
    readme.length,
    1,
    `the README names one test command, found: ${readme.join(" | ")}`,
  );
  const ci = ciTestCommand(await Deno.readTextFile(join(ROOT, ".ci", "run")));
  assert.deepEqual(readme[0], ci);
});

Deno.test("link and command extraction", () => {
  assert.deepEqual(
    relativeLinks(
      "[a](docs/x.md) [b](https://e.com) [c](#top) [d](docs/y.md#s) `[e](nope.md)`\n" +
        "```\n[f](nope.md)\n```\n[g]: docs/z.md\n",
    ),
    ["docs/x.md", "docs/y.md#s", "docs/z.md"],
  );
  assert.deepEqual(
    readmeTestCommands("```sh\nnpx -y deno@2.9.6 task  test   # run the tests\n```\n"),
    ["npx -y deno@2.9.6 task test"],
  );
  assert.deepEqual(
    [...anchors("# Quick start from source\n## The gateway's door\n### `openclaw` — Back\n")],
    ["quick-start-from-source", "the-gateways-door", "openclaw--back"],
  );
  assert.deepEqual(
    ciTestCommand('deno_cmd=(npx -y deno@2.9.6)\n"${deno_cmd[@]}" task test\n'),
    "npx -y deno@2.9.6 task test",
  );
});
