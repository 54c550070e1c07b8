/**
 * `--secrets-file <path|->`: secret variables from a file or stdin instead
 * of the command line (where other local users can read them). The file
 * holds NAME=value lines; blank lines and # comments are skipped, a leading
 * "export " and one pair of matching quotes around the value are allowed,
 * CRLF is fine. Only the variables of secret flags may be set (a typo would
 * otherwise be silently ignored). The values overlay the environment for
 * this command only: nothing is exported to child processes.
 */
import type { Host } from "../host.ts";
import { UsageError } from "../errors.ts";
import { secretEnvNames } from "./secret-inputs.ts";

const FLAG = "--secrets-file";

export async function withSecretsFile(host: Host, path: string): Promise<Host> {
  const text = await readSource(path);
  const values = parseSecrets(text, secretEnvNames());
  // Object.create keeps the host's getters (home) lazy.
  const overlaid: Host = Object.create(host);
  overlaid.env = (name) => values.get(name) ?? host.env(name);
  return overlaid;
}

async function readSource(path: string): Promise<string> {
  try {
    if (path === "-") return await new Response(Deno.stdin.readable).text();
    return await Deno.readTextFile(path);
  } catch (e) {
    throw new UsageError(
      `${FLAG}: cannot read ${path === "-" ? "standard input" : path} ` +
        `(${e instanceof Error ? e.message : String(e)}). Give a readable file, or - for stdin.`,
      [FLAG],
    );
  }
}

/** NAME=value lines → a map; a bad line is a usage error naming its number, never its value. */
export function parseSecrets(text: string, allowed: Set<string>): Map<string, string> {
  const values = new Map<string, string>();
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, "").trim();
    if (line === "" || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) {
      throw new UsageError(
        `${FLAG}: line ${i + 1} is not NAME=value. Write one variable per line, e.g. ` +
          `ANTHROPIC_API_KEY=sk-ant-…`,
        [FLAG],
      );
    }
    const [, name, rawValue] = m;
    if (!allowed.has(name)) {
      throw new UsageError(
        `${FLAG}: ${name} (line ${i + 1}) is not the variable of a secret flag. ` +
          `Use one of: ${[...allowed].sort().join(", ")}.`,
        [FLAG],
      );
    }
    values.set(name, unquote(rawValue));
  }
  return values;
}

function unquote(v: string): string {
  const q = v[0];
  if (v.length >= 2 && (q === '"' || q === "'") && v.endsWith(q)) return v.slice(1, -1);
  return v;
}
