/**
 * What any service manager needs to know to run the gateway, independent of
 * systemd or launchd: the command line, the environment, the optional secrets
 * file and log paths. Built from the state paths so a non-default state dir
 * (OPENCLAW_STATE_DIR, --profile) reaches the gateway.
 */
import { dirname, type StatePaths } from "../config/paths.ts";
import { gatewayCommandLine, type Runtime } from "./command.ts";
import { gatewayLogPaths } from "./names.ts";

export interface ServiceSpec {
  description: string;
  argv: string[];
  /** Variables set for the gateway, in a stable order. */
  env: [string, string][];
  /** KEY=value file read at start when present (secrets the gateway needs). */
  envFile: string;
  stdoutLog: string;
  stderrLog: string;
}

export interface SpecInput {
  home: string;
  paths: StatePaths;
  runtime: Runtime;
  port: number;
  platform: typeof Deno.build.os;
}

export function buildServiceSpec(input: SpecInput): ServiceSpec {
  const { home, paths, runtime, port } = input;
  const argv = gatewayCommandLine(runtime, port);
  const env: [string, string][] = [];
  if (paths.stateDir !== `${home}/.openclaw`) env.push(["OPENCLAW_STATE_DIR", paths.stateDir]);
  if (paths.configPath !== `${paths.stateDir}/openclaw.json`) {
    env.push(["OPENCLAW_CONFIG_PATH", paths.configPath]);
  }
  env.push(["PATH", servicePath(argv[0], input.platform)]);
  const logs = gatewayLogPaths(paths);
  return {
    description: paths.profile
      ? `OpenClaw gateway (profile ${paths.profile}, port ${port})`
      : `OpenClaw gateway (port ${port})`,
    argv,
    env,
    envFile: paths.envFile,
    stdoutLog: logs.stdout,
    stderrLog: logs.stderr,
  };
}

/**
 * A small fixed PATH: service managers start with a bare one, and the gateway
 * runs tools (tailscale, git) found there. The program's own folder comes first.
 */
export function servicePath(program: string, platform: typeof Deno.build.os): string {
  // A folder with ":" in its name cannot be a PATH entry; the program is absolute anyway.
  const dirs = dirname(program).includes(":") ? [] : [dirname(program)];
  if (platform === "darwin") dirs.push("/opt/homebrew/bin");
  dirs.push("/usr/local/bin", "/usr/bin", "/bin");
  if (platform === "darwin") dirs.push("/usr/sbin", "/sbin");
  return [...new Set(dirs)].join(":");
}
