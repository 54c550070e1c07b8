/**
 * Which agent answers a message. An agent entry's `bindings` (in
 * `agents.list[]` or `agents.entries`, lib/config/agent-entries.ts) name a channel and
 * optionally one peer; the top-level `bindings[]` (written by `agents add
 * --bind`) name a channel. The most specific match wins: a peer binding, then
 * a channel binding, then the default agent (the entry marked `default`, else
 * "main").
 */
import { DEFAULT_AGENT_ID } from "../config/paths.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import type { TurnOrigin } from "./types.ts";
import { agentEntries } from "../config/agent-entries.ts";

export function defaultAgentId(config: OpenclawConfig): string {
  return agentEntries(config).find((a) => a.default)?.id ?? DEFAULT_AGENT_ID;
}

export function agentFor(config: OpenclawConfig, origin: TurnOrigin): string {
  const list = agentEntries(config);
  const channel = origin.surface;
  const byPeer = list.find((a) =>
    a.bindings?.some((b) =>
      b.channel === channel && b.peerId !== undefined && b.peerId === origin.peerId
    )
  );
  if (byPeer) return byPeer.id;
  const byChannel = list.find((a) =>
    a.bindings?.some((b) => b.channel === channel && b.peerId === undefined)
  );
  if (byChannel) return byChannel.id;
  const topLevel = config.bindings?.find((b) => b.match.channel === channel);
  return topLevel?.agentId ?? defaultAgentId(config);
}
