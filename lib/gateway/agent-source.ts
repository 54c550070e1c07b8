/**
 * The gateway's one Agent. Created from the config when the gateway starts
 * (in the background: listening does not wait for it) and created again
 * when the config file changed before a turn, so a model or key changed by
 * `configure` applies without a restart; turns already running finish on
 * the agent they started with. An invalid config keeps the previous agent.
 *
 * Tests give the gateway a fixed agent (`fixedAgent`) instead.
 */
import type { Agent, TurnResult } from "../agent/types.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";

export interface AgentSource {
  /** The agent for the next turn. */
  get(): Promise<Agent>;
  /** Begin creating the agent now, without waiting for it. */
  warm(): void;
  /** The last turn any agent of this gateway made (for `health` and `status --deep`). */
  lastTurn(): TurnResult | undefined;
}

/** An agent given from outside (tests, benches). */
export function fixedAgent(agent: Agent): AgentSource {
  return { get: () => Promise.resolve(agent), warm: () => {}, lastTurn: () => agent.lastTurn() };
}

export interface ConfigAgentOptions {
  host: Host;
  paths: StatePaths;
  log: (line: string) => void;
  /** The agent for a valid config (default: lib/agent/create.ts, imported on first use). */
  create?: (config: OpenclawConfig) => Promise<Agent>;
}

/** The agent built from the config file, rebuilt when the file changes. */
export class ConfigAgentSource implements AgentSource {
  private current?: { key: string; agent: Promise<Agent> };
  private last?: TurnResult;

  constructor(private readonly opts: ConfigAgentOptions) {}

  warm(): void {
    this.get()
      // The model library too: the first DM should not wait ~1 s for it (docs/agent.md).
      .then(() => import("../agent/preload.ts"))
      .then((m) => m.preloadModelLibrary())
      .catch((err) => this.opts.log(`agent not ready: ${(err as Error).message}`));
  }

  lastTurn(): TurnResult | undefined {
    return this.last;
  }

  async get(): Promise<Agent> {
    const key = await fileKey(this.opts.paths.configPath);
    if (this.current?.key === key) return await this.current.agent;
    const config = await this.readConfig();
    if (config === undefined && this.current) return await this.current.agent;
    const agent = this.build(config ?? {});
    this.current = { key, agent };
    // A failed start is tried again at the next turn, not remembered until the config changes.
    agent.catch(() => this.current?.agent === agent && (this.current = undefined));
    return await agent;
  }

  private async build(config: OpenclawConfig): Promise<Agent> {
    // Imported here, not at the top: the model library is paid for only by a gateway that runs.
    const create = this.opts.create ?? (async (c: OpenclawConfig) => {
      const { createAgent } = await import("../agent/create.ts");
      return createAgent({
        host: this.opts.host,
        paths: this.opts.paths,
        config: c,
        log: this.opts.log,
      });
    });
    const agent = await create(config);
    // Every turn passes here, so the last one is remembered across rebuilt agents.
    return {
      turn: async (req) => (this.last = await agent.turn(req)),
      history: (req) => agent.history(req),
      lastTurn: () => this.last,
    };
  }

  /** The config if it is valid now; undefined (and one log line) if not. */
  private async readConfig(): Promise<OpenclawConfig | undefined> {
    const [{ readConfigFile }, { checkConfig }, { workspaceContext }] = await Promise.all([
      import("../config/store.ts"),
      import("../config/validate.ts"),
      import("../config/workspace-path.ts"),
    ]);
    const status = checkConfig(
      await readConfigFile(this.opts.paths.configPath),
      workspaceContext(this.opts.host.home, this.opts.paths),
    );
    if (status.state === "invalid") {
      this.opts.log("the config is not valid; the agent keeps its previous settings");
      return undefined;
    }
    return status.config;
  }
}

/** Changes when the file is written (mtime and size), "missing" when there is none. */
async function fileKey(path: string): Promise<string> {
  try {
    const info = await Deno.stat(path);
    return `${info.mtime?.getTime()}:${info.size}`;
  } catch {
    return "missing";
  }
}
