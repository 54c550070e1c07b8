/**
 * The gateway as a macOS LaunchAgent: every effect is a launchctl call
 * through the host, in a fixed order tests assert.
 *
 *   install   launchctl print gui/<uid> (is there a login session?); print
 *             gui/<uid>/<label> (loaded?); write the plist if it changed; then
 *             bootout + bootstrap (changed), kickstart -k (unchanged), or
 *             enable + bootstrap (not loaded yet)
 *   uninstall bootout; remove the plist
 *   stop      bootout (KeepAlive would restart a killed gateway); it loads again at login
 *
 * A LaunchAgent needs a logged-in user session. A Mac nobody logs in to
 * (headless) needs a LaunchDaemon instead, which openclaw does not provide.
 */
import { ensureDir, pathExists, readTextIfExists } from "../platform/files.ts";
import { ActionableError } from "../errors.ts";
import type { DaemonContext } from "./context.ts";
import { gatewayLogPaths, launchAgentPath } from "./names.ts";
import { parseProgramArguments, renderLaunchAgentPlist } from "./launchd-plist.ts";
import type { ServiceSpec } from "./spec.ts";
import { prepareFile, removeServiceFile, writePrepared } from "./service-file.ts";
import { runChecked, runTool, shellJoin } from "./tool.ts";
import { shellQuoteKeepingTilde as shellQuote } from "../platform/invocation.ts";
import { portInUseError, portOf } from "./port-check.ts";
import { notInstalled } from "./systemd.ts";
import type { ActionOutcome, InstallOutcome, PreparedFile, ServiceStatus } from "./types.ts";
import { cli } from "../platform/invocation.ts";

export interface AgentState {
  loaded: boolean;
  running: boolean;
  pid?: number;
  state?: string;
  lastExitCode?: number;
}

/** Parse `launchctl print gui/<uid>/<label>`. */
export function parseLaunchctlPrint(text: string): Omit<AgentState, "loaded"> {
  const state = text.match(/^\s*state = (.+)$/m)?.[1]?.trim();
  const pid = Number(text.match(/^\s*pid = (\d+)$/m)?.[1] ?? 0);
  const exit = text.match(/^\s*last exit code = (-?\d+)/m)?.[1];
  return {
    running: state === "running",
    state,
    pid: pid > 0 ? pid : undefined,
    lastExitCode: exit === undefined ? undefined : Number(exit),
  };
}

export class LaunchdService {
  readonly kind = "launchd" as const;
  constructor(private readonly ctx: DaemonContext) {}

  get file(): string {
    return launchAgentPath(this.ctx.host.home, this.ctx.names);
  }
  private get label(): string {
    return this.ctx.names.launchdLabel;
  }
  private get domain(): string {
    return `gui/${this.ctx.uid}`;
  }
  private get target(): string {
    return `${this.domain}/${this.label}`;
  }

  private launchctl(args: string[]) {
    const logs = gatewayLogPaths(this.ctx.paths);
    return runChecked(
      this.ctx.host,
      "launchctl",
      args,
      `Its log: ${shellQuote(logs.stderr)}; details: launchctl print ${this.target}`,
    );
  }

  /** Is launchctl there, with a login session (the gui/<uid> domain)? */
  private async assertSession(argv: string[]): Promise<void> {
    const r = await runTool(this.ctx.host, "launchctl", ["print", this.domain]);
    if (r.code === 0) return;
    const said = (r.stderr || r.stdout).trim().split("\n")[0];
    throw new ActionableError(
      (r.code === 127
        ? "launchctl was not found, so the gateway cannot be installed as a LaunchAgent."
        : `There is no login session for this user (launchctl print ${this.domain}: ${said}).\n` +
          "A LaunchAgent needs a user logged in to the Mac. On a Mac nobody logs in to " +
          "(headless), a custom LaunchDaemon in /Library/LaunchDaemons is needed; openclaw " +
          "does not provide one.") +
        `\nMeanwhile, run the gateway in a terminal: ${shellJoin(argv)}`,
    );
  }

  private async agentState(): Promise<AgentState> {
    const r = await runTool(this.ctx.host, "launchctl", ["print", this.target]);
    if (r.code !== 0) return { loaded: false, running: false };
    return { loaded: true, ...parseLaunchctlPrint(r.stdout) };
  }

  async prepare(spec: ServiceSpec): Promise<PreparedFile> {
    await this.assertSession(spec.argv);
    return await prepareFile(this.file, renderLaunchAgentPlist(spec, this.label));
  }

  async install(
    spec: ServiceSpec,
    prepared: PreparedFile,
    opts: { replaceEdited: boolean },
  ): Promise<InstallOutcome> {
    const home = this.ctx.host.home;
    const state = await this.agentState();
    const port = portOf(spec.argv);
    if (!state.running && port !== undefined && await this.ctx.portInUse(port)) {
      throw portInUseError(port, this.label);
    }
    const out: InstallOutcome = {
      manager: "launchd",
      file: this.file,
      change: prepared.change,
      steps: [],
      warnings: [],
    };
    await ensureDir(this.ctx.paths.logsDir, 0o700);
    const { written, backup, step } = await writePrepared(prepared, opts.replaceEdited, home);
    if (backup) out.backup = backup;
    out.steps.push(step);
    if (state.loaded && written) {
      // launchd keeps the loaded copy: unload and load again to pick up the change.
      await this.launchctl(["bootout", this.target]);
      await this.bootstrap();
      out.steps.push(`Reloaded ${this.label} and started it`);
    } else if (state.loaded) {
      await this.launchctl(["kickstart", "-k", this.target]);
      out.steps.push(`Restarted ${this.label}`);
    } else {
      // A previous `launchctl disable` would keep it from loading at login.
      await this.launchctl(["enable", this.target]);
      await this.bootstrap();
      out.steps.push(`Loaded ${this.label} (starts at login) and started it`);
    }
    return out;
  }

  /** bootstrap, retried once: right after a bootout launchd may still be unloading. */
  private async bootstrap(): Promise<void> {
    const args = ["bootstrap", this.domain, this.file];
    const first = await runTool(this.ctx.host, "launchctl", args);
    if (first.code === 0) return;
    await new Promise((r) => setTimeout(r, 500));
    await this.launchctl(args);
  }

  async uninstall(): Promise<ActionOutcome> {
    const home = this.ctx.host.home;
    const out: ActionOutcome = { manager: "launchd", steps: [], warnings: [] };
    const state = await this.agentState();
    if (state.loaded) {
      await this.launchctl(["bootout", this.target]);
      out.steps.push(`Stopped and unloaded ${this.label}`);
    }
    if (await pathExists(this.file)) {
      out.steps.push(await removeServiceFile(this.file, home));
    }
    if (out.steps.length === 0) out.steps.push(`${this.label} is not installed; nothing to do`);
    return out;
  }

  async start(): Promise<ActionOutcome> {
    const argv = await this.installedArgv();
    const state = await this.agentState();
    if (state.running) {
      return { manager: "launchd", steps: [`${this.label} is already running`], warnings: [] };
    }
    const port = portOf(argv);
    if (port !== undefined && await this.ctx.portInUse(port)) {
      throw portInUseError(port, this.label);
    }
    if (state.loaded) await this.launchctl(["kickstart", this.target]);
    else await this.bootstrap();
    return { manager: "launchd", steps: [`Started ${this.label}`], warnings: [] };
  }

  async stop(): Promise<ActionOutcome> {
    await this.installedArgv();
    const state = await this.agentState();
    if (!state.loaded) {
      return { manager: "launchd", steps: [`${this.label} is not running`], warnings: [] };
    }
    await this.launchctl(["bootout", this.target]);
    return {
      manager: "launchd",
      steps: [`Stopped ${this.label}`],
      warnings: [
        `It starts again at your next login. To remove it for good: ${cli("daemon uninstall")}`,
      ],
    };
  }

  async restart(): Promise<ActionOutcome> {
    const argv = await this.installedArgv();
    const state = await this.agentState();
    if (state.loaded) {
      await this.launchctl(["kickstart", "-k", this.target]);
    } else {
      const port = portOf(argv);
      if (port !== undefined && await this.ctx.portInUse(port)) {
        throw portInUseError(port, this.label);
      }
      await this.bootstrap();
    }
    return { manager: "launchd", steps: [`Restarted ${this.label}`], warnings: [] };
  }

  private async installedArgv(): Promise<string[]> {
    const text = await readTextIfExists(this.file);
    if (text === undefined) throw notInstalled(this.file, this.ctx.host.home);
    const argv = parseProgramArguments(text) ?? [];
    await this.assertSession(argv);
    return argv;
  }

  async status(fallbackPort: number): Promise<ServiceStatus> {
    const text = await readTextIfExists(this.file);
    const command = text === undefined ? undefined : parseProgramArguments(text);
    const port = portOf(command ?? []) ?? fallbackPort;
    const status: ServiceStatus = {
      manager: "launchd",
      name: this.label,
      file: this.file,
      installed: text !== undefined,
      command,
      port,
      gateway: await this.ctx.probe(port),
    };
    const session = await runTool(this.ctx.host, "launchctl", ["print", this.domain]);
    if (session.code !== 0) {
      status.problem = session.code === 127
        ? "launchctl was not found"
        : `no login session for this user (${(session.stderr || session.stdout).trim()})`;
      return status;
    }
    const s = await this.agentState();
    const disabled = await runTool(this.ctx.host, "launchctl", ["print-disabled", this.domain]);
    const isDisabled = new RegExp(`"${this.label.replace(/\./g, "\\.")}"\\s*=>\\s*(disabled|true)`)
      .test(disabled.stdout);
    status.enabled = status.installed && !isDisabled;
    status.running = s.running;
    status.state = s.loaded ? s.state ?? "loaded" : "not loaded";
    status.pid = s.pid;
    if (s.lastExitCode !== undefined) status.lastExit = { code: s.lastExitCode };
    return status;
  }
}
