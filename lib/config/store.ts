/**
 * Reading and writing openclaw.json. The file is JSON with comments: we parse
 * it with jsonc-parser and change it with `modify` + `applyEdits`, one leaf at
 * a time, so the user's comments, key order and indentation survive. Every
 * write keeps the previous file as openclaw.json.bak and is atomic.
 */
import {
  applyEdits,
  findNodeAtLocation,
  type FormattingOptions,
  modify,
  type Node as JsonNode,
  parse,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from "jsonc-parser";
import type { StatePaths } from "./paths.ts";
import {
  ensureDir,
  type FileWrite,
  readTextIfExists,
  SECRET_FILE_MODE,
  writeFilesTogether,
} from "../platform/files.ts";

export type JsonPath = (string | number)[];

/** One change to the config: set a leaf (or remove it when value is undefined). */
export interface ConfigEdit {
  path: JsonPath;
  value: unknown;
}

export interface SyntaxProblem {
  message: string;
  line: number;
  column: number;
}

export interface ConfigFile {
  path: string;
  exists: boolean;
  /** The file's text, or "" when it does not exist. */
  text: string;
  /** The parsed value (best effort when there are syntax errors). */
  data: unknown;
  syntaxErrors: SyntaxProblem[];
}

export { readConfigFile } from "./read-config.ts";

export function parseConfigText(text: string): { data: unknown; syntaxErrors: SyntaxProblem[] } {
  const errors: ParseError[] = [];
  const data = text.trim() === "" ? {} : parse(text, errors, { allowTrailingComma: true });
  // An unfinished file reports one error per open brace, all at its end: say each place once.
  const seen = new Set<string>();
  const syntaxErrors = errors.map((e) => ({
    message: printParseErrorCode(e.error),
    ...lineAndColumn(text, e.offset),
  })).filter((p) => {
    const key = `${p.line}:${p.column}:${p.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
  return { data: data ?? {}, syntaxErrors };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return { line, column };
}

/** Guess the file's indentation and line ending so our edits match them. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const indented = text.split(/\r?\n/).find((l) => /^[ \t]+\S/.test(l));
  if (indented?.startsWith("\t")) return { insertSpaces: false, tabSize: 1, eol };
  const spaces = indented ? indented.length - indented.trimStart().length : 2;
  return { insertSpaces: true, tabSize: Math.min(Math.max(spaces, 1), 8), eol };
}

/** Apply leaf edits to the file's text, keeping everything else as it was. */
export function applyConfigEdits(text: string, edits: ConfigEdit[]): string {
  let out = text.trim() === "" ? "{}\n" : text;
  const formattingOptions = detectFormatting(out);
  for (const edit of edits) {
    // Setting a value it already has changes nothing: jsonc-parser would re-print it.
    if (edit.value !== undefined && sameValueAt(out, edit.path, edit.value)) continue;
    out = edit.value === undefined
      ? removeMember(out, edit.path, formattingOptions)
      : appendMember(out, edit.path, edit.value, formattingOptions) ??
        applyEdits(out, modify(out, edit.path, edit.value, { formattingOptions }));
  }
  return out;
}

function sameValueAt(text: string, path: JsonPath, value: unknown): boolean {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const node = root && findNodeAtLocation(root, path);
  if (!node) return false;
  const current = parse(text.slice(node.offset, node.offset + node.length), [], {
    allowTrailingComma: true,
  });
  // Same text for the same value (a different key order counts as a change: harmless).
  return JSON.stringify(current) === JSON.stringify(value);
}

/**
 * Add a new last member to an object, or a new last element to an array,
 * written on its own line after the current last one (a container whose
 * members share a line is first laid out one member per line: expandWith). jsonc-parser's own
 * insertion re-prints the previous member (an inline object becomes several
 * lines) and moves that member's end-of-line comment after the new one, where
 * a later removal would take it along. Returns undefined when this is not an
 * append to a container laid out one member per line (jsonc-parser's way is
 * fine there).
 */
function appendMember(
  text: string,
  path: JsonPath,
  value: unknown,
  formattingOptions: FormattingOptions,
): string | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root || path.length === 0 || findNodeAtLocation(root, path)) return undefined;
  // The deepest container that exists; what is missing below it is built as one value.
  let depth = path.length - 1;
  while (depth > 0 && !findNodeAtLocation(root, path.slice(0, depth))) depth--;
  const container = findNodeAtLocation(root, path.slice(0, depth));
  const key = path[depth];
  const nested = nestValue(path.slice(depth + 1), value);
  if (nested === undefined) return undefined;
  value = nested.value;
  const last = container?.children?.at(-1);
  if (!container || !last) return undefined;
  if (container.type === "array" && key !== container.children!.length) return undefined;
  if (container.type === "object" && typeof key !== "string") return undefined;
  if (container.type !== "array" && container.type !== "object") return undefined;

  const lineStart = text.lastIndexOf("\n", last.offset - 1) + 1;
  const indent = text.slice(lineStart, last.offset);
  if (indent.trim() !== "") return expandWith(text, container, key, value, formattingOptions);
  const eol = formattingOptions.eol ?? "\n";
  const unit = formattingOptions.insertSpaces === false
    ? "\t"
    : " ".repeat(formattingOptions.tabSize ?? 2);
  const printed = JSON.stringify(value, null, unit).split("\n").join(`${eol}${indent}`);
  const member = container.type === "object" ? `${JSON.stringify(key)}: ${printed}` : printed;

  const lastEnd = last.offset + last.length;
  const commaAt = skipSpaces(text, lastEnd);
  const hadComma = text[commaAt] === ",";
  let cursor = hadComma ? commaAt + 1 : lastEnd;
  // An end-of-line comment belongs to the old last member: insert after it.
  const next = skipSpaces(text, cursor);
  if (text.startsWith("//", next)) cursor = lineEnd(text, next);
  else if (text.startsWith("/*", next)) {
    const close = text.indexOf("*/", next);
    if (close >= 0 && !text.slice(next, close).includes("\n")) cursor = close + 2;
  }

  const insertion = `${eol}${indent}${member}${hadComma ? "," : ""}`;
  if (hadComma) return text.slice(0, cursor) + insertion + text.slice(cursor);
  return text.slice(0, lastEnd) + "," + text.slice(lastEnd, cursor) + insertion +
    text.slice(cursor);
}

/**
 * Add to a container whose members share a line: lay it out one member per
 * line (the file's indentation), each existing member's text moved as it is,
 * the new one last. jsonc-parser would re-print every member, and a member
 * may be another program's key, kept byte for byte. With a comment between
 * the members (undefined) jsonc-parser's way is taken.
 */
function expandWith(
  text: string,
  container: JsonNode,
  key: string | number,
  value: unknown,
  formattingOptions: FormattingOptions,
): string | undefined {
  const members = container.children ?? [];
  const end = container.offset + container.length;
  const bounds = [container.offset + 1, ...members.flatMap((m) => [m.offset, m.offset + m.length])];
  bounds.push(end - 1);
  for (let i = 0; i < bounds.length; i += 2) {
    if (text.slice(bounds[i], bounds[i + 1]).includes("/")) return undefined;
  }
  const eol = formattingOptions.eol ?? "\n";
  const unit = formattingOptions.insertSpaces === false
    ? "\t"
    : " ".repeat(formattingOptions.tabSize ?? 2);
  const lineStart = text.lastIndexOf("\n", container.offset - 1) + 1;
  const outer = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const inner = outer + unit;
  const printed = JSON.stringify(value, null, unit).split("\n").join(`${eol}${inner}`);
  const added = container.type === "object" ? `${JSON.stringify(key)}: ${printed}` : printed;
  const lines = [...members.map((m) => text.slice(m.offset, m.offset + m.length)), added];
  const open = text[container.offset];
  const close = text[end - 1];
  const body = lines.map((l) => `${inner}${l}`).join(`,${eol}`);
  return text.slice(0, container.offset) + `${open}${eol}${body}${eol}${outer}${close}` +
    text.slice(end);
}

/** `["list", 0]` and v → `{ list: [v] }`-style nesting; undefined for a gap (index > 0). */
function nestValue(rest: JsonPath, value: unknown): { value: unknown } | undefined {
  let out = value;
  for (let i = rest.length - 1; i >= 0; i--) {
    const k = rest[i];
    if (typeof k === "number") {
      if (k !== 0) return undefined;
      out = [out];
    } else out = { [k]: out };
  }
  return { value: out };
}

/**
 * Remove one object member or array element with the comments that belong
 * to it (full-line comments directly above it and a comment at the end of
 * its line) and nothing else. jsonc-parser's own removal also eats the
 * previous line's trailing comment and the comment above the next key.
 */
function removeMember(
  text: string,
  path: JsonPath,
  formattingOptions: FormattingOptions,
): string {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const target = root && findNodeAtLocation(root, path);
  // An object member is its property node (key and value); an array element is itself.
  const prop = target?.parent?.type === "array"
    ? target
    : target?.parent?.type === "property"
    ? target.parent
    : undefined;
  if (!prop?.parent?.children) {
    if (!root || !target) return text; // nothing to remove
    return applyEdits(text, modify(text, path, undefined, { formattingOptions }));
  }
  const siblings = prop.parent.children;
  const index = siblings.indexOf(prop);
  let end = prop.offset + prop.length;
  end = skipSpaces(text, end);
  const hasComma = text[end] === ",";
  if (hasComma) end = skipSpaces(text, end + 1);
  if (text.startsWith("//", end)) end = lineEnd(text, end);
  if (text[end] === "\r") end++;
  if (text[end] === "\n") end++;
  else if (!hasComma) end = prop.offset + prop.length; // more on this line: keep it

  let start = prop.offset;
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  if (text.slice(lineStart, start).trim() === "") {
    start = lineStart;
    start = attachedCommentsStart(text, start);
  }
  let out = text.slice(0, start) + text.slice(end);
  if (!hasComma && index > 0) out = removeCommaAfter(out, siblings[index - 1]);
  return out;
}

function skipSpaces(text: string, i: number): number {
  while (text[i] === " " || text[i] === "\t") i++;
  return i;
}

function lineEnd(text: string, i: number): number {
  const n = text.indexOf("\n", i);
  return n < 0 ? text.length : text[n - 1] === "\r" ? n - 1 : n;
}

/** Walk up over full-line comments directly above `start` (no blank line between). */
function attachedCommentsStart(text: string, start: number): number {
  let cur = start;
  while (cur > 0) {
    const prevStart = text.lastIndexOf("\n", cur - 2) + 1;
    const line = text.slice(prevStart, cur).trim();
    if (!(line.startsWith("//") || (line.startsWith("/*") && line.endsWith("*/")))) break;
    cur = prevStart;
  }
  return cur;
}

/** The removed member was the last: drop the comma that followed the one before it. */
function removeCommaAfter(text: string, node: JsonNode): string {
  const i = skipSpaces(text, node.offset + node.length);
  return text[i] === "," ? text.slice(0, i) + text.slice(i + 1) : text;
}

/** Turn a nested object into one edit per leaf (so existing siblings and comments stay). */
export function leafEdits(base: JsonPath, value: unknown): ConfigEdit[] {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      v === undefined ? [] : leafEdits([...base, k], v)
    );
  }
  return [{ path: base, value }];
}

/**
 * Write new config text: the previous file becomes openclaw.json.bak and the
 * new one replaces it, both 0600, as one change (both or neither).
 */
export async function writeConfigText(paths: StatePaths, text: string): Promise<void> {
  await writeFilesTogether(await configWrites(paths, text));
}

/**
 * The writes that replace the config with `text`: the backup of the current
 * file, then the file. A config that is a symbolic link (dotfiles) is written
 * through to its target and stays a link; the backup stays in the state dir
 * (paths.backupPath), out of a dotfiles repository it could be pushed from.
 */
export async function configWrites(paths: StatePaths, text: string): Promise<FileWrite[]> {
  await ensureDir(paths.stateDir);
  const previous = await readTextIfExists(paths.configPath);
  return [
    ...(previous === undefined
      ? []
      : [{ path: paths.backupPath, text: previous, mode: SECRET_FILE_MODE }]),
    {
      path: paths.configPath,
      text: text.endsWith("\n") ? text : text + "\n",
      mode: SECRET_FILE_MODE,
    },
  ];
}

/** Read a value at a path of a parsed config (undefined when absent). */
export function getAt(data: unknown, path: JsonPath): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}
