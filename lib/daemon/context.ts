/**
 * What the service code needs from the outside world, in one object: the
 * host (commands, files, output), the state paths, who the user is, the
 * runtime the service will run, and the few probes tests replace (is the
 * port free, does the gateway answer, are we in WSL or a container).
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { type Runtime, stableRuntime } from "./command.ts";
import { type ServiceNames, serviceNames } from "./names.ts";
import type { GatewayProbe } from "./health-probe.ts";

export interface Environment {
  /** Windows Subsystem for Linux. */
  wsl: boolean;
  /** Docker, Podman or another container. */
  container: boolean;
}

export interface DaemonContext {
  host: Host;
  paths: StatePaths;
  names: ServiceNames;
  runtime: Runtime;
  /** Numeric user id (launchd's gui/<uid> domain). */
  uid: number;
  /** Login name (loginctl enable-linger <user>). */
  user: string;
  environment: Environment;
  /** Whether questions may be asked and sudo may prompt for a password. */
  interactive: boolean;
  /** Progress and explanations for the user (stderr when stdout carries JSON). */
  say(text: string): void;
  /** Whether something already listens on 127.0.0.1:<port>. */
  portInUse(port: number): Promise<boolean>;
  /** Whether the gateway answers on 127.0.0.1:<port>. */
  probe: GatewayProbe;
}

export type DaemonContextInput =
  & Omit<DaemonContext, "names" | "environment" | "portInUse" | "probe">
  & Partial<Pick<DaemonContext, "environment" | "portInUse" | "probe">>;

/** Fill in the defaults: real port check, the gateway's health, detected environment. */
export async function daemonContext(input: DaemonContextInput): Promise<DaemonContext> {
  const { portInUse } = await import("./port.ts");
  const { gatewayHealthProbe } = await import("./health-probe.ts");
  return {
    ...input,
    names: serviceNames(input.paths.profile),
    environment: input.environment ?? await detectEnvironment(input.host),
    portInUse: input.portInUse ?? portInUse,
    probe: input.probe ?? gatewayHealthProbe(input.host, input.paths),
  };
}

/**
 * The context from the real world (this user, this runtime), for the daemon
 * commands and onboarding alike; only tests build one by hand.
 */
export async function liveDaemonContext(
  host: Host,
  paths: StatePaths,
  interactive: boolean,
): Promise<DaemonContext> {
  return await daemonContext({
    host,
    paths,
    // Never npx's cache: the service outlives it.
    runtime: await stableRuntime(host),
    uid: Deno.uid() ?? 0,
    user: await currentUser(host),
    interactive,
    say: (t) => host.stderr(t),
  });
}

export async function currentUser(host: Host): Promise<string> {
  const fromEnv = host.env("USER") ?? host.env("LOGNAME");
  if (fromEnv) return fromEnv;
  try {
    const r = await host.run("id", ["-un"]);
    if (r.code === 0 && r.stdout.trim()) return r.stdout.trim();
  } catch {
    // no `id`: fall through
  }
  return String(Deno.uid() ?? "");
}

/** WSL and container detection: environment variables first, then the usual marker files. */
export async function detectEnvironment(host: Host): Promise<Environment> {
  const read = (p: string) => Deno.readTextFile(p).catch(() => "");
  const exists = (p: string) => Deno.stat(p).then(() => true, () => false);
  const wsl = Boolean(host.env("WSL_DISTRO_NAME") || host.env("WSL_INTEROP")) ||
    /microsoft/i.test(await read("/proc/sys/kernel/osrelease"));
  const container = Boolean(host.env("container")) || await exists("/.dockerenv") ||
    await exists("/run/.containerenv");
  return { wsl, container };
}
