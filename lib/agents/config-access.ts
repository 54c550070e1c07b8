/**
 * What every agents command starts from: a config that exists and is valid.
 * An invalid one stops the command before anything is asked, with the same
 * advice onboarding gives (run doctor), so nothing is written on top of it.
 */
import { readConfigOrStop } from "../config/read-valid.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { type StatePaths, tildify } from "../config/paths.ts";
import type { Host } from "../host.ts";
import { ActionableError } from "../errors.ts";
import { cli } from "../platform/invocation.ts";

export async function readValidConfig(host: Host, paths: StatePaths): Promise<OpenclawConfig> {
  const { config, exists } = await readConfigOrStop(host, paths);
  if (!exists) {
    throw new ActionableError(
      `There is no config at ${tildify(paths.configPath, host.home)} yet. ` +
        `Run \`${cli("onboard")}\` first.`,
    );
  }
  return config;
}
