/**
 * One agent in a temp HOME, wired to a model stand-in through the base-URL
 * overrides: a workspace with persona files, an auth profile, a config.
 * `await using h = await agentHarness({...})` removes it all at the end.
 */
import { createAgent } from "../../lib/agent/create.ts";
import type { Agent } from "../../lib/agent/types.ts";
import type { OpenclawConfig } from "../../lib/config/schema.ts";
import { authProfilesPath, resolvePaths, type StatePaths } from "../../lib/config/paths.ts";
import type { CommandResult } from "../../lib/host.ts";
import { type TestHost, testHost } from "../helpers/host.ts";
import { anthropicStandIn, type ModelStandIn, openaiStandIn } from "./standins.ts";

export const SOUL_TEXT = "Be kind, be brief, and never invent facts about otters.";

export interface HarnessOptions {
  wire: "anthropic" | "openai";
  /** Files written into the workspace (name → text); SOUL.md is always there. */
  files?: Record<string, string>;
  config?: Partial<OpenclawConfig>;
  /** Auth profiles by id; default: one API key profile for the provider. */
  profiles?: Record<string, Record<string, unknown>>;
  env?: Record<string, string>;
  runner?: (cmd: string, args: string[]) => CommandResult | Promise<CommandResult>;
}

export interface Harness extends AsyncDisposable {
  agent: Agent;
  host: TestHost;
  paths: StatePaths;
  model: ModelStandIn;
  workspace: string;
  home: string;
  logs: string[];
}

export async function agentHarness(opts: HarnessOptions): Promise<Harness> {
  const home = await Deno.makeTempDir({ prefix: "openclaw-agent-" });
  const model = opts.wire === "anthropic" ? anthropicStandIn() : openaiStandIn();
  const provider = opts.wire === "anthropic" ? "anthropic" : "xai";
  const host = testHost({
    home,
    env: { [`OPENCLAW_${provider.toUpperCase()}_BASE_URL`]: `${model.base}/v1`, ...opts.env },
    runner: opts.runner,
  });
  const paths = resolvePaths(host);
  const workspace = `${paths.stateDir}/workspace`;
  await Deno.mkdir(`${workspace}/memory`, { recursive: true });
  for (const [name, text] of Object.entries({ "SOUL.md": SOUL_TEXT, ...opts.files })) {
    await Deno.writeTextFile(`${workspace}/${name}`, text);
  }
  const profilesPath = authProfilesPath(paths);
  await Deno.mkdir(profilesPath.slice(0, profilesPath.lastIndexOf("/")), { recursive: true });
  const profiles = opts.profiles ??
    {
      [`${provider}:default`]: { type: "api_key", provider, key: "sk-test-secret-key-1234567890" },
    };
  await Deno.writeTextFile(profilesPath, JSON.stringify({ version: 1, profiles }), { mode: 0o600 });
  const config: OpenclawConfig = {
    ...opts.config,
    agents: {
      ...opts.config?.agents,
      defaults: {
        workspace,
        model: opts.wire === "anthropic" ? "anthropic/claude-sonnet-4-5" : "xai/grok-4",
        ...opts.config?.agents?.defaults,
      },
    },
  };
  const logs: string[] = [];
  const agent = createAgent({ host, paths, config, log: (l) => void logs.push(l) });
  return {
    agent,
    host,
    paths,
    model,
    workspace,
    home,
    logs,
    async [Symbol.asyncDispose]() {
      await model.close();
      await Deno.remove(home, { recursive: true }).catch(() => {});
    },
  };
}
