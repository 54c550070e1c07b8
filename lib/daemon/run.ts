/**
 * `openclaw daemon install|uninstall|start|stop|restart|status`: builds the
 * context from the real world (user, uid, runtime, the configured port),
 * runs one operation and prints what happened, as text or --json.
 */
import type { Host } from "../host.ts";
import { type StatePaths, tildify } from "../config/paths.ts";
import { readConfigFile } from "../config/store.ts";
import { readConfigOrStop } from "../config/read-valid.ts";
import { DEFAULT_GATEWAY_PORT } from "../config/schema.ts";
import { validatePort } from "../config/validators.ts";
import { UsageError } from "../errors.ts";
import { daemonRuntimeProblem, ensureRuntime } from "./command.ts";
import { type DaemonContext, liveDaemonContext } from "./context.ts";
import { serviceManager, serviceSpec } from "./service.ts";
import { EditedFileError, editedFileMessage } from "./service-file.ts";
import { shellJoin } from "./tool.ts";
import type { ActionOutcome, InstallOutcome, ServiceStatus } from "./types.ts";
import { cli } from "../platform/invocation.ts";

export type DaemonAction = "install" | "uninstall" | "start" | "stop" | "restart" | "status";

export interface DaemonRequest {
  host: Host;
  paths: StatePaths;
  action: DaemonAction;
  json: boolean;
  /** install: the port (default: the config's gateway.port). */
  port?: string;
  /** install: replace a hand-edited service file without asking. */
  force?: boolean;
  /** install: --runtime, accepted for compatibility. */
  runtime?: string;
  /** status: probe the gateway (default true). */
  probe?: boolean;
  /** Tests pass a prepared context; the CLI builds the real one. */
  ctx?: DaemonContext;
  /** Ask a yes/no question on the terminal (tests replace it). */
  confirm?: (message: string) => Promise<boolean>;
}

export async function runDaemon(req: DaemonRequest): Promise<number> {
  const { host } = req;
  if (req.runtime !== undefined) {
    const problem = daemonRuntimeProblem(req.runtime, "--runtime");
    if (problem) throw new UsageError(problem, ["--runtime"]);
  }
  const port = req.port === undefined ? undefined : parsePortFlag(req.port);
  const ctx = req.ctx ??
    await liveDaemonContext(
      host,
      req.paths,
      !req.json && host.stdinIsTerminal && host.stdoutIsTerminal,
    );
  const manager = serviceManager(ctx);
  const print = (doc: unknown, text: string) =>
    req.json ? host.stdout(JSON.stringify(doc, null, 2) + "\n") : host.stdout(text + "\n");

  switch (req.action) {
    case "install": {
      const spec = serviceSpec(ctx, port ?? await configuredPort(host, req.paths));
      const prepared = await manager.prepare(spec);
      let replaceEdited = Boolean(req.force);
      if (prepared.change === "edited" && !replaceEdited) {
        if (!ctx.interactive || !req.confirm) throw new EditedFileError(prepared, host.home);
        ctx.say(editedFileMessage(prepared, host.home) + "\n");
        replaceEdited = await req.confirm("Replace it with openclaw's version?");
        if (!replaceEdited) {
          print(
            { ok: false, action: "install", kept: prepared.path },
            `Kept your edited ${tildify(prepared.path, host.home)}; nothing was changed.`,
          );
          return 1;
        }
      }
      const copied = await ensureRuntime(host, ctx.runtime);
      const out = await manager.install(spec, prepared, { replaceEdited });
      if (copied) out.steps.unshift(copied);
      if (!(await readConfigFile(req.paths.configPath)).exists) {
        out.warnings.push(
          `There is no config yet (${tildify(req.paths.configPath, host.home)}): ` +
            `set the gateway up with \`${cli("onboard")}\`, then \`${cli("daemon restart")}\`.`,
        );
      }
      print({ ok: true, action: "install", ...out }, renderOutcome(out));
      return 0;
    }
    case "uninstall":
    case "start":
    case "stop":
    case "restart": {
      const out = await manager[req.action]();
      print({ ok: true, action: req.action, ...out }, renderOutcome(out));
      return 0;
    }
    case "status": {
      const fallback = await configuredPort(host, req.paths);
      const probing = req.probe === false
        ? {
          ...ctx,
          probe: () => Promise.resolve({ answers: false, detail: "not checked (--no-probe)" }),
        }
        : ctx;
      const status = await serviceManager(probing).status(fallback);
      print({ ok: true, ...status }, renderStatus(status, host.home));
      return 0;
    }
  }
}

function parsePortFlag(value: string): number {
  const problem = validatePort(value);
  if (problem) throw new UsageError(`--port: ${problem}`, ["--port"]);
  return Number(value);
}

/** The port in the config, or the default when there is no config; an invalid one stops the command. */
export async function configuredPort(host: Host, paths: StatePaths): Promise<number> {
  const { config } = await readConfigOrStop(host, paths);
  return config.gateway?.port ?? DEFAULT_GATEWAY_PORT;
}

export function renderOutcome(out: ActionOutcome | InstallOutcome): string {
  const lines = out.steps.map((s) => `✓ ${s}`);
  for (const w of out.warnings) lines.push(`! ${w}`);
  if ("file" in out) lines.push(`Check it any time: ${cli("daemon status")}`);
  return lines.join("\n");
}

export function renderStatus(s: ServiceStatus, home: string): string {
  const yesNo = (v: boolean | undefined) => (v === undefined ? "unknown" : v ? "yes" : "no");
  const kind = s.manager === "systemd" ? "systemd user unit" : "LaunchAgent";
  const lines = [
    `Service    ${s.name} (${kind})`,
    `File       ${tildify(s.file, home)}`,
    `Installed  ${yesNo(s.installed)}`,
    `Enabled    ${yesNo(s.enabled)}`,
    `Running    ${yesNo(s.running)}${s.pid ? ` (pid ${s.pid})` : ""}${
      s.state && !s.running ? ` — ${s.state}` : ""
    }`,
  ];
  if (s.command) lines.push(`Command    ${shellJoin(s.command)}`);
  if (s.restarts) lines.push(`Restarts   ${s.restarts} (after the gateway stopped)`);
  if (s.lastExit) {
    const how = s.lastExit.signal ?? `code ${s.lastExit.code}`;
    lines.push(`Last exit  ${how}${s.lastExit.at ? ` at ${s.lastExit.at}` : ""}`);
  }
  lines.push(
    `Gateway    ${
      s.gateway.answers ? "answers" : "does not answer"
    } on port ${s.port}: ${s.gateway.detail}`,
  );
  if (s.problem) lines.push(`Problem    ${s.problem}`);
  if (s.remedy) lines.push("", ...s.remedy);
  else if (!s.installed) lines.push(`Install it with: ${cli("daemon install")}`);
  return lines.join("\n");
}
