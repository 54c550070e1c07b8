/**
 * The host: every effect a step may have on the world (environment, HOME,
 * clock, randomness, running commands, terminal output) goes through this
 * object so that logic runs in tests against a temp HOME and a recording
 * command runner. File-system calls use Deno's API on paths derived from
 * `host.home` / `host.env`, so a temp HOME isolates them too.
 */
import { isBrokenPipe } from "./platform/broken-pipe.ts";

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  stdin?: string;
  /** Stop the program (SIGTERM) after this long and return what it printed so far. */
  timeoutMs?: number;
  /**
   * Hand the terminal to the program (stdin, stdout and stderr inherited), e.g.
   * for sudo's password prompt; the result then has empty stdout and stderr.
   */
  interactive?: boolean;
}

export interface Host {
  /** The user's home folder; never read HOME directly elsewhere. */
  readonly home: string;
  readonly platform: typeof Deno.build.os;
  readonly pid: number;
  readonly hostname: string;
  env(name: string): string | undefined;
  now(): Date;
  /** Cryptographically random bytes (tokens). */
  randomBytes(n: number): Uint8Array;
  /** Run a program; never throws for a non-zero exit, only when it cannot start. */
  run(cmd: string, args: string[], opts?: RunOptions): Promise<CommandResult>;
  /** Whether the program can be found on PATH. */
  which(cmd: string): Promise<string | undefined>;
  /** The short commit of the git checkout at `dir` (git rev-parse), or undefined. */
  checkoutCommit(dir: string): Promise<string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  readonly stdinIsTerminal: boolean;
  readonly stdoutIsTerminal: boolean;
}
const encoder = new TextEncoder();

/** The real host: this process, this machine. */
export function realHost(): Host {
  const home = Deno.env.get("HOME") ?? Deno.env.get("USERPROFILE");
  return {
    get home(): string {
      if (!home) throw new HomeMissingError();
      // A relative HOME would put the state under whatever folder the command runs in.
      if (!isAbsoluteHome(home)) throw new HomeMissingError(home);
      return home;
    },
    platform: Deno.build.os,
    pid: Deno.pid,
    hostname: safeHostname(),
    env: (name) => Deno.env.get(name),
    now: () => new Date(),
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    run: runCommand,
    which: (cmd) => whichOnPath(cmd, Deno.env.get("PATH") ?? ""),
    checkoutCommit: gitShortCommit,
    stdout: (text) => writeAll(Deno.stdout, text),
    stderr: (text) => writeAll(Deno.stderr, text),
    stdinIsTerminal: Deno.stdin.isTerminal(),
    stdoutIsTerminal: Deno.stdout.isTerminal(),
  };
}

/**
 * Thrown lazily: commands that never need HOME (--version, --help) still work
 * without it. `relative` is a HOME that is set but not an absolute path.
 */
export class HomeMissingError extends Error {
  readonly exitCode = 1;
  constructor(relative?: string) {
    super(
      (relative === undefined
        ? "HOME is not set, so openclaw cannot tell where its state lives.\n"
        : `HOME is "${relative}", not an absolute path, so openclaw cannot tell where ` +
          "its state lives.\n") +
        "Set HOME to your home folder (export HOME=/home/you) and run the command again.",
    );
  }
}

/** `/home/you`, or `C:\\Users\\you` on Windows; never `~` or `relative/dir`. */
export function isAbsoluteHome(home: string): boolean {
  return home.startsWith("/") || /^[A-Za-z]:[\\/]/.test(home);
}

function safeHostname(): string {
  try {
    return Deno.hostname();
  } catch {
    return "localhost";
  }
}

/** Write all of `text`; a reader that is gone (EPIPE) is not an error (platform/broken-pipe.ts). */
export function writeAll(file: { writeSync(p: Uint8Array): number }, text: string): void {
  let bytes = encoder.encode(text);
  try {
    while (bytes.length > 0) {
      const n = file.writeSync(bytes);
      bytes = bytes.subarray(n);
    }
  } catch (err) {
    // Nobody reads any more (`| head`, a service whose output was closed): the work goes on.
    if (isBrokenPipe(err)) return;
    throw err;
  }
}

async function gitShortCommit(dir: string): Promise<string | undefined> {
  try {
    const r = await runCommand("git", ["rev-parse", "--short", "HEAD"], {
      cwd: dir,
      timeoutMs: 2000,
    });
    const commit = r.stdout.trim();
    return r.code === 0 && /^[0-9a-f]{4,40}$/.test(commit) ? commit : undefined;
  } catch {
    return undefined; // no git on PATH, or not a folder
  }
}

export async function runCommand(
  cmd: string,
  args: string[],
  opts: RunOptions = {},
): Promise<CommandResult> {
  if (opts.interactive) {
    const status = await new Deno.Command(cmd, {
      args,
      cwd: opts.cwd,
      env: opts.env,
      stdin: "inherit",
      stdout: "inherit",
      stderr: "inherit",
    }).output();
    return { code: status.code, stdout: "", stderr: "" };
  }
  const child = new Deno.Command(cmd, {
    args,
    cwd: opts.cwd,
    env: opts.env,
    stdin: opts.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (opts.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(encoder.encode(opts.stdin));
    await writer.close();
  }
  // Browsers such as `dns-sd -B` never end by themselves: stop them at the deadline.
  const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => {
    try {
      child.kill("SIGTERM");
    } catch {
      // already gone
    }
  }, opts.timeoutMs);
  const out = await child.output().finally(() => clearTimeout(timer));
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

export async function whichOnPath(cmd: string, path: string): Promise<string | undefined> {
  if (cmd.includes("/")) return cmd;
  for (const dir of path.split(":")) {
    if (!dir) continue;
    const candidate = `${dir}/${cmd}`;
    try {
      const info = await Deno.stat(candidate);
      if (info.isFile && ((info.mode ?? 0o111) & 0o111) !== 0) return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
