/**
 * The command line the service runs: `openclaw gateway run --port <port>`.
 *
 * A compiled openclaw carries its own runtime, so the service runs the binary
 * itself (`Deno.execPath()` when `Deno.build.standalone`). From a source
 * checkout it runs a Deno on this checkout's absolute main.ts — never the one
 * in npx's cache (`~/.npm/_npx/<hash>/…`, gone when npm cleans its cache):
 * then a stable `deno` on PATH, or a copy of the running one made once in
 * ~/.openclaw/runtime/deno when the service is installed.
 * Nothing here reads project files: the main.ts path is only computed.
 */
import type { Host } from "../host.ts";
import { isTransientPath, runtimeDenoPath, showPath } from "../platform/invocation.ts";

export interface Runtime {
  /** True for a `deno compile`d binary. */
  standalone: boolean;
  /** The running executable: the openclaw binary, or the deno executable. */
  execPath: string;
  /** Absolute path of main.ts (used only when not standalone). */
  mainModule: string;
  /** A transient Deno to copy to execPath before the service may run it. */
  copyFrom?: string;
}

/** The runtime this process runs on. */
export function currentRuntime(): Runtime {
  return {
    standalone: Boolean(Deno.build.standalone),
    execPath: Deno.execPath(),
    mainModule: decodeURIComponent(new URL("../../main.ts", import.meta.url).pathname),
  };
}

/**
 * The runtime a service (or the launcher `deno task link` writes) should run:
 * this one unless its Deno lives in npx's cache; then a `deno` on the user's
 * PATH that does not, or else ~/.openclaw/runtime/deno, copied by
 * ensureRuntime() when the service is installed. A compiled openclaw whose
 * file was replaced or removed while it runs gives the installed binary
 * instead (installed-binary.ts), or an ActionableError.
 */
export async function stableRuntime(host: Host, rt: Runtime = currentRuntime()): Promise<Runtime> {
  if (rt.standalone) {
    // Lazy: only a compiled openclaw may have been replaced under itself (installed-binary.ts).
    const { serviceBinary } = await import("./installed-binary.ts");
    return { ...rt, execPath: await serviceBinary(host, rt.execPath) };
  }
  const real = await Deno.realPath(rt.execPath).catch(() => rt.execPath);
  if (!isTransientPath(real)) return rt;
  for (const dir of (host.env("PATH") ?? "").split(":")) {
    if (!dir.startsWith("/") || isTransientPath(dir)) continue;
    const target = await Deno.realPath(`${dir}/deno`).catch(() => undefined);
    if (target && !isTransientPath(target)) return { ...rt, execPath: `${dir}/deno` };
  }
  return { ...rt, execPath: runtimeDenoPath(host.home), copyFrom: real };
}

/**
 * Copy the running Deno to where stableRuntime() said the service runs it,
 * unless the same version is already there. Returns what was done, for the
 * install's steps; nothing when there was nothing to copy.
 */
export async function ensureRuntime(host: Host, rt: Runtime): Promise<string | undefined> {
  if (!rt.copyFrom) return undefined;
  const have = await host.run(rt.execPath, ["--version"]).catch(() => undefined);
  const want = await host.run(rt.copyFrom, ["--version"]).catch(() => undefined);
  const version = want?.stdout.split("\n")[0].trim();
  if (have?.code === 0 && version && have.stdout.split("\n")[0].trim() === version) {
    return undefined;
  }
  const dir = rt.execPath.slice(0, rt.execPath.lastIndexOf("/"));
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  // Copy then rename: a service running the old copy keeps its (now unlinked) file.
  const tmp = `${rt.execPath}.${crypto.randomUUID()}.tmp`;
  try {
    await Deno.copyFile(rt.copyFrom, tmp);
    await Deno.chmod(tmp, 0o755);
    await Deno.rename(tmp, rt.execPath);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
  return `Copied ${version ?? "Deno"} to ${showPath(host.home, rt.execPath)} ` +
    "(npx's cache, where it ran from, can be cleaned at any time)";
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
