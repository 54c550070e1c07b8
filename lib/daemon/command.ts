/**
 * The command line the service runs: `openclaw gateway run --port <port>`.
 *
 * A compiled openclaw carries its own runtime, so the service runs the binary
 * itself (`Deno.execPath()` when `Deno.build.standalone`). From a source
 * checkout it runs the Deno executable on this checkout's absolute main.ts.
 * Nothing here reads project files: the main.ts path is only computed.
 */

export interface Runtime {
  /** True for a `deno compile`d binary. */
  standalone: boolean;
  /** The running executable: the openclaw binary, or the deno executable. */
  execPath: string;
  /** Absolute path of main.ts (used only when not standalone). */
  mainModule: string;
}

/** The runtime this process runs on. */
export function currentRuntime(): Runtime {
  return {
    standalone: Boolean(Deno.build.standalone),
    execPath: Deno.execPath(),
    mainModule: decodeURIComponent(new URL("../../main.ts", import.meta.url).pathname),
  };
}

/** argv of the gateway service; the program is always an absolute path. */
export function gatewayCommandLine(runtime: Runtime, port: number): string[] {
  const program = runtime.standalone
    ? [runtime.execPath]
    : [runtime.execPath, "run", "-A", runtime.mainModule];
  for (const p of [runtime.execPath, ...(runtime.standalone ? [] : [runtime.mainModule])]) {
    if (!p.startsWith("/")) {
      throw new Error(`the service needs absolute paths, got "${p}"`);
    }
  }
  return [...program, "gateway", "run", "--port", String(port)];
}

/**
 * A command line of ours for a printed hint, with `--profile <name>` before
 * the subcommand so it acts on the same state folder (the service gets
 * OPENCLAW_STATE_DIR instead; a person running it by hand does not).
 */
export function withProfile(argv: string[], profile: string | undefined): string[] {
  if (!profile) return argv;
  const at = argv.indexOf("gateway");
  return [...argv.slice(0, at), "--profile", profile, ...argv.slice(at)];
}

/** `--daemon-runtime` values: what each one means for openclaw. */
export const DAEMON_RUNTIMES = ["node", "deno"] as const;
export type DaemonRuntime = typeof DAEMON_RUNTIMES[number];

export const DAEMON_RUNTIME_HELP =
  "accepted for scripts written for the public CLI; openclaw carries its own runtime, so " +
  "node and deno both mean: the service runs this openclaw binary (from a source checkout: " +
  "deno run -A main.ts). bun is not offered";

/** Check a `--daemon-runtime` value; returns the problem, or undefined when fine. */
export function daemonRuntimeProblem(
  value: string,
  flag = "--daemon-runtime",
): string | undefined {
  if ((DAEMON_RUNTIMES as readonly string[]).includes(value)) return undefined;
  if (value === "bun") {
    return `${flag} bun is not offered: Bun is not recommended for the gateway, and ` +
      `openclaw carries its own runtime. Leave the flag out (or pass ${flag} node).`;
  }
  return `${flag}: unknown runtime "${value}". Use node or deno (both run openclaw's own runtime).`;
}
