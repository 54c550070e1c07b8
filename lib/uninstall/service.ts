/**
 * Removing the gateway's user service for `openclaw uninstall`.
 *
 * The `openclaw daemon` commands own the service (issue 5). When this build
 * has them, uninstall asks `openclaw daemon uninstall` to do it; otherwise it
 * stops and removes the systemd user unit or LaunchAgent itself with the
 * same commands. `removeService` is the one place to rewire once the daemon
 * module can be called directly.
 */
import { ActionableError } from "../errors.ts";
import type { Host } from "../host.ts";
import { pathExists } from "../platform/files.ts";
import { launchAgentPath, serviceNames, systemdUnitPath } from "../daemon/names.ts";
import { cli } from "../platform/invocation.ts";

export type InstalledService =
  | { kind: "systemd"; file: string; unit: string }
  | { kind: "launchd"; file: string; label: string };

/** Where the daemon module puts this profile's service (one naming rule for both). */
export function serviceFile(host: Host, profile?: string): InstalledService | undefined {
  const names = serviceNames(profile);
  if (host.platform === "darwin") {
    return { kind: "launchd", file: launchAgentPath(host.home, names), label: names.launchdLabel };
  }
  if (host.platform === "linux") {
    return {
      kind: "systemd",
      file: systemdUnitPath(host.home, names),
      unit: names.systemdUnit,
    };
  }
  return undefined;
}

/** The installed service, if its unit file or plist exists. */
export async function findService(
  host: Host,
  profile?: string,
): Promise<InstalledService | undefined> {
  const service = serviceFile(host, profile);
  return service && await pathExists(service.file) ? service : undefined;
}

export interface ServiceRemovalContext {
  host: Host;
  service: InstalledService;
  /** How to run this openclaw (argv prefix) when it has a `daemon` command; else undefined. */
  daemonCommand?: string[];
  /** The uid for launchctl's gui/<uid> domain. */
  uid: number;
}

/** Stop, disable and remove the service. Returns a line saying what was done. */
export async function removeService(ctx: ServiceRemovalContext): Promise<string> {
  const { host, service } = ctx;
  if (ctx.daemonCommand) {
    const [cmd, ...args] = ctx.daemonCommand;
    const r = await host.run(cmd, [...args, "daemon", "uninstall"]);
    if (r.code !== 0) {
      throw new ActionableError(
        `openclaw daemon uninstall failed (exit ${r.code}):\n${(r.stderr || r.stdout).trim()}\n` +
          `Nothing else was removed. Fix that, or remove the service by hand (${service.file}).`,
      );
    }
    return `service removed (${cli("daemon uninstall")})`;
  }
  if (service.kind === "systemd") return await removeSystemdUnit(host, service);
  return await removeLaunchAgent(host, service, ctx.uid);
}

/** systemd without a user manager (WSL without systemd, containers) cannot be running it. */
const NO_USER_BUS =
  /Failed to connect to (user )?bus|System has not been booted with systemd|No medium found/i;

async function removeSystemdUnit(
  host: Host,
  service: Extract<InstalledService, { kind: "systemd" }>,
): Promise<string> {
  const stop = await host.run("systemctl", ["--user", "disable", "--now", service.unit]);
  const noManager = stop.code !== 0 && NO_USER_BUS.test(stop.stderr);
  if (stop.code !== 0 && !noManager) {
    throw new ActionableError(
      `systemctl --user disable --now ${service.unit} failed (exit ${stop.code}):\n` +
        `${(stop.stderr || stop.stdout).trim()}\n` +
        `Nothing else was removed. Stop the service by hand, then run uninstall again.`,
    );
  }
  await Deno.remove(service.file);
  if (!noManager) await host.run("systemctl", ["--user", "daemon-reload"]);
  return noManager
    ? `service file removed: ${service.file} (no systemd user manager here, so it was not running)`
    : `service stopped, disabled and removed: ${service.file}`;
}

async function removeLaunchAgent(
  host: Host,
  service: Extract<InstalledService, { kind: "launchd" }>,
  uid: number,
): Promise<string> {
  const r = await host.run("launchctl", ["bootout", `gui/${uid}/${service.label}`]);
  // 3 / 113: not loaded, which is fine: there is nothing to stop.
  if (
    r.code !== 0 && r.code !== 3 && r.code !== 113 && !/No such process|not find/i.test(r.stderr)
  ) {
    throw new ActionableError(
      `launchctl bootout gui/${uid}/${service.label} failed (exit ${r.code}):\n` +
        `${(r.stderr || r.stdout).trim()}\nNothing else was removed. Unload it by hand, then run ` +
        `uninstall again.`,
    );
  }
  await Deno.remove(service.file);
  return `service unloaded and removed: ${service.file}`;
}
