/**
 * What every agents command starts from: a config that exists and is valid.
 * An invalid one stops the command before anything is asked, with the same
 * advice onboarding gives (run doctor), so nothing is written on top of it.
 */
import { type ConfigNeed, readConfigAs } from "../config/read-valid.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { type StatePaths, tildify } from "../config/paths.ts";
import type { Host } from "../host.ts";
import { cli } from "../platform/invocation.ts";

/** The runner's config need of the agents commands: present and valid. */
export function agentsConfigNeed(host: Host, paths: StatePaths): ConfigNeed {
  return {
    exists: `There is no config at ${tildify(paths.configPath, host.home)} yet. ` +
      `Run \`${cli("onboard")}\` first.`,
  };
}

export async function readValidConfig(host: Host, paths: StatePaths): Promise<OpenclawConfig> {
  return (await readConfigAs(host, paths, agentsConfigNeed(host, paths))).config;
}
