/**
 * Step 6: install the gateway as a user service (systemd user unit on Linux
 * and WSL2, LaunchAgent on macOS). QuickStart installs it without asking;
 * Advanced asks. A non-interactive run installs it only with
 * --install-daemon. The step checks the service manager and compares the
 * service file (read-only); the apply phase writes and starts it.
 */
import { DEFAULT_GATEWAY_PORT } from "../../config/schema.ts";
import { ActionableError } from "../../errors.ts";
import type { StepContext } from "../types.ts";
import type { Plan, PlanPart } from "../../plan/types.ts";
import { Q } from "../questions.ts";
import { cli } from "../../platform/invocation.ts";

export async function daemonStep(ctx: StepContext, plan: Plan): Promise<PlanPart> {
  const { prompter, options, host } = ctx;
  const port = plan.summary.gateway?.port ?? ctx.base.gateway?.port ?? DEFAULT_GATEWAY_PORT;
  if (options.skipDaemon || options.installDaemon === false) {
    return { daemon: { install: false, port, reason: "skipped" } };
  }
  if (host.platform !== "linux" && host.platform !== "darwin") {
    await prompter.note(
      "The gateway service is installed on Linux, WSL2 and macOS. Run openclaw inside WSL2.",
      "Gateway service",
    );
    return { daemon: { install: false, port, reason: `not supported on ${host.platform}` } };
  }
  // Interactively, find out first whether a user service is possible at all: asking
  // "install it?" and then explaining that it cannot be done is a question wasted.
  // (Unattended runs touch no service manager unless --install-daemon asks for one.)
  if (prompter.interactive && host.platform === "linux") {
    const blocked = await noUserServiceReason(ctx, port);
    if (blocked) return await withoutService(ctx, port, blocked);
  }

  const install = await prompter.confirm({
    ...Q.installDaemon,
    message: host.platform === "darwin"
      ? "Install the gateway as a LaunchAgent (starts at login, restarts if it stops)?"
      : "Install the gateway as a systemd user service (starts at boot, restarts if it stops)?",
    // Unattended runs install a service only when asked to (--install-daemon).
    initialValue: prompter.interactive,
    silent: ctx.flow === "quickstart",
  });
  if (!install) {
    const reason = prompter.interactive ? "declined" : "pass --install-daemon to install it";
    return { daemon: { install: false, port, reason } };
  }

  // Loaded only when a service is wanted: most of lib/daemon is not needed otherwise.
  const { liveDaemonContext } = await import("../../daemon/context.ts");
  const { serviceManager, serviceSpec } = await import("../../daemon/service.ts");
  const { editedFileMessage } = await import("../../daemon/service-file.ts");
  // The wizard asks; sudo may prompt on a terminal.
  const live = await liveDaemonContext(host, ctx.paths, prompter.interactive);
  const manager = serviceManager(live);
  let prepared;
  try {
    prepared = await manager.prepare(serviceSpec(live, port));
  } catch (err) {
    if (!(err instanceof ActionableError)) throw err;
    return await withoutService(ctx, port, err);
  }

  let replaceEdited = false;
  if (prepared.change === "edited") {
    await prompter.note(editedFileMessage(prepared, host.home), "Service file edited by hand");
    replaceEdited = await prompter.confirm({
      ...Q.daemonReplaceEdited,
      message: "Replace it with openclaw's version?",
      initialValue: false,
    });
  }
  return {
    daemon: { install: true, port, manager: manager.kind, prepared, replaceEdited },
    nextSteps: [`See the gateway service: ${cli("daemon status")}`],
  };
}

/** Why no systemd user service can be installed here (no systemctl, no user bus), if so. */
async function noUserServiceReason(
  ctx: StepContext,
  port: number,
): Promise<ActionableError | undefined> {
  const { liveDaemonContext } = await import("../../daemon/context.ts");
  const { serviceSpec } = await import("../../daemon/service.ts");
  const { systemdAvailability, unavailableError } = await import("../../daemon/systemd.ts");
  const dctx = await liveDaemonContext(ctx.host, ctx.paths, true);
  const a = await systemdAvailability(dctx);
  return a.ok ? undefined : unavailableError(dctx, a, serviceSpec(dctx, port).argv);
}

/** No service can be installed: say why, and offer to run the gateway another way. */
async function withoutService(
  ctx: StepContext,
  port: number,
  err: ActionableError,
): Promise<PlanPart> {
  const { prompter, host } = ctx;
  const { SystemdUnavailableError } = await import("../../daemon/systemd.ts");
  await prompter.note(err.message, "Gateway service");
  const canBackground = err instanceof SystemdUnavailableError && prompter.interactive &&
    Boolean(await host.which("setsid"));
  const fallback = canBackground
    ? await prompter.select<"skip" | "background">({
      ...Q.daemonFallback,
      message: "Run the gateway another way?",
      options: [
        { value: "skip", label: "Not now", hint: `run \`${cli("gateway run")}\` yourself later` },
        {
          value: "background",
          label: "Start it in the background now",
          hint: "until reboot; nothing restarts it if it stops",
        },
      ],
      initialValue: "skip",
      silent: ctx.flow === "quickstart",
    })
    : "skip";
  return {
    daemon: {
      install: false,
      port,
      background: fallback === "background",
      reason: err instanceof SystemdUnavailableError
        ? (err.availability.missing ? "systemctl not found" : "no systemd user bus")
        : "see the note above",
    },
    nextSteps: [`Install the gateway service once it is possible: ${cli("daemon install")}`],
  };
}
