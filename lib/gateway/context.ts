/** What every gateway method can see: the host, paths, settings and live counters. */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { GatewaySettings } from "./settings.ts";
import type { ConfigWatch } from "./methods/health.ts";
import type { WizardSessions } from "./methods/wizard.ts";
import type { AuthSource } from "./auth-reload.ts";
import type { AgentSource } from "./agent-source.ts";
import type { ChatRuns } from "./methods/chat.ts";
import type { ChannelStatusBoard } from "../channels/status-board.ts";

export interface GatewayContext {
  host: Host;
  paths: StatePaths;
  /** The settings at start; auth may have been reloaded since: check connects against `auth`. */
  settings: GatewaySettings;
  auth: AuthSource;
  version: string;
  /** performance.now() at start. */
  startedAt: number;
  startedAtIso: string;
  listen: { hostname: string; port: number };
  url: string;
  config: ConfigWatch;
  wizard: WizardSessions;
  /** The agent that answers chat.send (and the channels). */
  agent: AgentSource;
  /** chat.send runs in flight, for chat.abort. */
  chat: ChatRuns;
  /** The channels running in this gateway and their states (channels.status). */
  channels: ChannelStatusBoard;
  connections(): number;
  log(line: string): void;
}
