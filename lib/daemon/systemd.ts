/**
 * The gateway as a systemd user service (Linux, WSL2): every effect is a
 * systemctl call through the host, in a fixed order tests assert.
 *
 *   install   systemctl --version; --user show-environment (is there a user bus?);
 *             --user show <unit> (current state); write the unit if it changed;
 *             daemon-reload; enable --now (or restart a running one); linger
 *   uninstall disable --now; remove the unit; daemon-reload
 *   status    the unit file, --user show <unit>, and a probe of the port
 */
import { tildify } from "../config/paths.ts";
import { pathExists, readTextIfExists } from "../platform/files.ts";
import { ActionableError } from "../errors.ts";
import type { DaemonContext } from "./context.ts";
import { gatewayLogPaths, systemdUnitPath } from "./names.ts";
import { parseExecStart, renderSystemdUnit } from "./systemd-unit.ts";
import type { ServiceSpec } from "./spec.ts";
import { prepareFile, removeServiceFile, writePrepared } from "./service-file.ts";
import { runChecked, runTool } from "./tool.ts";
import { systemdRemedy, systemdUnavailableMessage } from "./no-systemd.ts";
import { gatewayCommandLine, withProfile } from "./command.ts";
import { ensureLinger } from "./linger.ts";
import { portInUseError, portOf } from "./port-check.ts";
import type {
  ActionOutcome,
  InstallOutcome,
  LastExit,
  PreparedFile,
  ServiceStatus,
} from "./types.ts";
import { cli } from "../platform/invocation.ts";

export type SystemdAvailability =
  | { ok: true; version: number }
  | { ok: false; missing: boolean; detail: string };

/** Is systemctl there, and is there a user manager to talk to? */
export async function systemdAvailability(ctx: DaemonContext): Promise<SystemdAvailability> {
  const v = await runTool(ctx.host, "systemctl", ["--version"]);
  if (v.code !== 0) {
    return { ok: false, missing: v.code === 127, detail: v.stderr || v.stdout };
  }
  const bus = await runTool(ctx.host, "systemctl", ["--user", "show-environment"]);
  if (bus.code !== 0) return { ok: false, missing: false, detail: bus.stderr || bus.stdout };
  const m = v.stdout.match(/systemd\s+(\d+)/);
  return { ok: true, version: m ? Number(m[1]) : 0 };
}

export class SystemdUnavailableError extends ActionableError {
  constructor(readonly availability: Extract<SystemdAvailability, { ok: false }>, message: string) {
    super(message);
  }
}

export function unavailableError(
  ctx: DaemonContext,
  a: Extract<SystemdAvailability, { ok: false }>,
  argv: string[],
): SystemdUnavailableError {
  return new SystemdUnavailableError(
    a,
    systemdUnavailableMessage({
      detail: a.detail,
      missing: a.missing,
      environment: ctx.environment,
      argv,
      logFile: gatewayLogPaths(ctx.paths).stdout,
    }),
  );
}

export interface UnitState {
  loadState: string;
  unitFileState: string;
  activeState: string;
  subState: string;
  mainPid?: number;
  lastExit?: LastExit;
  /** Automatic restarts since the service was started by hand. */
  restarts?: number;
}

const PROPERTIES = [
  "LoadState",
  "UnitFileState",
  "ActiveState",
  "SubState",
  "MainPID",
  "ExecMainCode",
  "ExecMainStatus",
  "ExecMainExitTimestamp",
  "NRestarts",
];

export async function unitState(ctx: DaemonContext): Promise<UnitState> {
  const r = await runChecked(
    ctx.host,
    "systemctl",
    ["--user", "show", ctx.names.systemdUnit, `--property=${PROPERTIES.join(",")}`],
    "",
  );
  return parseShow(r.stdout);
}

/** `systemctl show` prints Key=Value lines. */
export function parseShow(text: string): UnitState {
  const v: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) v[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  const pid = Number(v.MainPID ?? 0);
  const exitedAt = v.ExecMainExitTimestamp && v.ExecMainExitTimestamp !== "n/a"
    ? v.ExecMainExitTimestamp
    : undefined;
  let lastExit: LastExit | undefined;
  if (exitedAt) {
    // ExecMainCode is the waitid() code: 1 exited, 2 killed, 3 dumped core.
    const code = Number(v.ExecMainCode ?? 0);
    lastExit = code === 1
      ? { code: Number(v.ExecMainStatus ?? 0), at: exitedAt }
      : { signal: signalName(Number(v.ExecMainStatus ?? 0)), at: exitedAt };
  }
  return {
    loadState: v.LoadState ?? "",
    unitFileState: v.UnitFileState ?? "",
    activeState: v.ActiveState ?? "",
    subState: v.SubState ?? "",
    mainPid: pid > 0 ? pid : undefined,
    lastExit,
    restarts: v.NRestarts ? Number(v.NRestarts) : undefined,
  };
}

function signalName(n: number): string {
  const names: Record<number, string> = { 1: "SIGHUP", 2: "SIGINT", 6: "SIGABRT", 9: "SIGKILL" };
  return names[n] ?? (n === 15 ? "SIGTERM" : n === 11 ? "SIGSEGV" : `signal ${n}`);
}

function isActive(s: UnitState): boolean {
  return ["active", "activating", "reloading"].includes(s.activeState);
}

const JOURNAL_HINT = (unit: string) => `Its log: journalctl --user -u ${unit} -n 50`;

export class SystemdService {
  readonly kind = "systemd" as const;
  constructor(private readonly ctx: DaemonContext) {}

  get file(): string {
    return systemdUnitPath(this.ctx.host.home, this.ctx.names);
  }

  private get unit(): string {
    return this.ctx.names.systemdUnit;
  }

  private systemctl(args: string[], hint = JOURNAL_HINT(this.unit)) {
    return runChecked(this.ctx.host, "systemctl", ["--user", ...args], hint);
  }

  /** Check systemd and compare the unit on disk with the one to write. Changes nothing. */
  async prepare(spec: ServiceSpec): Promise<PreparedFile> {
    const a = await systemdAvailability(this.ctx);
    if (!a.ok) throw unavailableError(this.ctx, a, spec.argv);
    return await prepareFile(this.file, renderSystemdUnit(spec, { systemdVersion: a.version }));
  }

  async install(
    spec: ServiceSpec,
    prepared: PreparedFile,
    opts: { replaceEdited: boolean },
  ): Promise<InstallOutcome> {
    const { ctx } = this;
    const home = ctx.host.home;
    const state = await unitState(ctx);
    const wasActive = isActive(state);
    const port = portOf(spec.argv);
    if (!wasActive && port !== undefined && await ctx.portInUse(port)) {
      throw portInUseError(port, this.unit);
    }
    const out: InstallOutcome = {
      manager: "systemd",
      file: this.file,
      change: prepared.change,
      steps: [],
      warnings: [],
    };
    const { written, backup, step } = await writePrepared(prepared, opts.replaceEdited, home);
    if (backup) out.backup = backup;
    out.steps.push(step);
    if (written || state.loadState !== "loaded") {
      await this.systemctl(["daemon-reload"]);
      out.steps.push("Reloaded systemd's user units");
    }
    if (state.unitFileState !== "enabled") {
      await this.systemctl(["enable", "--now", this.unit]);
      out.steps.push(`Enabled ${this.unit} (starts at login) and started it`);
      if (wasActive) {
        await this.systemctl(["restart", this.unit]);
        out.steps.push(`Restarted ${this.unit}`);
      }
    } else if (wasActive) {
      await this.systemctl(["restart", this.unit]);
      out.steps.push(`Restarted ${this.unit}`);
    } else {
      await this.systemctl(["start", this.unit]);
      out.steps.push(`Started ${this.unit}`);
    }
    const linger = await ensureLinger(ctx);
    out.linger = linger.outcome;
    if (linger.step) out.steps.push(linger.step);
    if (linger.warning) out.warnings.push(linger.warning);
    return out;
  }

  async uninstall(): Promise<ActionOutcome> {
    const { ctx } = this;
    const home = ctx.host.home;
    const out: ActionOutcome = { manager: "systemd", steps: [], warnings: [] };
    const present = await pathExists(this.file);
    const a = await systemdAvailability(ctx);
    if (a.ok) {
      const state = await unitState(ctx);
      if (state.loadState === "loaded" || isActive(state)) {
        await this.systemctl(["disable", "--now", this.unit]);
        out.steps.push(`Stopped and disabled ${this.unit}`);
      }
    } else if (present) {
      out.warnings.push(
        `systemd could not be reached (${a.detail.trim().split("\n")[0]}), so nothing was ` +
          "stopped; only the unit file is removed.",
      );
    }
    if (present) {
      out.steps.push(await removeServiceFile(this.file, home));
      if (a.ok) {
        await this.systemctl(["daemon-reload"]);
        out.steps.push("Reloaded systemd's user units");
      }
    }
    if (out.steps.length === 0) out.steps.push(`${this.unit} is not installed; nothing to do`);
    return out;
  }

  async start(): Promise<ActionOutcome> {
    return await this.lifecycle("start", "Started");
  }

  async stop(): Promise<ActionOutcome> {
    return await this.lifecycle("stop", "Stopped");
  }

  async restart(): Promise<ActionOutcome> {
    return await this.lifecycle("restart", "Restarted");
  }

  private async lifecycle(verb: "start" | "stop" | "restart", done: string) {
    const { ctx } = this;
    const text = await readTextIfExists(this.file);
    if (text === undefined) throw notInstalled(this.file, ctx.host.home);
    const a = await systemdAvailability(ctx);
    if (!a.ok) {
      throw unavailableError(ctx, a, parseExecStart(text) ?? []);
    }
    const state = await unitState(ctx);
    const port = portOf(parseExecStart(text) ?? []);
    if (verb !== "stop" && !isActive(state) && port !== undefined && await ctx.portInUse(port)) {
      throw portInUseError(port, this.unit);
    }
    await this.systemctl([verb, this.unit]);
    return { manager: "systemd" as const, steps: [`${done} ${this.unit}`], warnings: [] };
  }

  async status(fallbackPort: number): Promise<ServiceStatus> {
    const { ctx } = this;
    const text = await readTextIfExists(this.file);
    const command = text === undefined ? undefined : parseExecStart(text);
    const port = portOf(command ?? []) ?? fallbackPort;
    const status: ServiceStatus = {
      manager: "systemd",
      name: this.unit,
      file: this.file,
      installed: text !== undefined,
      command,
      port,
      gateway: await ctx.probe(port),
    };
    const a = await systemdAvailability(ctx);
    if (!a.ok) {
      status.problem = a.missing
        ? "systemctl was not found"
        : `no systemd user bus (${a.detail.trim().split("\n")[0]})`;
      // `daemon install` would fail the same way: say what works here instead.
      status.remedy = systemdRemedy({
        environment: ctx.environment,
        argv: withProfile(gatewayCommandLine(ctx.runtime, port), ctx.paths.profile),
        logFile: gatewayLogPaths(ctx.paths).stdout,
      });
      return status;
    }
    const s = await unitState(ctx);
    status.enabled = s.unitFileState === "enabled";
    status.running = s.activeState === "active" && s.subState === "running";
    status.state = s.loadState === "not-found" ? "not loaded" : `${s.activeState} (${s.subState})`;
    status.pid = s.mainPid;
    status.lastExit = s.lastExit;
    status.restarts = s.restarts;
    return status;
  }
}

export function notInstalled(file: string, home: string): ActionableError {
  return new ActionableError(
    `The gateway service is not installed (${tildify(file, home)} does not exist).\n` +
      `Install it with \`${cli("daemon install")}\`.`,
  );
}
