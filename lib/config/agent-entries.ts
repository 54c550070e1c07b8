/**
 * The agents a config declares, in either of the two shapes in use: the
 * seed's `agents.list[]` (entries with an `id`) and the public OpenClaw
 * CLI's `agents.entries` (keyed by id). Everything that reads agents reads
 * them here, so both shapes mean the same; a change is written to the shape
 * the file already uses (`agents.list` for a file that has neither).
 */
import type { OpenclawConfig } from "./schema.ts";
import type { JsonPath } from "./store.ts";

type ListEntry = NonNullable<NonNullable<OpenclawConfig["agents"]>["list"]>[number];

/** One agent's entry, whichever shape it came from, with its id. */
export type AgentEntry = ListEntry;

export type AgentsShape = "list" | "entries";

/** Every declared agent: `agents.list` first, then `agents.entries` ids it does not have. */
export function agentEntries(config: OpenclawConfig): AgentEntry[] {
  const listed = config.agents?.list ?? [];
  const ids = new Set(listed.map((a) => a.id));
  const keyed = Object.entries(config.agents?.entries ?? {})
    .filter(([id]) => !ids.has(id))
    .map(([id, entry]): AgentEntry => ({ ...entry, id }));
  return [...listed, ...keyed];
}

export function agentEntry(config: OpenclawConfig, id: string): AgentEntry | undefined {
  return agentEntries(config).find((a) => a.id === id);
}

/** Where new agents go: `agents.entries` when the file uses only that shape, else the list. */
export function agentsShapeOf(config: OpenclawConfig): AgentsShape {
  return config.agents?.entries !== undefined && config.agents?.list === undefined
    ? "entries"
    : "list";
}

/** The path a new entry is written at, and its value there (a keyed entry carries no id). */
export function newAgentEntryEdit(
  config: OpenclawConfig,
  entry: AgentEntry,
): { path: JsonPath; value: Record<string, unknown> } {
  if (agentsShapeOf(config) === "entries") {
    const { id, ...rest } = entry;
    return { path: ["agents", "entries", id], value: rest };
  }
  return { path: ["agents", "list", config.agents?.list?.length ?? 0], value: entry };
}

/**
 * The paths that remove agent `id` wherever it is declared; a list or map
 * left empty goes altogether, as if it had never been added. List indexes
 * are removed from the end so earlier removals do not shift them.
 */
export function removeAgentPaths(config: OpenclawConfig, id: string): JsonPath[] {
  const paths: JsonPath[] = [];
  const list = config.agents?.list ?? [];
  const doomed = list.flatMap((a, i) => (a.id === id ? [i] : []));
  if (doomed.length > 0 && doomed.length === list.length) paths.push(["agents", "list"]);
  else paths.push(...doomed.reverse().map((i) => ["agents", "list", i]));
  const entries = config.agents?.entries ?? {};
  if (Object.hasOwn(entries, id)) {
    paths.push(
      Object.keys(entries).length === 1 ? ["agents", "entries"] : ["agents", "entries", id],
    );
  }
  return paths;
}

/** `agents.list[2]` or `agents.entries.work`: where an entry is, for messages. */
export function agentEntryKeyPaths(config: OpenclawConfig): [JsonPath, AgentEntry][] {
  const listed = (config.agents?.list ?? []).map((a, i): [JsonPath, AgentEntry] => [
    ["agents", "list", i],
    a,
  ]);
  const keyed = Object.entries(config.agents?.entries ?? {}).map((
    [id, entry],
  ): [JsonPath, AgentEntry] => [["agents", "entries", id], { ...entry, id }]);
  return [...listed, ...keyed];
}
