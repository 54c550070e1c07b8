/**
 * The config a command acts on. A command that reads the config must not
 * carry on with defaults when the file is broken (it would probe the default
 * port and say "not running", or find "no channel"): an invalid config stops
 * it with the file's path, its first problems and `openclaw doctor`.
 */
import type { Host } from "../host.ts";
import { type StatePaths, tildify } from "./paths.ts";
import type { OpenclawConfig } from "./schema.ts";
import { readConfigFile } from "./store.ts";
import { checkConfig, invalidConfigError } from "./validate.ts";
import { workspaceContext } from "./workspace-path.ts";

export interface CommandConfig {
  /** The validated config; {} when there is no file yet. */
  config: OpenclawConfig;
  exists: boolean;
}

/** Read and validate the config; throws (exit 1, doctor named) when it is invalid. */
export async function readConfigOrStop(host: Host, paths: StatePaths): Promise<CommandConfig> {
  const file = await readConfigFile(paths.configPath);
  const status = checkConfig(file, workspaceContext(host.home, paths));
  if (status.state === "invalid") {
    throw invalidConfigError(tildify(paths.configPath, host.home), status.problems);
  }
  return { config: status.config, exists: file.exists };
}
