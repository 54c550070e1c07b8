/**
 * `~/.openclaw/.env`: KEY=value lines holding the keys the gateway needs
 * (written 0600 by onboarding). systemd reads it through EnvironmentFile=;
 * a LaunchAgent cannot, so the gateway also loads it itself at start.
 */
import { readTextIfExists } from "./files.ts";

/** KEY=value lines of an env file (comments, blank lines and `export ` ignored). */
export function parseEnvFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, "");
    if (!line || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    let value = line.slice(eq + 1).trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    out.set(line.slice(0, eq).trim(), value);
  }
  return out;
}

/**
 * Put the file's variables into this process's environment, never over one
 * that is already set (the service manager's or the user's own wins).
 * Returns the names it set.
 */
export async function loadEnvFile(path: string): Promise<string[]> {
  const set: string[] = [];
  for (const [name, value] of parseEnvFile((await readTextIfExists(path)) ?? "")) {
    if (Deno.env.get(name) !== undefined) continue;
    Deno.env.set(name, value);
    set.push(name);
  }
  return set;
}

/** Every line is blank, a comment or KEY=value: the shape of a file openclaw writes. */
export function isEnvFileText(text: string): boolean {
  return text.split(/\r?\n/).every((raw) => {
    const line = raw.trim();
    return line === "" || line.startsWith("#") ||
      /^(export\s+)?[A-Za-z_][A-Za-z0-9_]*=/.test(line);
  });
}
