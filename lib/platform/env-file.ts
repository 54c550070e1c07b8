/**
 * `~/.openclaw/.env`: KEY=value lines holding the keys the gateway needs
 * (written 0600 by onboarding). Three programs read it: systemd through
 * EnvironmentFile=, sh (the background launcher sources it) and the gateway
 * itself (a LaunchAgent cannot load a file, so the gateway does at start).
 * This module is the one writer and the one reader, so all three agree.
 *
 * The writer keeps to what sh and systemd read the same way:
 *  - a value of safe characters unquoted (NAME=sk-abc_1.2);
 *  - anything else in double quotes, with `"`, `\`, `` ` `` and `$` escaped by
 *    a backslash: inside double quotes sh removes exactly those backslashes
 *    (and expands nothing once `$` and `` ` `` are escaped), and so does
 *    systemd (its escapable set is the same four; any other backslash stays);
 *  - no line breaks or NUL in values: refused (API keys never have them).
 * The reader follows systemd's env-file parser (systemd.exec(5),
 * EnvironmentFile=), which agrees with sh on everything the writer writes:
 * `#`/`;` comment lines, optional `export `, '…' literal, "…" with the four
 * escapes, unquoted values with `\x` → x and trailing blanks trimmed, no $VAR
 * expansion, the last assignment of a name wins.
 */
import { ActionableError } from "../errors.ts";
import { readTextIfExists } from "./files.ts";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Characters that mean nothing to sh or systemd: such a value needs no quotes. */
const SAFE_UNQUOTED = /^[A-Za-z0-9_.:\/@+=,-]*$/;
/** Inside double quotes, sh and systemd both remove a backslash before these only. */
const DOUBLE_QUOTE_ESCAPABLE = '"\\`$';

/** One assignment found in the text, with where its line starts and ends. */
interface EnvEntry {
  name: string;
  value: string;
  start: number;
  end: number;
}

interface Scan {
  entries: EnvEntry[];
  /** Lines that are neither blank, a comment nor NAME=value. */
  invalidLines: number;
}

/** KEY=value pairs of an env file; the last assignment of a name wins. */
export function parseEnvFile(text: string): Map<string, string> {
  return new Map(scanEnvFile(text).entries.map((e) => [e.name, e.value]));
}

/** Every line is blank, a comment or NAME=value: the shape of a file openclaw writes. */
export function isEnvFileText(text: string): boolean {
  return scanEnvFile(text).invalidLines === 0;
}

/**
 * The file text with `name` set to `value`: its last assignment (the one
 * that counts) is replaced, or a line is appended; every other line stays.
 */
export function withEnvVar(current: string | undefined, name: string, value: string): string {
  if (!NAME.test(name)) throw new Error(`not an environment variable name: ${name}`);
  const line = `${name}=${quoteEnvValue(name, value)}`;
  const text = current ?? "";
  const last = scanEnvFile(text).entries.findLast((e) => e.name === name);
  if (last) return text.slice(0, last.start) + line + text.slice(last.end);
  const sep = text === "" || text.endsWith("\n") ? "" : "\n";
  return `${text}${sep}${line}\n`;
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

function quoteEnvValue(name: string, v: string): string {
  if (/[\r\n\0]/.test(v)) {
    throw new ActionableError(
      `The value for ${name} holds a line break or NUL character, which a .env line cannot ` +
        "hold. Paste it again on one line (keys and tokens never contain line breaks).",
    );
  }
  if (SAFE_UNQUOTED.test(v)) return v;
  let out = "";
  for (const c of v) out += DOUBLE_QUOTE_ESCAPABLE.includes(c) ? `\\${c}` : c;
  return `"${out}"`;
}

/** Line ends for systemd: a CR ends a line too. */
const isNewline = (c: string | undefined) => c === "\n" || c === "\r";
const isBlank = (c: string | undefined) => c === " " || c === "\t";

/**
 * One pass over the text in the manner of systemd's env-file parser. A value
 * may span lines only through a quote or a trailing backslash, as there.
 */
function scanEnvFile(text: string): Scan {
  const entries: EnvEntry[] = [];
  let invalidLines = 0;
  let i = 0;
  while (i < text.length) {
    while (isBlank(text[i]) || isNewline(text[i])) i++;
    if (i >= text.length) break;
    if (text[i] === "#" || text[i] === ";") {
      i = skipComment(text, i);
      continue;
    }
    let lineStart = i; // with its leading blanks, so a replacement takes the whole line
    while (lineStart > 0 && isBlank(text[lineStart - 1])) lineStart--;
    const eq = indexOfOnLine(text, i, "=");
    if (eq < 0) {
      invalidLines++;
      while (i < text.length && !isNewline(text[i])) i++;
      continue;
    }
    const name = text.slice(i, eq).trim().replace(/^export[ \t]+/, "");
    const { value, end } = scanValue(text, eq + 1);
    i = end;
    if (NAME.test(name)) entries.push({ name, value, start: lineStart, end });
    else invalidLines++;
  }
  return { entries, invalidLines };
}

function skipComment(text: string, i: number): number {
  while (i < text.length && !isNewline(text[i])) {
    // systemd continues a comment whose line ends in a backslash.
    i += text[i] === "\\" && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

function indexOfOnLine(text: string, from: number, c: string): number {
  for (let i = from; i < text.length && !isNewline(text[i]); i++) if (text[i] === c) return i;
  return -1;
}

/**
 * The value from just after `=` to its line end (exclusive): quoted parts,
 * blanks between parts skipped, an unquoted part runs to the line end.
 */
function scanValue(text: string, i: number): { value: string; end: number } {
  let value = "";
  while (i < text.length && !isNewline(text[i])) {
    const c = text[i];
    if (isBlank(c)) {
      i++;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 ? text.length : close;
      value += text.slice(i + 1, stop);
      i = stop + 1;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\" && i + 1 < text.length) {
          const next = text[i + 1];
          if (DOUBLE_QUOTE_ESCAPABLE.includes(next)) value += next;
          else if (next !== "\n") value += "\\" + next; // a backslash-newline joins lines
          i += 2;
        } else {
          value += text[i++];
        }
      }
      i++; // the closing quote
    } else {
      const unquoted = scanUnquoted(text, i);
      value += unquoted.value;
      i = unquoted.end;
    }
  }
  return { value, end: Math.min(i, text.length) };
}

/** An unquoted run: `\x` is x, a backslash-newline joins lines, trailing blanks dropped. */
function scanUnquoted(text: string, i: number): { value: string; end: number } {
  let value = "";
  let kept = 0; // length of value without its trailing blanks
  while (i < text.length && !isNewline(text[i])) {
    if (text[i] === "\\" && i + 1 < text.length) {
      if (text[i + 1] !== "\n") value += text[i + 1];
      kept = value.length;
      i += 2;
      continue;
    }
    value += text[i++];
    if (!isBlank(value.at(-1))) kept = value.length;
  }
  return { value: value.slice(0, kept), end: i };
}
