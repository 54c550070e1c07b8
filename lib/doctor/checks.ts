/**
 * `openclaw doctor`: find what is wrong with the state and say how to fix
 * it. Nothing here changes anything; fix.ts applies the problems marked
 * fixable. Each problem names a config key path or a file, so the user can
 * find it, and a fix sentence, so they know what to do next.
 */
import type { Host } from "../host.ts";
import { authProfilesPath, type StatePaths, tildify } from "../config/paths.ts";
import { BIND_MODES, ConfigSchema, type OpenclawConfig } from "../config/schema.ts";
import {
  applyConfigEdits,
  type ConfigFile,
  type JsonPath,
  parseConfigText,
  readConfigFile,
} from "../config/store.ts";
import {
  findLegacyKeys,
  type LegacyConflict,
  legacyConflicts,
  legacyMigrationEdits,
} from "../config/legacy.ts";
import { findLegacyStateDirs } from "../config/legacy-state.ts";
import { SECRET_DIR_MODE, SECRET_FILE_MODE } from "../platform/files.ts";
import { type OwnedKind, whyNotOurs } from "./ownership.ts";
import { workspaceProblems } from "../config/validate.ts";
import { unknownKeys } from "../config/unknown-keys.ts";
import { workspaceContext } from "../config/workspace-path.ts";
import type { z } from "zod";
import { CHANNEL_IDS } from "../channels/flags.ts";
import { SENDER_ID_RULES, unresolvedEntries } from "../channels/sender-ids.ts";
import { printable } from "../platform/terminal-text.ts";
import { OAUTH_NOT_IMPORTED, oauthImportProblems } from "./oauth-import.ts";
import { PUBLIC_CLI_CREDENTIALS, publicImportProblems } from "./public-cli-import.ts";
import { cli } from "../platform/invocation.ts";

/**
 * A message reads well after its path ("gateway.port: A port is …"), so it
 * does not repeat the path.
 */
export interface DoctorProblem {
  /** Stable kind of problem (see PROBLEM_IDS); several problems may share one. */
  id: string;
  severity: "error" | "warning";
  /** A config key path like gateway.auth.mode, or a file path. */
  path?: string;
  message: string;
  /** What the user should do. */
  fix: string;
  /** Whether `doctor --fix` (fix.ts) can do it. */
  fixable: boolean;
}

export const PROBLEM_IDS = {
  configMissing: "config-missing",
  configSyntax: "config-syntax",
  /** Followed by the rule id, e.g. "legacy-key:gateway-token". */
  legacyKeyPrefix: "legacy-key:",
  configInvalid: "config-invalid",
  configUnknownKey: "config-unknown-key",
  looseFileMode: "loose-file-mode",
  looseDirMode: "loose-dir-mode",
  legacyStateDir: "legacy-state-dir",
  allowlistNotIds: "allowlist-not-ids",
  oauthNotImported: OAUTH_NOT_IMPORTED,
  publicCliCredentials: PUBLIC_CLI_CREDENTIALS,
} as const;

export async function diagnose(host: Host, paths: StatePaths): Promise<DoctorProblem[]> {
  const config = await readConfigFile(paths.configPath);
  const legacyDirs = await findLegacyStateDirs(host, paths);
  return [
    ...configProblems(host, config, legacyDirs.some((d) => d.configFile)),
    ...workspaceConfigProblems(host, paths, config),
    ...await modeProblems(host, paths),
    ...allowlistProblems(config),
    ...await oauthImportProblems(host, paths),
    ...await publicImportProblems(host, paths, usableConfig(config)),
    ...legacyDirs.map((legacy) => ({
      id: PROBLEM_IDS.legacyStateDir,
      severity: "warning" as const,
      path: legacy.dir,
      message: "State from openclaw's former name" +
        (legacy.configFile ? `, with its config ${show(host, legacy.configFile)}.` : "."),
      fix: !config.exists
        ? `Run ${cli("doctor --fix")} to move it to ${show(host, paths.stateDir)}.`
        : legacy.configFile
        ? `Both ${show(host, legacy.configFile)} and ${show(host, paths.configPath)} exist: ` +
          `merge what you still need into ${show(host, paths.configPath)} by hand.`
        : `Copy what you still need from ${show(host, legacy.dir)} into ` +
          `${show(host, paths.stateDir)} by hand.`,
      fixable: !config.exists,
    })),
  ];
}

/** Config checks in order: present, parses, no legacy keys, matches the schema. */
function configProblems(host: Host, config: ConfigFile, legacyConfig: boolean): DoctorProblem[] {
  const file = show(host, config.path);
  if (!config.exists) {
    return [{
      id: PROBLEM_IDS.configMissing,
      severity: "warning",
      path: config.path,
      message: "No config file yet.",
      fix: legacyConfig
        ? `Run ${cli("doctor --fix")} to move your old config here, or run ${cli("onboard")}.`
        : `Run ${cli("onboard")} to create it.`,
      fixable: false,
    }];
  }
  if (config.syntaxErrors.length > 0) {
    // The parse is a guess past the first error: checking its keys would mislead.
    return config.syntaxErrors.map((e) => ({
      id: PROBLEM_IDS.configSyntax,
      severity: "error",
      path: config.path,
      message: `Syntax error at line ${e.line}, column ${e.column}: ${e.message}.`,
      fix: `Fix the JSON at ${file}:${e.line}:${e.column} ` +
        `(a missing comma, quote or bracket is the usual cause).`,
      fixable: false,
    }));
  }
  return [
    ...legacyKeyProblems(config),
    ...schemaProblems(host, config),
    ...unknownKeyProblems(host, config),
  ];
}

/**
 * Keys this version does not use (the public CLI's, a newer version's, a
 * typo): kept through every edit, so a warning, never an error.
 */
function unknownKeyProblems(host: Host, config: ConfigFile): DoctorProblem[] {
  return unknownKeys(ConfigSchema, migratedData(config)).map((at) => {
    const path = formatJsonPath(at);
    return {
      id: PROBLEM_IDS.configUnknownKey,
      severity: "warning" as const,
      path,
      message: "Not used by this version of openclaw; it is kept as it is.",
      fix: "Nothing to do if another program (such as the public OpenClaw CLI) uses it. " +
        `If it is a misspelt key, correct it; if nothing needs it, remove ${path} from ` +
        `${show(host, config.path)}.`,
      fixable: false,
    };
  });
}

/** Workspaces the workspace rule refuses (system folders, openclaw's state folder). */
function workspaceConfigProblems(
  host: Host,
  paths: StatePaths,
  config: ConfigFile,
): DoctorProblem[] {
  if (!config.exists || config.syntaxErrors.length > 0) return [];
  const parsed = ConfigSchema.safeParse(migratedData(config));
  if (!parsed.success) return [];
  return workspaceProblems(parsed.data, workspaceContext(host.home, paths)).map((line) => {
    const at = line.indexOf(": ");
    return {
      id: PROBLEM_IDS.configInvalid,
      severity: "error" as const,
      path: line.slice(0, at),
      message: line.slice(at + 2),
      fix: `Set ${line.slice(0, at)} in ${show(host, config.path)} to a folder of your own.`,
      fixable: false,
    };
  });
}

function legacyKeyProblems(config: ConfigFile): DoctorProblem[] {
  const conflicts = legacyConflicts(config.data);
  return findLegacyKeys(config.data).map(({ rule, paths }) => ({
    id: PROBLEM_IDS.legacyKeyPrefix + rule.id,
    severity: "error",
    path: paths.map(formatJsonPath).join(", "),
    message: `Legacy config: ${rule.describe}.` +
      conflicts.filter((c) => c.rule === rule).map((c) =>
        ` ${shownValue(c.kept, c.keptValue)} is kept; ` +
        `${shownValue(c.dropped, c.droppedValue)} will be dropped (the newer key wins; ` +
        `to keep the legacy value, set ${formatJsonPath(c.kept)} to it before --fix).`
      ).join(""),
    fix: `Run ${cli("doctor --fix")} to move it (the current file is kept as .bak).`,
    fixable: true,
  }));
}

/** "Kept X (…) and dropped Y (…)": what a legacy move could not carry over. */
export function describeConflict(c: LegacyConflict): string {
  return `Kept ${shownValue(c.kept, c.keptValue)} and dropped ${
    shownValue(c.dropped, c.droppedValue)
  }`;
}

const SECRET_KEY = /token|password|secret|key$/i;

/**
 * `agent.model ("anthropic/claude-opus-4-5")`: a path with its value, short
 * and printable; secrets and whole sections are never printed.
 */
export function shownValue(path: JsonPath, value: unknown): string {
  const where = formatJsonPath(path);
  if (path.some((k) => typeof k === "string" && SECRET_KEY.test(k))) {
    return `${where} (secret, not shown)`;
  }
  if (value !== null && typeof value === "object") {
    return `${where} (${Array.isArray(value) ? "a list" : "a section"})`;
  }
  const text = JSON.stringify(value) ?? String(value);
  return `${where} (${printable(text.length > 80 ? `${text.slice(0, 77)}…` : text)})`;
}

/**
 * Validate the config as it will be once the legacy keys are moved, so a
 * legacy key is reported once (above), not again as an unknown key.
 */
function schemaProblems(host: Host, config: ConfigFile): DoctorProblem[] {
  const result = ConfigSchema.safeParse(migratedData(config));
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => issueProblems(host, config.path, issue));
}

/** The config as far as it is usable (its agents, for imports): {} when missing or invalid. */
export function usableConfig(config: ConfigFile): OpenclawConfig {
  if (!config.exists || config.syntaxErrors.length > 0) return {};
  const parsed = ConfigSchema.safeParse(migratedData(config));
  return parsed.success ? parsed.data : {};
}

/** The data after the legacy migration, applied exactly as `doctor --fix` will. */
export function migratedData(config: { text: string; data: unknown }): unknown {
  const edits = legacyMigrationEdits(config.data);
  if (edits.length === 0) return config.data;
  try {
    return parseConfigText(applyConfigEdits(config.text, edits)).data;
  } catch {
    return config.data; // the edits could not apply; the legacy problem still stands
  }
}

type Issue = z.core.$ZodIssue;

function issueProblems(host: Host, file: string, issue: Issue): DoctorProblem[] {
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const branch = likeliestBranch(issue.errors);
    if (branch) {
      return branch.flatMap((inner) =>
        issueProblems(host, file, { ...inner, path: [...issue.path, ...inner.path] } as Issue)
      );
    }
  }
  const path = formatJsonPath(issue.path);
  return [{
    id: PROBLEM_IDS.configInvalid,
    severity: "error",
    path: path || undefined,
    message: issue.message,
    fix: fixHint(path) ?? `Edit ${show(host, file)} at ${path || "the top level"}.`,
    fixable: false,
  }];
}

/**
 * A union's "Invalid input" says nothing; the branch whose type matched
 * (its issues are not a type mismatch of the whole value) says what is wrong.
 */
function likeliestBranch(branches: Issue[][]): Issue[] | undefined {
  return branches.find((issues) =>
    issues.length > 0 && !issues.every((i) => i.code === "invalid_type" && i.path.length === 0)
  );
}

/**
 * Fix hints by key path prefix (list indexes dropped: `agents.list.model`
 * covers agents.list[3].model). The longest matching prefix wins.
 */
const FIX_HINTS: [prefix: string, hint: string][] = [
  ["gateway.port", "Set gateway.port to a whole number from 1 to 65535 (the default is 18789)."],
  ["gateway.bind", `Set gateway.bind to one of: ${BIND_MODES.join(", ")}.`],
  [
    "gateway.customBindHost",
    "Set gateway.customBindHost to the address to listen on, or choose another gateway.bind.",
  ],
  [
    "gateway.auth",
    "Set gateway.auth.mode to token or password and set the matching gateway.auth.token " +
    "or gateway.auth.password (at least 8 characters); onboarding can generate a token.",
  ],
  [
    "gateway.tailscale",
    "Set gateway.tailscale.mode to off, serve or funnel (funnel needs password auth).",
  ],
  ["gateway.remote", "Set gateway.remote.url to a ws:// or wss:// URL of the remote gateway."],
  ["gateway.mode", "Set gateway.mode to local or remote."],
  ["agents.defaults.model", "Write the model as provider/model, e.g. anthropic/claude-sonnet-4-5."],
  ["agents.list.model", "Write the model as provider/model, e.g. anthropic/claude-sonnet-4-5."],
  [
    "agents.entries",
    "Each agents.entries key is an agent id (lower-case letters, digits, '-' and '_') and its " +
    'value an object, e.g. "work": { "name": "Work" }.',
  ],
  [
    "agents.list.id",
    "Give each agents.list entry an id of lower-case letters, digits, '-' and '_' (e.g. main).",
  ],
  [
    "agents.list",
    'Each agents.list entry is an object with at least an id, e.g. { "id": "main" }.',
  ],
  ["models.providers", "Give each provider a baseUrl like https://api.example.com/v1."],
  ["channels", "Each entry under channels is an object of that channel's settings."],
  ["bindings", "Each binding needs an agentId and a match with a channel."],
  ["skills.install.nodeManager", "Set skills.install.nodeManager to npm, pnpm or bun."],
  ["wizard", "The wizard section is written by onboarding: remove it and run onboarding again."],
];

function fixHint(path: string): string | undefined {
  const key = path.replace(/\[\d+\]/g, "");
  // A setting inside one channel's section: the message says what it takes; setup can rewrite it.
  const channelKey = /^channels\.([^.]+)\.[^.]+/.exec(key);
  if (channelKey) {
    return `Correct ${key} as the message says, or set the channel up again with ` +
      `\`${cli(`channels add --channel ${channelKey[1]}`)}\`.`;
  }
  let best: [string, string] | undefined;
  for (const entry of FIX_HINTS) {
    const [prefix] = entry;
    const matches = key === prefix || key.startsWith(prefix + ".");
    if (matches && (!best || prefix.length > best[0].length)) best = entry;
  }
  return best?.[1];
}

/**
 * Allowlists match platform ids only (a name can be worn by anyone): an
 * entry that is not an id lets nobody in. List them per channel, with how
 * to find the ids.
 */
function allowlistProblems(config: ConfigFile): DoctorProblem[] {
  // Past a syntax error the parse is a guess; legacy channel keys count where they will move.
  if (!config.exists || config.syntaxErrors.length > 0) return [];
  const channels = (migratedData(config) as { channels?: unknown } | undefined)?.channels;
  if (!channels || typeof channels !== "object") return [];
  return CHANNEL_IDS.flatMap((channel) => {
    const allowFrom = (channels as Record<string, { allowFrom?: unknown }>)[channel]?.allowFrom;
    if (!Array.isArray(allowFrom)) return [];
    const names = unresolvedEntries(channel, allowFrom);
    if (names.length === 0) return [];
    const rule = SENDER_ID_RULES[channel];
    return [{
      id: PROBLEM_IDS.allowlistNotIds,
      severity: "warning" as const,
      path: `channels.${channel}.allowFrom`,
      message: `${printable(names.join(", "))} ${
        names.length === 1 ? "is not an id and will" : "are not ids and will"
      } never match: the allowlist matches ids only, never names.`,
      fix: `Replace ${names.length === 1 ? "it" : "them"} with ${rule.hint}` +
        (rule.findId ? `; ${rule.findId}.` : "."),
      fixable: false,
    }];
  });
}

/** Secret files must be 0600 and their folders 0700: other users could read keys. */
async function modeProblems(host: Host, paths: StatePaths): Promise<DoctorProblem[]> {
  if (host.platform === "windows") return []; // no POSIX modes; ACLs are another story
  const problems: DoctorProblem[] = [];
  for (const dir of [paths.stateDir, paths.credentialsDir]) {
    const p = await looseMode(dir, "dir");
    if (p) problems.push(p);
  }
  for (const file of await secretFiles(paths)) {
    const p = await looseMode(file, ownedKindOf(paths, file));
    if (p) problems.push(p);
  }
  return problems;
}

async function secretFiles(paths: StatePaths): Promise<string[]> {
  return [
    paths.configPath,
    paths.backupPath,
    paths.envFile,
    ...(await agentIds(paths)).map((id) => authProfilesPath(paths, id)),
    ...await filesUnder(paths.credentialsDir),
  ];
}

/** How doctor recognises a secret file it found (see ownership.ts). */
export function ownedKindOf(paths: StatePaths, file: string): OwnedKind {
  if (file === paths.configPath || file === paths.backupPath) return "config";
  return file === paths.envFile ? "env" : "json";
}

/**
 * A loose mode is fixable only on a path openclaw owns and recognises;
 * otherwise the problem says why doctor leaves it alone.
 */
async function looseMode(path: string, kind: OwnedKind): Promise<DoctorProblem | undefined> {
  const mode = await modeOf(path);
  // Only group and other bits matter: 0400 is stricter than 0600, and fine.
  if (mode === undefined || (mode & 0o077) === 0) return undefined;
  const isDir = kind === "dir";
  const id = isDir ? PROBLEM_IDS.looseDirMode : PROBLEM_IDS.looseFileMode;
  const wanted = isDir ? SECRET_DIR_MODE : SECRET_FILE_MODE;
  const octal = (m: number) => m.toString(8).padStart(3, "0");
  const skip = await whyNotOurs(path, kind);
  const loose = `Mode ${octal(mode)}: other users on this machine ` +
    `can ${isDir ? "look inside it" : "read it"}, and it holds secrets.`;
  if (skip) {
    return {
      id,
      severity: "warning",
      path,
      message: `${loose} doctor --fix leaves it alone: ${skip}.`,
      fix: `If it is openclaw's, chmod ${octal(wanted)} "${path}" by hand; ` +
        `if not, point openclaw at its own files (unset OPENCLAW_CONFIG_PATH / OPENCLAW_STATE_DIR).`,
      fixable: false,
    };
  }
  return {
    id,
    severity: "warning",
    path,
    message: loose,
    fix: `chmod ${octal(wanted)} "${path}" (${cli("doctor --fix")} does it).`,
    fixable: true,
  };
}

/** The permission bits of what `path` names (a symlink's target's), or undefined if absent. */
async function modeOf(path: string): Promise<number | undefined> {
  try {
    const mode = (await Deno.stat(path)).mode;
    return mode === null ? undefined : mode & 0o777;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return undefined;
    throw err;
  }
}

async function agentIds(paths: StatePaths): Promise<string[]> {
  const ids: string[] = [];
  for (const entry of await listDir(paths.agentsDir)) {
    if (entry.isDirectory) ids.push(entry.name);
  }
  return ids.sort();
}

/** Every file below `dir`, at any depth (credentials may be grouped in folders). */
async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await listDir(dir)) {
    const path = `${dir}/${entry.name}`;
    // A symlink is listed (and reported), never followed into.
    if (entry.isDirectory) files.push(...await filesUnder(path));
    else if (entry.isFile || entry.isSymlink) files.push(path);
  }
  return files.sort();
}

async function listDir(dir: string): Promise<Deno.DirEntry[]> {
  try {
    return await Array.fromAsync(Deno.readDir(dir));
  } catch (err) {
    if (err instanceof Deno.errors.NotFound || err instanceof Deno.errors.NotADirectory) return [];
    throw err;
  }
}

/** `gateway.auth.mode`, `agents.list[0].id`: paths the way users write them. */
export function formatJsonPath(path: readonly PropertyKey[] | JsonPath): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function show(host: Host, path: string): string {
  return tildify(path, host.home);
}
