/**
 * ~/.openclaw/.env: KEY=value lines the gateway service reads (systemd
 * EnvironmentFile, launchd wrapper). Setting one key replaces its line and
 * keeps every other line, comments included.
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The file text with `name` set to `value` (quoted when it needs to be). */
export function withEnvVar(current: string | undefined, name: string, value: string): string {
  if (!NAME.test(name)) throw new Error(`not an environment variable name: ${name}`);
  const line = `${name}=${quoteEnvValue(value)}`;
  const lines = (current ?? "").split("\n");
  if (lines.at(-1) === "") lines.pop();
  const at = lines.findIndex((l) => new RegExp(`^\\s*(export\\s+)?${name}\\s*=`).test(l));
  if (at >= 0) lines[at] = line;
  else lines.push(line);
  return lines.join("\n") + "\n";
}

/** The value of `name` in a .env text, or undefined. */
export function readEnvVar(text: string | undefined, name: string): string | undefined {
  for (const l of (text ?? "").split("\n")) {
    const m = new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=\\s*(.*)$`).exec(l);
    if (m) return m[1].replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1");
  }
  return undefined;
}

function quoteEnvValue(v: string): string {
  return /^[A-Za-z0-9_.:\/@+=,-]*$/.test(v) ? v : `"${v.replace(/(["\\$`])/g, "\\$1")}"`;
}
