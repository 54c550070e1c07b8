/**
 * Helpers for the skills tests: write skill folders, make a PATH of fake
 * programs, and a test host whose `which` looks only at that PATH.
 */
import { whichOnPath } from "../../lib/host.ts";
import { type TestHost, testHost, type TestHostOptions } from "../helpers/host.ts";

/** Write `<root>/<folder>/SKILL.md`. */
export async function writeSkill(root: string, folder: string, text: string): Promise<string> {
  await Deno.mkdir(`${root}/${folder}`, { recursive: true });
  const file = `${root}/${folder}/SKILL.md`;
  await Deno.writeTextFile(file, text);
  return file;
}

/** A SKILL.md from a name, description and the YAML of `metadata.openclaw` (indented 4). */
export function skillMd(name: string, description: string, openclawYaml = ""): string {
  const meta = openclawYaml
    ? `metadata:\n  openclaw:\n${
      openclawYaml.trim().split("\n").map((l) => `    ${l}`).join("\n")
    }\n`
    : "";
  return `---\nname: ${name}\ndescription: ${description}\n${meta}---\n\n# ${name}\n`;
}

/** Executable scripts named `names` in `dir` (a controlled PATH). */
export async function fakePrograms(dir: string, names: string[]): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  for (const n of names) {
    await Deno.writeTextFile(`${dir}/${n}`, "#!/bin/sh\nexit 0\n");
    await Deno.chmod(`${dir}/${n}`, 0o755);
  }
}

/** A test host whose `which` searches `pathDirs` only (real files, not a list). */
export function pathHost(
  opts: TestHostOptions & { pathDirs: string[] },
): TestHost {
  const host = testHost(opts);
  return { ...host, which: (cmd: string) => whichOnPath(cmd, opts.pathDirs.join(":")) };
}
