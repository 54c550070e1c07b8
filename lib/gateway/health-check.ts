/**
 * The gateway's health check, which onboarding runs last (a check of its
 * plan, skipped with --skip-health): ask the gateway the new config
 * describes for its health.
 * When nothing answers locally: wait for the gateway the run started in the
 * background, or start the installed service; otherwise start the gateway in
 * this process just for the check and stop it again, so the user learns now
 * whether the settings work (port free, address valid, auth accepted), not
 * when the service first starts. A failed check is a warning with the fix;
 * what was written stays. The note holds no command: commands go to the next
 * steps, printed where they can be copied (lib/onboard/finish.ts).
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { Prompter } from "../wizard/prompter.ts";
import { readConfigFile } from "../config/store.ts";
import { checkConfig } from "../config/validate.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { callGateway, GatewayCallError } from "./client.ts";
import { gatewayTarget } from "./target.ts";
import type { HealthPayload } from "./methods/health.ts";
import { renderCallFailure } from "./report.ts";
import { cli } from "../platform/invocation.ts";

export const HEALTH_TIMEOUT_MS = 5_000;
/** How long a just-started service gets to answer. */
const SERVICE_START_MS = 8_000;

export interface HealthOutcome {
  ok: boolean;
  /**
   * "running": a gateway already answered; "service": the installed service was
   * started and answered; "background": the gateway this run started in the
   * background answered; "started": we ran one in this process for the check
   * (so nothing runs it now).
   */
  how?: "running" | "service" | "background" | "started";
  message: string;
}

export interface HealthContext {
  host: Host;
  paths: StatePaths;
  prompter: Prompter;
  /** This run started the gateway in the background: wait for it, never start another. */
  background?: boolean;
  /** The config just written (the apply's result); absent, it is read from the file. */
  config?: OpenclawConfig;
}

export async function healthCheckStep(ctx: HealthContext): Promise<HealthOutcome> {
  const progress = ctx.prompter.progress("Health check");
  const outcome = await check(ctx).catch((err): HealthOutcome => ({
    ok: false,
    message: `The health check could not run: ${(err as Error)?.message ?? err}`,
  }));
  progress.stop(outcome.ok ? "Health check passed" : "Health check failed");
  await ctx.prompter.note(outcome.message, "Health check");
  return outcome;
}

async function check(ctx: HealthContext): Promise<HealthOutcome> {
  const config = ctx.config ?? checkConfig(await readConfigFile(ctx.paths.configPath)).config;
  const target = await gatewayTarget(ctx.host, config);
  const ask = () =>
    callGateway<HealthPayload>({ ...target, method: "health", timeoutMs: HEALTH_TIMEOUT_MS });
  try {
    const h = await ask();
    return {
      ok: true,
      how: "running",
      message: `The gateway at ${target.url} is ${h.status} (openclaw ${h.version}).`,
    };
  } catch (err) {
    if (!(err instanceof GatewayCallError)) throw err;
    if (err.kind !== "unreachable" || target.remote) {
      return { ok: false, message: renderCallFailure(err, target.url, target.remote) };
    }
  }
  if (ctx.background) {
    // Started a moment ago: it needs a few seconds to listen. Never bind the port ourselves.
    const h = await askUntil(ask, SERVICE_START_MS);
    return h
      ? {
        ok: true,
        how: "background",
        message: `The gateway started in the background answers at ${target.url}: ${h.status}.`,
      }
      : {
        ok: false,
        message: `The gateway started in the background did not answer at ${target.url} ` +
          `within ${SERVICE_START_MS / 1000} s. Its log is in ${ctx.paths.logsDir}.`,
      };
  }
  // An installed service that is not running: start it, as the user would, and ask again.
  const fromService = await startInstalledService(ctx, ask);
  if (fromService) return fromService;
  // Nothing runs yet: start the gateway here, ask it, stop it.
  const [{ gatewaySettingsFromConfig, resolveListenHost }, { startGateway }] = await Promise.all([
    import("./settings.ts"),
    import("./server.ts"),
  ]);
  const base = gatewaySettingsFromConfig(config, {}, ctx.host.env);
  // The check needs no tailscale exposure; the real start applies it.
  const settings = {
    ...base,
    tailscale: "off" as const,
    hostname: await resolveListenHost(ctx.host, base),
  };
  const { PortInUseError } = await import("./server.ts");
  let gw;
  try {
    gw = await startGateway({ host: ctx.host, paths: ctx.paths, settings, log: () => {} });
  } catch (err) {
    if (!(err instanceof PortInUseError)) throw err;
    return { ok: false, message: portInUseMessage(err.port, err.hostname) };
  }
  try {
    const h = await ask();
    return {
      ok: true,
      how: "started",
      message: `The settings work: a gateway started on ${target.url} for the check and ` +
        `answered: ${h.status}. It was stopped after the check, so nothing runs it yet ` +
        "(see the next steps).",
    };
  } catch (err) {
    if (!(err instanceof GatewayCallError)) throw err;
    return { ok: false, message: renderCallFailure(err, target.url, false) };
  } finally {
    await gw.shutdown();
  }
}

/**
 * Onboarding's fixes for a taken port. `gateway run --port/--force` belong to
 * another command; here the port is a setting of the config just written.
 */
function portInUseMessage(port: number, hostname: string): string {
  return `Port ${port} on ${hostname} is already in use by another program, so the gateway ` +
    "set up here could not start. The settings were saved.\n" +
    `If it is an older openclaw gateway, see it with ${cli("status")} and stop it ` +
    `(${cli("daemon stop")}, or end its gateway run). Otherwise choose another port: ` +
    `${cli("configure --section gateway")}.`;
}

async function askUntil(
  ask: () => Promise<HealthPayload>,
  ms: number,
): Promise<HealthPayload | undefined> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      return await ask();
    } catch (err) {
      if (!(err instanceof GatewayCallError) || err.kind !== "unreachable") return undefined;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return undefined;
}

/** Where the daemon module keeps this profile's service file. */
async function installedServiceFile(host: Host, paths: StatePaths): Promise<string | undefined> {
  const { launchAgentPath, serviceNames, systemdUnitPath } = await import(
    "../daemon/names.ts"
  );
  const names = serviceNames(paths.profile);
  const file = host.platform === "darwin"
    ? launchAgentPath(host.home, names)
    : systemdUnitPath(host.home, names);
  return await Deno.stat(file).then(() => file, () => undefined);
}

/**
 * The service is installed but its gateway does not answer: start it through
 * its manager and give it a few seconds. Undefined when there is no service
 * or it cannot be started (the in-process check then says more).
 */
async function startInstalledService(
  ctx: { host: Host; paths: StatePaths },
  ask: () => Promise<HealthPayload>,
): Promise<HealthOutcome | undefined> {
  if (!(await installedServiceFile(ctx.host, ctx.paths))) return undefined;
  const { liveDaemonContext } = await import("../daemon/context.ts");
  const { serviceManager } = await import("../daemon/service.ts");
  try {
    await serviceManager(await liveDaemonContext(ctx.host, ctx.paths, false)).start();
  } catch {
    return undefined;
  }
  const deadline = Date.now() + SERVICE_START_MS;
  while (Date.now() < deadline) {
    try {
      const h = await ask();
      return {
        ok: true,
        how: "service",
        message: `The gateway service was not running; it was started and answered: ${h.status}.`,
      };
    } catch (err) {
      if (!(err instanceof GatewayCallError) || err.kind !== "unreachable") return undefined;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return undefined;
}
