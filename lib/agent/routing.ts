/**
 * Which agent answers a message. `agents.list[].bindings` name a channel and
 * optionally one peer; the top-level `bindings[]` (written by `agents add
 * --bind`) name a channel. The most specific match wins: a peer binding, then
 * a channel binding, then the default agent (the entry marked `default`, else
 * "main").
 */
import { DEFAULT_AGENT_ID } from "../config/paths.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import type { TurnOrigin } from "./types.ts";

export function defaultAgentId(config: OpenclawConfig): string {
  return config.agents?.list?.find((a) => a.default)?.id ?? DEFAULT_AGENT_ID;
}

export function agentFor(config: OpenclawConfig, origin: TurnOrigin): string {
  const list = config.agents?.list ?? [];
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
