/**
 * Is a config file usable as it is? Syntax, legacy keys and the schema, in
 * that order. The wizard refuses to build on an invalid file (it would
 * guess); `openclaw doctor` explains and fixes each problem.
 */
import type { z } from "zod";
import { ConfigSchema, type OpenclawConfig } from "./schema.ts";
import type { ConfigFile, JsonPath } from "./store.ts";
import { findLegacyKeys } from "./legacy.ts";
import { ActionableError } from "../errors.ts";
import { type WorkspaceContext, workspaceProblem } from "./workspace-path.ts";
import { cli } from "../platform/invocation.ts";
import { agentEntryKeyPaths } from "./agent-entries.ts";

export type ConfigState = "missing" | "valid" | "invalid";

export interface ConfigStatus {
  state: ConfigState;
  /** The validated config ({} unless valid). */
  config: OpenclawConfig;
  /** One line per problem, e.g. "gateway.port: A port is a whole number from 1 to 65535." */
  problems: string[];
  hasLegacyKeys: boolean;
}

/**
 * `workspaces`, when given, also checks every configured workspace against
 * the workspace rule (workspace-path.ts); it needs the user's home and state dir.
 */
export function checkConfig(file: ConfigFile, workspaces?: WorkspaceContext): ConfigStatus {
  if (!file.exists) return { state: "missing", config: {}, problems: [], hasLegacyKeys: false };
  if (file.syntaxErrors.length > 0) {
    return {
      state: "invalid",
      config: {},
      hasLegacyKeys: false,
      problems: file.syntaxErrors.map((e) => `line ${e.line}, column ${e.column}: ${e.message}`),
    };
  }
  const legacy = findLegacyKeys(file.data);
  if (legacy.length > 0) {
    return {
      state: "invalid",
      config: {},
      hasLegacyKeys: true,
      problems: legacy.map((l) => `${l.paths.map(formatPath).join(", ")}: ${l.rule.describe}`),
    };
  }
  const r = ConfigSchema.safeParse(file.data);
  if (!r.success) {
    return {
      state: "invalid",
      config: {},
      hasLegacyKeys: false,
      problems: formatIssues(r.error.issues),
    };
  }
  const wsProblems = workspaces ? workspaceProblems(r.data, workspaces) : [];
  if (wsProblems.length > 0) {
    return { state: "invalid", config: {}, hasLegacyKeys: false, problems: wsProblems };
  }
  return { state: "valid", config: r.data, problems: [], hasLegacyKeys: false };
}

/** agents.defaults.workspace and each agent's workspace that the workspace rule refuses. */
export function workspaceProblems(config: OpenclawConfig, ctx: WorkspaceContext): string[] {
  const found: [string, string | undefined][] = [
    ["agents.defaults.workspace", config.agents?.defaults?.workspace],
    ...agentEntryKeyPaths(config).map(([at, a]): [string, string | undefined] => [
      formatPath([...at, "workspace"]),
      a.workspace,
    ]),
  ];
  return found.flatMap(([key, ws]) => {
    const problem = ws === undefined ? undefined : workspaceProblem(ws, ctx);
    return problem ? [`${key}: ${problem}`] : [];
  });
}

/** The first problems, one indented line each, for an error message; doctor lists them all. */
export function listProblems(problems: string[]): string {
  return problems.slice(0, 5).map((p) => `  - ${p}`).join("\n");
}

/**
 * Why a command that changes the config refuses an invalid one: it would
 * build on a guess. `shownPath` is the config's path as shown (tildified).
 */
export function invalidConfigError(shownPath: string, problems: string[]): ActionableError {
  return new ActionableError(
    `${shownPath} is not valid:\n${listProblems(problems)}\n` +
      `Run \`${cli("doctor")}\` to fix it first. Nothing was changed.`,
  );
}

export function formatIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((i) => {
    const where = formatPath(i.path as JsonPath);
    return where ? `${where}: ${i.message}` : i.message;
  });
}

/** ["agents","list",0,"id"] → "agents.list[0].id" */
export function formatPath(path: JsonPath): string {
  return path.reduce<string>(
    (s, k) => (typeof k === "number" ? `${s}[${k}]` : s ? `${s}.${k}` : k),
    "",
  );
}
