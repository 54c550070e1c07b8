/**
 * What every agents command starts from: a config that exists and is valid.
 * An invalid one stops the command before anything is asked, with the same
 * advice onboarding gives (run doctor), so nothing is written on top of it.
 */
import { readConfigFile } from "../config/store.ts";
import { checkConfig, invalidConfigError } from "../config/validate.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { type StatePaths, tildify } from "../config/paths.ts";
import type { Host } from "../host.ts";
import { ActionableError } from "../errors.ts";
import { cli } from "../platform/invocation.ts";

export async function readValidConfig(host: Host, paths: StatePaths): Promise<OpenclawConfig> {
  const file = await readConfigFile(paths.configPath);
  const status = checkConfig(file);
  if (status.state === "missing") {
    throw new ActionableError(
      `There is no config at ${tildify(paths.configPath, host.home)} yet. ` +
        `Run \`${cli("onboard")}\` first.`,
    );
  }
  if (status.state === "invalid") {
    throw invalidConfigError(tildify(paths.configPath, host.home), status.problems);
  }
  return status.config;
}
