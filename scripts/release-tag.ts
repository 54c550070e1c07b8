/**
 * The release pipeline's first check (.github/workflows/release.yml): the pushed tag must be
 * `v` + the version in lib/version.ts (the one version source), and deno.json must agree.
 *
 *   deno run --allow-read scripts/release-tag.ts v0.1.0     # prints version=0.1.0
 *
 * The line it prints goes into $GITHUB_OUTPUT, so the other jobs take the version from here.
 */
import { VERSION } from "../lib/version.ts";
import { versionMismatch } from "./compile.ts";

/** What is wrong with releasing `tag`, or undefined when it names this version. */
export function tagFault(tag: string, version = VERSION): string | undefined {
  if (tag === `v${version}`) return undefined;
  return `the tag ${JSON.stringify(tag)} does not name this version: lib/version.ts says ` +
    `"${version}", so the tag must be "v${version}". Bump lib/version.ts (and deno.json) in a ` +
    `commit, tag that commit, or delete the tag.`;
}

if (import.meta.main) {
  const tag = Deno.args[0] ?? "";
  const fault = tagFault(tag) ??
    versionMismatch(await Deno.readTextFile(new URL("../deno.json", import.meta.url)));
  if (fault) {
    console.error(`release: ${fault}`);
    Deno.exit(1);
  }
  console.log(`version=${VERSION}`);
}
