/**
 * Config keys from older releases and how to move them, as data. Each rule
 * detects its keys in parsed config and returns leaf edits (store.ts) that
 * move them: applied with `applyConfigEdits`, the user's comments and key
 * order elsewhere in the file survive. A value already at the new location
 * wins over the legacy one, so running a migration twice changes nothing.
 */
import { type ConfigEdit, getAt, type JsonPath, leafEdits } from "./store.ts";
import { CHANNEL_METAS } from "../channels/registry.ts";

export interface LegacyRule {
  id: string;
  /** One line for doctor, e.g. "top-level agent.* moved to agents.defaults.*". */
  describe: string;
  /** The legacy paths present in `data` (empty when the rule does not apply). */
  detect(data: unknown): JsonPath[];
  /** Leaf edits that move the values, then remove the old keys (value undefined). */
  migrate(data: unknown): ConfigEdit[];
  /** The (from, to) moves migrate() makes, for finding what a newer value blocks. */
  moves?(data: unknown): [from: JsonPath, to: JsonPath][];
}

/**
 * A legacy value that migrate() drops because its new place already holds
 * one (the newer value wins). Said out loud by doctor: nothing is lost
 * silently, and the dropped value stays in the backup.
 */
export interface LegacyConflict {
  rule: LegacyRule;
  /** The newer value's path, kept. */
  kept: JsonPath;
  keptValue: unknown;
  /** The legacy path whose value is dropped. */
  dropped: JsonPath;
  droppedValue: unknown;
}

/**
 * Channel sections that used to live at the top level, before `channels`:
 * each channel's meta.ts names its own.
 */
export const LEGACY_CHANNEL_KEYS: readonly { key: string; channel: string }[] = CHANNEL_METAS
  .flatMap((m) => m.legacyKeys.map((key) => ({ key, channel: m.id })));

/** Old `gateway.bind` spellings (addresses) and the bind mode each one meant. */
export const LEGACY_BIND_VALUES: Readonly<Record<string, "loopback" | "lan">> = {
  "localhost": "loopback",
  "127.0.0.1": "loopback",
  "0.0.0.0": "lan",
  "all": "lan",
};

const agentRule: LegacyRule = {
  id: "agent",
  describe: "top-level agent.* moved to agents.defaults.*",
  detect: (data) => present(data, ["agent"]),
  migrate: (data) => moveEdits(data, ["agent"], ["agents", "defaults"]),
  moves: () => [[["agent"], ["agents", "defaults"]]],
};

/**
 * gateway.<key> moved to gateway.auth.<key>; the mode it implies is set when
 * `setsMode` says so (and none is set yet, see defaultAuthMode).
 */
function gatewayAuthRule(
  key: "token" | "password",
  setsMode: (data: unknown) => boolean,
): LegacyRule {
  return {
    id: `gateway-${key}`,
    describe: `gateway.${key} moved to gateway.auth.${key}`,
    detect: (data) => present(data, ["gateway", key]),
    migrate: (data) => [
      ...moveEdits(data, ["gateway", key], ["gateway", "auth", key]),
      ...(setsMode(data) ? defaultAuthMode(data, key) : []),
    ],
    moves: () => [[["gateway", key], ["gateway", "auth", key]]],
  };
}

const gatewayTokenRule = gatewayAuthRule("token", () => true);

// With a token and a password but no mode, both rules would set the mode:
// only the token rule does, so the edits never conflict.
const gatewayPasswordRule = gatewayAuthRule("password", (data) => !hasToken(data));

const gatewayBindRule: LegacyRule = {
  id: "gateway-bind",
  describe:
    `gateway.bind addresses became modes: localhost/127.0.0.1 → loopback, 0.0.0.0/all → lan`,
  detect: (data) => legacyBindMode(data) ? [["gateway", "bind"]] : [],
  migrate: (data) => {
    const mode = legacyBindMode(data);
    return mode ? [{ path: ["gateway", "bind"], value: mode }] : [];
  },
};

const channelsRule: LegacyRule = {
  id: "channels",
  describe: "top-level channel sections (telegram, discord, …) moved under channels.*",
  detect: (data) => legacyChannelSections(data).map(({ key }) => [key]),
  migrate: (data) =>
    legacyChannelSections(data).flatMap(({ key, channel }) =>
      moveEdits(data, [key], ["channels", channel])
    ),
  moves: (data) =>
    legacyChannelSections(data).map(({ key, channel }) => [[key], ["channels", channel]]),
};

/** The legacy channel sections present, in the order the file has them. */
function legacyChannelSections(data: unknown): { key: string; channel: string }[] {
  if (!data || typeof data !== "object") return [];
  return Object.keys(data).flatMap((key) =>
    getAt(data, [key]) === undefined ? [] : LEGACY_CHANNEL_KEYS.filter((l) => l.key === key)
  );
}

const routingAgentsRule: LegacyRule = {
  id: "routing-agents",
  describe: "routing.agents (keyed by agent id) moved to agents.list[] entries",
  detect: (data) => present(data, ["routing", "agents"]),
  migrate: (data) => [...routingAgentEdits(data), ...removeRoutingAgents(data)],
};

export const LEGACY_RULES: LegacyRule[] = [
  agentRule,
  gatewayTokenRule,
  gatewayPasswordRule,
  gatewayBindRule,
  channelsRule,
  routingAgentsRule,
];

export function findLegacyKeys(data: unknown): { rule: LegacyRule; paths: JsonPath[] }[] {
  return LEGACY_RULES
    .map((rule) => ({ rule, paths: rule.detect(data) }))
    .filter((found) => found.paths.length > 0);
}

/** Every rule's edits, in rule order; empty when the config has no legacy keys. */
export function legacyMigrationEdits(data: unknown): ConfigEdit[] {
  return findLegacyKeys(data).flatMap(({ rule }) => rule.migrate(data));
}

/** Every legacy value the migration drops in favour of a newer one, once per dropped path. */
export function legacyConflicts(data: unknown): LegacyConflict[] {
  const out: LegacyConflict[] = [];
  const seen = new Set<string>();
  for (const { rule } of findLegacyKeys(data)) {
    for (const [from, to] of rule.moves?.(data) ?? []) {
      const value = getAt(data, from);
      if (isEmptyObject(value)) continue;
      for (const leaf of leafEdits(to, value)) {
        const kept = blocker(data, leaf.path);
        if (!kept) continue;
        // The legacy counterpart of the blocking path (all of `from` when the block is above `to`).
        const dropped = [...from, ...kept.slice(to.length)];
        const id = JSON.stringify(dropped);
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({
          rule,
          kept,
          keptValue: getAt(data, kept),
          dropped,
          droppedValue: getAt(data, dropped),
        });
      }
    }
  }
  return out;
}

/** The path of the existing value that keeps a leaf from being written at `path` (see isFree). */
function blocker(data: unknown, path: JsonPath): JsonPath | undefined {
  let cur: unknown = data;
  for (let i = 0; i < path.length; i++) {
    if (cur === undefined) return undefined;
    if (!isContainerFor(cur, path[i])) return path.slice(0, i);
    cur = (cur as Record<string | number, unknown>)[path[i]];
  }
  return cur === undefined ? undefined : [...path];
}

function present(data: unknown, path: JsonPath): JsonPath[] {
  return getAt(data, path) === undefined ? [] : [path];
}

/**
 * Move the value at `from` to `to` leaf by leaf (existing leaves at the
 * destination win), then remove `from`.
 */
function moveEdits(data: unknown, from: JsonPath, to: JsonPath): ConfigEdit[] {
  const value = getAt(data, from);
  // leafEdits yields nothing for `{}`; an empty section still means "configured".
  const leaves = isEmptyObject(value) ? [{ path: to, value: {} }] : leafEdits(to, value);
  return [...leaves.filter((e) => isFree(data, e.path)), { path: from, value: undefined }];
}

/**
 * Whether a leaf can be written at `path` without replacing anything: no
 * value there yet, and no non-object value on the way (writing through a
 * string would throw, and overwriting it would lose the user's value).
 */
function isFree(data: unknown, path: JsonPath): boolean {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === undefined) return true;
    if (!isContainerFor(cur, key)) return false;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur === undefined;
}

function isContainerFor(value: unknown, key: string | number): boolean {
  if (typeof key === "number") return Array.isArray(value);
  return isObject(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isEmptyObject(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length === 0;
}

/** Set gateway.auth.mode when the user never chose one (the old keys implied it). */
function defaultAuthMode(data: unknown, mode: "token" | "password"): ConfigEdit[] {
  const path = ["gateway", "auth", "mode"];
  return isFree(data, path) ? [{ path, value: mode }] : [];
}

function hasToken(data: unknown): boolean {
  return getAt(data, ["gateway", "token"]) !== undefined ||
    getAt(data, ["gateway", "auth", "token"]) !== undefined;
}

function legacyBindMode(data: unknown): "loopback" | "lan" | undefined {
  const bind = getAt(data, ["gateway", "bind"]);
  if (typeof bind !== "string") return undefined;
  const key = bind.trim().toLowerCase();
  return Object.hasOwn(LEGACY_BIND_VALUES, key) ? LEGACY_BIND_VALUES[key] : undefined;
}

/**
 * routing.agents.<id> becomes an agents.list entry `{id, ...value}`. An id
 * already in agents.list gets only the leaves it lacks; new ids are appended.
 * A file that keeps its agents in the public CLI's keyed agents.entries gets
 * them there instead (lib/config/agent-entries.ts).
 */
function routingAgentEdits(data: unknown): ConfigEdit[] {
  const legacy = getAt(data, ["routing", "agents"]);
  if (!isObject(legacy)) return [];
  const list = getAt(data, ["agents", "list"]);
  const keyed = getAt(data, ["agents", "entries"]);
  if (list === undefined && isObject(keyed)) return keyedAgentEdits(data, legacy);
  if (list !== undefined && !Array.isArray(list)) return []; // broken list: the schema reports it
  const existing = (list ?? []) as unknown[];
  let next = existing.length;
  return Object.entries(legacy).flatMap(([id, value]) => {
    const { id: _ignored, ...rest } = isObject(value) ? value : {};
    const entry = { id, ...rest };
    const at = existing.findIndex((e) => isObject(e) && e.id === id);
    const base: JsonPath = ["agents", "list", at >= 0 ? at : next++];
    return leafEdits(base, entry).filter((e) => isFree(data, e.path));
  });
}

/** routing.agents.<id> into agents.entries.<id>: only the leaves an existing entry lacks. */
function keyedAgentEdits(data: unknown, legacy: Record<string, unknown>): ConfigEdit[] {
  return Object.entries(legacy).flatMap(([id, value]) => {
    const { id: _ignored, ...rest } = isObject(value) ? value : {};
    const base: JsonPath = ["agents", "entries", id];
    const edits = Object.keys(rest).length > 0
      ? leafEdits(base, rest)
      : [{ path: base, value: {} }];
    return edits.filter((e) => isFree(data, e.path));
  });
}

/** Remove routing.agents, and `routing` itself when nothing else is left in it. */
function removeRoutingAgents(data: unknown): ConfigEdit[] {
  const routing = getAt(data, ["routing"]);
  const others = isObject(routing) ? Object.keys(routing).filter((k) => k !== "agents") : [];
  return [{ path: others.length === 0 ? ["routing"] : ["routing", "agents"], value: undefined }];
}
