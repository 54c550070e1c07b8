/**
 * Run the real CLI (`deno run -A main.ts …`) in a subprocess, black-box: a
 * clean environment (only PATH, HOME=<temp home>, DENO_DIR, NO_COLOR,
 * OPENCLAW_SKIP_AUTH_CHECK=1 and what the test adds), the temp home as working folder, no standard input unless
 * given. The real HOME is never passed on.
 *
 *   await using home = await tempDir();
 *   const r = await runCli(["onboard", ...ONBOARD_FLAGS], { home: home.path });
 */
import { fileURLToPath } from "node:url";
import { NETWORK_ENV, pickEnv } from "../../lib/platform/network-env.ts";

/** The entry point, absolute, so the child can run from any folder. */
export const MAIN_TS: string = fileURLToPath(new URL("../../main.ts", import.meta.url));

/** A key of the right shape; it is never sent anywhere. */
export const TEST_API_KEY = "sk-ant-test-0000000000000000000";

/** The bench's non-interactive onboard: risk accepted, Anthropic API key given. */
export const ONBOARD_FLAGS: readonly string[] = [
  "--non-interactive",
  "--accept-risk",
  "--auth-choice",
  "apiKey",
  "--anthropic-api-key",
  TEST_API_KEY,
  // The health check starts a real gateway on the configured port: tests/gateway/ covers it.
  "--skip-health",
];

export interface RunOptions {
  /** The child's HOME (a temp dir), also its working folder. */
  home: string;
  /** Extra variables on top of the clean environment. */
  env?: Record<string, string>;
  /** Text written to the child's standard input (default: none, stdin is /dev/null). */
  stdin?: string;
  /** Leave HOME out of the environment (the child still runs in `home`). */
  noHome?: boolean;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The deno cache of this process, so the child does not download npm packages again. */
export function parentDenoDir(): string {
  const fromEnv = Deno.env.get("DENO_DIR");
  if (fromEnv) return fromEnv;
  const realHome = Deno.env.get("HOME") ?? "/root";
  const xdgCache = Deno.env.get("XDG_CACHE_HOME");
  if (Deno.build.os === "darwin") return `${realHome}/Library/Caches/deno`;
  if (xdgCache?.startsWith("/")) return `${xdgCache}/deno`;
  return `${realHome}/.cache/deno`;
}

const DENO_DIR = parentDenoDir();

export async function runCli(args: string[], opts: RunOptions): Promise<RunResult> {
  const env: Record<string, string> = {
    PATH: Deno.env.get("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
    DENO_DIR,
    // How this machine reaches the npm registry (a TLS proxy's CA, a proxy): passed on as a
    // user's shell would, for the one test that fetches the WhatsApp library on first use.
    ...pickEnv(NETWORK_ENV),
    NO_COLOR: "1",
    // Keys here are fakes and tests never reach the internet: no live key check
    // unless a test points the provider at its own server on 127.0.0.1.
    OPENCLAW_SKIP_AUTH_CHECK: "1",
    ...(opts.noHome ? {} : { HOME: opts.home }),
    ...opts.env,
  };
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", "-A", MAIN_TS, ...args],
    cwd: opts.home,
    clearEnv: true,
    env,
    stdin: opts.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (opts.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(opts.stdin));
    await writer.close();
  }
  const out = await child.output();
  const decoder = new TextDecoder();
  return {
    code: out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

/** stdout and stderr together, for "does X appear anywhere". */
export function allOutput(r: RunResult): string {
  return r.stdout + r.stderr;
}

/** Whether the text holds JavaScript stack frames ("    at f (file:///…:1:2)"). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+(:\d+:\d+\)?|\(native\))$/m.test(text);
}

/** One entry per file, folder and link under `root`: type, mode, and a file's mtime and text. */
export async function snapshotTree(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(dir: string, rel: string): Promise<void> {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${dir}/${entry.name}`;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const info = await Deno.lstat(path);
      const mode = ((info.mode ?? 0) & 0o7777).toString(8);
      const mtime = info.mtime?.getTime() ?? 0;
      if (info.isDirectory) {
        // A folder's mtime moves whenever an entry comes and goes (the lock file does).
        out.set(relPath, `dir ${mode}`);
        await walk(path, relPath);
      } else if (info.isFile) {
        out.set(relPath, `file ${mode} ${mtime} ${await Deno.readTextFile(path)}`);
      } else {
        out.set(relPath, `other ${mode}`);
      }
    }
  }
  await walk(root, "");
  return out;
}

/** Names directly inside a folder, sorted ([] when it does not exist). */
export async function listDir(dir: string): Promise<string[]> {
  try {
    return (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort();
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound || err instanceof Deno.errors.NotADirectory) {
      return false;
    }
    throw err;
  }
}

/** Parse a plain-JSON file written by openclaw. */
// deno-lint-ignore no-explicit-any -- the tests read the parsed JSON field by field
export async function readJson(path: string): Promise<any> {
  return JSON.parse(await Deno.readTextFile(path));
}
