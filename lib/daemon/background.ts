/**
 * Running the gateway without a service manager (WSL without systemd, a
 * container): detached from the terminal with setsid, output appended to the
 * gateway log, the secrets file loaded like systemd's EnvironmentFile would.
 * It lasts until reboot; nothing restarts it if it stops.
 */
import { ensureDir } from "../platform/files.ts";
import type { DaemonContext } from "./context.ts";
import type { ServiceSpec } from "./spec.ts";
import { runChecked } from "./tool.ts";

/** sh script: $0 = log file, $1 = env file, then the command. */
const LAUNCHER =
  'log=$0; envfile=$1; shift; if [ -f "$envfile" ]; then set -a; . "$envfile"; set +a; fi; ' +
  'exec "$@" >>"$log" 2>&1 </dev/null';

export async function startInBackground(ctx: DaemonContext, spec: ServiceSpec): Promise<string> {
  await ensureDir(ctx.paths.logsDir, 0o700);
  await runChecked(
    ctx.host,
    "setsid",
    ["-f", "sh", "-c", LAUNCHER, spec.stdoutLog, spec.envFile, ...spec.argv],
    "",
    { env: Object.fromEntries(spec.env) },
  );
  return `Started the gateway in the background; its output goes to ${spec.stdoutLog}. ` +
    "It runs until reboot (nothing restarts it if it stops).";
}
