/**
 * The config a command acts on, read once. A command that reads the config
 * must not carry on with defaults when the file is broken (it would probe the
 * default port and say "not running", or find "no channel"): an invalid
 * config stops it with the file's path, its first problems and `openclaw
 * doctor`. Commands that change the state get it through the runner
 * (lib/plan/runner.ts), which reads it here after taking the lock.
 */
import type { Host } from "../host.ts";
import { type StatePaths, tildify } from "./paths.ts";
import type { OpenclawConfig } from "./schema.ts";
import type { ConfigFile } from "./store.ts";
import { readConfigFile } from "./read-config.ts";
import { ActionableError } from "../errors.ts";

/**
 * What a command needs of the config:
 * - "raw": the file as it is (onboarding judges an invalid one itself: keep or reset);
 * - "valid": valid if it exists (an invalid one stops the command, doctor named); none is {};
 * - { exists }: valid and present; absent, the command stops with that message.
 */
export type ConfigNeed = "raw" | "valid" | { exists: string };

export interface LoadedConfig {
  file: ConfigFile;
  /** Validated ({} when there is no file, and for "raw" when the file is invalid). */
  config: OpenclawConfig;
}

/** Read the config file once and hold it to what the command needs. */
export async function readConfigAs(
  host: Host,
  paths: StatePaths,
  need: ConfigNeed,
): Promise<LoadedConfig> {
  const file = await readConfigFile(paths.configPath);
  if (!file.exists) {
    if (typeof need === "object") throw new ActionableError(need.exists);
    return { file, config: {} };
  }
  // The config schemas (~20 ms to build) load only when there is a file to check.
  const [{ checkConfig, invalidConfigError }, { workspaceContext }] = await Promise.all([
    import("./validate.ts"),
    import("./workspace-path.ts"),
  ]);
  const status = checkConfig(file, workspaceContext(host.home, paths));
  if (status.state === "invalid" && need !== "raw") {
    throw invalidConfigError(tildify(paths.configPath, host.home), status.problems);
  }
  return { file, config: status.config };
}

export interface CommandConfig {
  /** The validated config; {} when there is no file yet. */
  config: OpenclawConfig;
  exists: boolean;
}

/** Read and validate the config; throws (exit 1, doctor named) when it is invalid. */
export async function readConfigOrStop(host: Host, paths: StatePaths): Promise<CommandConfig> {
  const { file, config } = await readConfigAs(host, paths, "valid");
  return { config, exists: file.exists };
}
