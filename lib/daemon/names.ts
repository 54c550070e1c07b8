/**
 * What the gateway service is called and where its file lives, per profile,
 * so two profiles (`--profile work`) get two services that do not collide.
 * Names follow the public OpenClaw CLI: `openclaw-gateway.service` and the
 * LaunchAgent label `ai.openclaw.gateway` (`ai.openclaw.<profile>`).
 */
import type { StatePaths } from "../config/paths.ts";

export interface ServiceNames {
  /** systemd user unit name, e.g. "openclaw-gateway.service". */
  systemdUnit: string;
  /** launchd label, e.g. "ai.openclaw.gateway". */
  launchdLabel: string;
}

export function serviceNames(profile?: string): ServiceNames {
  return profile
    ? { systemdUnit: `openclaw-gateway-${profile}.service`, launchdLabel: `ai.openclaw.${profile}` }
    : { systemdUnit: "openclaw-gateway.service", launchdLabel: "ai.openclaw.gateway" };
}

/** ~/.config/systemd/user/<unit> (systemd reads user units there, whatever XDG_CONFIG_HOME says for other tools). */
export function systemdUnitPath(home: string, names: ServiceNames): string {
  return `${home}/.config/systemd/user/${names.systemdUnit}`;
}

export function launchAgentPath(home: string, names: ServiceNames): string {
  return `${home}/Library/LaunchAgents/${names.launchdLabel}.plist`;
}

/** Where launchd writes the gateway's output (systemd uses the journal). */
export function gatewayLogPaths(paths: StatePaths): { stdout: string; stderr: string } {
  return { stdout: `${paths.logsDir}/gateway.log`, stderr: `${paths.logsDir}/gateway.err.log` };
}
