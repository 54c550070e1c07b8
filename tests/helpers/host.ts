/**
 * Test doubles for the host: a temp HOME that deletes itself (`await using`),
 * a fixed clock, and a command runner that records calls and answers from a
 * table instead of running anything.
 */
import type { CommandResult, Host, RunOptions } from "../../lib/host.ts";

export interface RecordedCall {
  cmd: string;
  args: string[];
  opts?: RunOptions;
}

export interface TestHost extends Host {
  calls: RecordedCall[];
  out: string[];
  err: string[];
  envVars: Record<string, string>;
}

export interface TestHostOptions {
  home: string;
  env?: Record<string, string>;
  platform?: typeof Deno.build.os;
  now?: Date;
  /** Answer a command; default: exit 127 "not found". */
  runner?: (cmd: string, args: string[]) => CommandResult | Promise<CommandResult>;
  /** Programs that `which` finds. */
  onPath?: string[];
  tty?: boolean;
  /** What checkoutCommit() answers (default: not a git checkout). */
  commit?: string;
}

export function testHost(opts: TestHostOptions): TestHost {
  const calls: RecordedCall[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const envVars: Record<string, string> = { HOME: opts.home, ...opts.env };
  let counter = 0;
  return {
    home: opts.home,
    platform: opts.platform ?? "linux",
    pid: Deno.pid,
    hostname: "testhost",
    calls,
    out,
    err,
    envVars,
    env: (name) => envVars[name],
    now: () => opts.now ?? new Date("2026-11-25T10:00:00Z"),
    randomBytes: (n) => {
      // Deterministic but distinct per call, so tests can compare.
      counter++;
      return new Uint8Array(n).map((_, i) => (i * 7 + counter) & 0xff);
    },
    run: async (cmd, args, runOpts) => {
      calls.push({ cmd, args, opts: runOpts });
      return opts.runner
        ? await opts.runner(cmd, args)
        : { code: 127, stdout: "", stderr: `${cmd}: not found` };
    },
    which: (cmd) => Promise.resolve(opts.onPath?.includes(cmd) ? `/usr/bin/${cmd}` : undefined),
    checkoutCommit: () => Promise.resolve(opts.commit),
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdinIsTerminal: opts.tty ?? false,
    stdoutIsTerminal: opts.tty ?? false,
  };
}

/** A temp directory removed at the end of the scope: `await using dir = await tempDir()`. */
export async function tempDir(
  prefix = "openclaw-test-",
): Promise<AsyncDisposable & { path: string }> {
  const path = await Deno.makeTempDir({ prefix });
  return {
    path,
    async [Symbol.asyncDispose]() {
      await Deno.remove(path, { recursive: true }).catch(() => {});
    },
  };
}

/** File mode bits (e.g. 0o600) of a path. */
export async function modeOf(path: string): Promise<number> {
  return ((await Deno.stat(path)).mode ?? 0) & 0o777;
}
