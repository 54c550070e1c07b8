/**
 * The agents a config declares, read and changed as data. The default agent
 * ("main") is implicit: it exists whether or not the config names it, uses
 * `agents.defaults.*`, and cannot be deleted. Every other agent is an entry of
 * `agents.list[]` or of the public CLI's `agents.entries` (both read, new ones
 * written to the shape the file uses: lib/config/agent-entries.ts), and
 * `bindings[]` routes a channel (or one of its accounts) to it. These
 * functions are pure: they return config edits for the store.
 */
import { resolveWorkspacePath } from "../config/workspace-path.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import type { ConfigEdit } from "../config/store.ts";
import { DEFAULT_AGENT_ID, type StatePaths } from "../config/paths.ts";
import { absolute } from "../config/paths.ts";
import type { Host } from "../host.ts";
import { cli } from "../platform/invocation.ts";
import {
  agentEntries,
  type AgentEntry,
  newAgentEntryEdit,
  removeAgentPaths,
} from "../config/agent-entries.ts";

export interface AgentView {
  id: string;
  name?: string;
  workspace: string;
  agentDir: string;
  model?: string;
  isDefault: boolean;
  bindings: BindingSpec[];
}

/** A route of a channel (optionally one account of it) to an agent. */
export interface BindingSpec {
  channel: string;
  accountId?: string;
}

/** "Work Bot" → "work-bot": the id the config and the folders use. */
export function agentIdFromName(name: string): string {
  return name.trim().toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|[-]+$/g, "")
    .slice(0, 64);
}

/** Why `name` cannot name a new agent, or undefined when it can. */
export function agentNameProblem(name: string, config: OpenclawConfig): string | undefined {
  if (name.trim() === "") return "Give the agent a name, e.g. work.";
  const id = agentIdFromName(name);
  if (id === "") return "A name needs at least one letter or digit.";
  if (agentIds(config).includes(id)) {
    return `An agent with the id "${id}" already exists (${cli("agents list")}).`;
  }
  return undefined;
}

export function agentIds(config: OpenclawConfig): string[] {
  const listed = agentEntries(config).map((a) => a.id);
  return [DEFAULT_AGENT_ID, ...listed.filter((id) => id !== DEFAULT_AGENT_ID)];
}

/** "telegram" or "telegram:ops" → a binding; undefined when malformed. */
export function parseBindSpec(spec: string): BindingSpec | undefined {
  const m = /^([a-z][a-z0-9_-]*)(?::([^\s:]+))?$/i.exec(spec.trim());
  if (!m) return undefined;
  return m[2] ? { channel: m[1].toLowerCase(), accountId: m[2] } : { channel: m[1].toLowerCase() };
}

export function formatBindSpec(b: BindingSpec): string {
  return b.accountId ? `${b.channel}:${b.accountId}` : b.channel;
}

/** The channels the config sets up, the only ones an agent can be bound to. */
export function configuredChannels(config: OpenclawConfig): string[] {
  return Object.keys(config.channels ?? {}).sort();
}

/** Why `spec` cannot be bound, or undefined when it can. */
export function bindSpecProblem(spec: string, config: OpenclawConfig): string | undefined {
  const b = parseBindSpec(spec);
  if (!b) return `"${spec}" is not a binding: write <channel> or <channel>:<accountId>.`;
  const channels = configuredChannels(config);
  if (!channels.includes(b.channel)) {
    const known = channels.length > 0 ? ` Configured: ${channels.join(", ")}.` : "";
    return `The channel "${b.channel}" is not configured.${known} ` +
      `Add it first (${cli(`channels add --channel ${b.channel}`)}).`;
  }
  return undefined;
}

export function defaultAgentWorkspace(paths: StatePaths, id: string): string {
  return `${paths.stateDir}/workspace-${id}`;
}

export function agentDirFor(paths: StatePaths, id: string): string {
  return `${paths.stateDir}/agents/${id}/agent`;
}

/** Every agent with its resolved folders and bindings; the default agent first. */
export function listAgents(config: OpenclawConfig, paths: StatePaths, host: Host): AgentView[] {
  const bindings = config.bindings ?? [];
  const bindingsOf = (id: string): BindingSpec[] =>
    bindings.filter((b) => b.agentId === id).map((b) => ({
      channel: b.match.channel,
      ...(b.match.accountId ? { accountId: b.match.accountId } : {}),
    }));
  const defaults = config.agents?.defaults;
  const listed = agentEntries(config);
  const mainEntry = listed.find((a) => a.id === DEFAULT_AGENT_ID);
  const main: AgentView = {
    id: DEFAULT_AGENT_ID,
    name: mainEntry?.name,
    workspace: resolveWorkspace(mainEntry?.workspace ?? defaults?.workspace, host) ??
      `${paths.stateDir}/workspace`,
    agentDir: resolveDir(mainEntry?.agentDir, host) ?? agentDirFor(paths, DEFAULT_AGENT_ID),
    model: modelName(mainEntry?.model ?? defaults?.model),
    isDefault: true,
    bindings: bindingsOf(DEFAULT_AGENT_ID),
  };
  const others = listed.filter((a) => a.id !== DEFAULT_AGENT_ID).map((a): AgentView => ({
    id: a.id,
    name: a.name,
    workspace: resolveWorkspace(a.workspace, host) ?? defaultAgentWorkspace(paths, a.id),
    agentDir: resolveDir(a.agentDir, host) ?? agentDirFor(paths, a.id),
    model: modelName(a.model ?? defaults?.model),
    isDefault: false,
    bindings: bindingsOf(a.id),
  }));
  return [main, ...others];
}

export interface NewAgent {
  id: string;
  name: string;
  workspace: string;
  agentDir: string;
  model?: string;
  bindings: BindingSpec[];
}

/** Edits that add the agent (agents.list[] or agents.entries) and its routes to bindings[]. */
export function addAgentEdits(config: OpenclawConfig, agent: NewAgent): ConfigEdit[] {
  const entry: AgentEntry = {
    id: agent.id,
    name: agent.name,
    workspace: agent.workspace,
    agentDir: agent.agentDir,
    ...(agent.model ? { model: agent.model } : {}),
  };
  const edits: ConfigEdit[] = [newAgentEntryEdit(config, entry)];
  const existing = config.bindings ?? [];
  const fresh = agent.bindings.filter((b) =>
    !existing.some((e) =>
      e.agentId === agent.id && e.match.channel === b.channel && e.match.accountId === b.accountId
    )
  );
  fresh.forEach((b, i) => {
    edits.push({
      path: ["bindings", existing.length + i],
      value: { agentId: agent.id, match: { channel: b.channel, ...accountOf(b) } },
    });
  });
  return edits;
}

/**
 * Edits that remove the agent's entry (in either shape) and every binding
 * that routes to it. Indexes are removed from the end so earlier removals do
 * not shift them; a list left empty goes altogether, as if it had never been added.
 */
export function deleteAgentEdits(config: OpenclawConfig, id: string): ConfigEdit[] {
  return [
    ...removeWhere(["bindings"], config.bindings ?? [], (b) => b.agentId === id),
    ...removeAgentPaths(config, id).map((path) => ({ path, value: undefined })),
  ];
}

function removeWhere<T>(path: string[], items: T[], matches: (item: T) => boolean): ConfigEdit[] {
  const doomed = items.flatMap((item, i) => (matches(item) ? [i] : []));
  if (doomed.length === 0) return [];
  if (doomed.length === items.length) return [{ path, value: undefined }];
  return doomed.reverse().map((i) => ({ path: [...path, i], value: undefined }));
}

function accountOf(b: BindingSpec): { accountId?: string } {
  return b.accountId ? { accountId: b.accountId } : {};
}

/** Workspaces resolve like every workspace answer: `~` and relative paths under HOME. */
function resolveWorkspace(dir: string | undefined, host: Host): string | undefined {
  return dir ? resolveWorkspacePath(dir, host.home) : undefined;
}

function resolveDir(dir: string | undefined, host: Host): string | undefined {
  return dir ? absolute(dir, host) : undefined;
}

function modelName(model: unknown): string | undefined {
  if (typeof model === "string") return model;
  if (model && typeof model === "object" && "primary" in model) return String(model.primary);
  return undefined;
}
