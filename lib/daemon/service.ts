/**
 * The one entry point for service operations: picks systemd (Linux, WSL2) or
 * launchd (macOS) and builds the spec (command line, environment) the
 * service runs.
 */
import { ActionableError } from "../errors.ts";
import type { DaemonContext } from "./context.ts";
import { buildServiceSpec, type ServiceSpec } from "./spec.ts";
import { SystemdService } from "./systemd.ts";
import { LaunchdService } from "./launchd.ts";
import { cli } from "../platform/invocation.ts";

export type ServiceManager = SystemdService | LaunchdService;

export function serviceManager(ctx: DaemonContext): ServiceManager {
  switch (ctx.host.platform) {
    case "linux":
      return new SystemdService(ctx);
    case "darwin":
      return new LaunchdService(ctx);
    case "windows":
      throw new ActionableError(
        "On Windows, openclaw runs inside WSL2: install a Linux distribution " +
          "(wsl --install), then run openclaw there.",
      );
    default:
      throw new ActionableError(
        `Installing the gateway as a service is not supported on ${ctx.host.platform}. ` +
          `Run it yourself: ${cli("gateway run")}`,
      );
  }
}

export function serviceSpec(ctx: DaemonContext, port: number): ServiceSpec {
  return buildServiceSpec({
    home: ctx.host.home,
    paths: ctx.paths,
    runtime: ctx.runtime,
    port,
    platform: ctx.host.platform,
  });
}
