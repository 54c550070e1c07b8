/**
 * Drive a program in a real terminal: a detached tmux session on a private
 * server (`tmux -L openclaw-test-<random>`, no user config), so a user's own
 * tmux is never touched. The program runs under `env -i` with only the
 * variables given, wrapped so the shell prints `EXIT=<code>` when it ends
 * and the pane stays readable afterwards.
 *
 *   await using term = await TmuxTerminal.start({ cwd, env, argv });
 *   await term.waitFor("◆  How do you want to set up?");
 *   await term.press("Down");
 *
 * Disposing the terminal (the `finally` of `await using`) kills the server.
 */
import { shellQuote } from "../../lib/platform/invocation.ts";

import { fileURLToPath } from "node:url";

/** Whether tmux can be run; tests that need it skip themselves otherwise. */
export const hasTmux: boolean = await (async () => {
  try {
    const out = await new Deno.Command("tmux", { args: ["-V"], stdout: "null", stderr: "null" })
      .output();
    return out.success;
  } catch {
    return false;
  }
})();

export const TMUX_MISSING =
  "tmux is not on PATH: the terminal tests are skipped (scripts/test-deps.sh installs it)";

/** The deno cache the parent uses, so the child does not download npm packages again. */
export async function parentDenoDir(): Promise<string> {
  const fromEnv = Deno.env.get("DENO_DIR");
  if (fromEnv) return fromEnv;
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json"],
      stdout: "piped",
      stderr: "null",
    }).output();
    const dir = JSON.parse(new TextDecoder().decode(out.stdout)).denoDir;
    if (typeof dir === "string" && dir) return dir;
  } catch {
    // fall through to the usual place
  }
  return `${Deno.env.get("HOME")}/.cache/deno`;
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let denoDir: Promise<string> | undefined;

/**
 * The whole environment of the CLI under test: PATH, the given (temp) HOME,
 * the parent's deno cache and an xterm; `extra` adds to it or overrides it.
 */
export async function cliEnv(
  home: string,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  return {
    PATH: Deno.env.get("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: home,
    DENO_DIR: await (denoDir ??= parentDenoDir()),
    TERM: "xterm-256color",
    ...extra,
  };
}

/** `deno run -q -A main.ts <args>` from the repo root in a 100x40 terminal, under `env`. */
export function startCli(args: string[], env: Record<string, string>): Promise<TmuxTerminal> {
  return TmuxTerminal.start({
    cwd: ROOT,
    argv: [Deno.execPath(), "run", "-q", "-A", "main.ts", ...args],
    env,
    width: 100,
    height: 40,
  });
}

export interface StartOptions {
  /** Working folder of the program. */
  cwd: string;
  /** The program and its arguments. */
  argv: string[];
  /** The program's whole environment (run under `env -i`). */
  env: Record<string, string>;
  width?: number;
  height?: number;
}

export interface WaitOptions {
  /** Milliseconds; default 10 s. */
  timeout?: number;
  /** Search the whole scrollback, not just the visible screen. */
  scrollback?: boolean;
}

/** What the test waits for: text, a pattern, or a predicate over the screen. */
export type Expectation = string | RegExp | ((screen: string) => boolean);

const SESSION = "wizard";

export class TmuxTerminal implements AsyncDisposable {
  /** The server's socket file: tmux 3.3 leaves it behind after kill-server. */
  private socketPath: string;

  private constructor(readonly socket: string) {
    const dir = Deno.env.get("TMUX_TMPDIR") || "/tmp";
    this.socketPath = `${dir}/tmux-${Deno.uid()}/${socket}`;
  }

  static async start(opts: StartOptions): Promise<TmuxTerminal> {
    const random = crypto.getRandomValues(new Uint8Array(6));
    const socket = `openclaw-test-${
      Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("")
    }`;
    const term = new TmuxTerminal(socket);
    const assignments = Object.entries(opts.env).map(([k, v]) => `${k}=${shellQuote(v)}`);
    // The pane outlives the program (for the final screen) but not forever,
    // so a test killed before its `finally` leaves no server behind for long.
    const script = `env -i ${assignments.join(" ")} ${opts.argv.map(shellQuote).join(" ")}; ` +
      `echo "EXIT=$?"; sleep 120`;
    try {
      await term.tmux(
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        SESSION,
        "-x",
        String(opts.width ?? 100),
        "-y",
        String(opts.height ?? 40),
        "-c",
        opts.cwd,
        script,
      );
      term.socketPath = (await term.tmux("display-message", "-p", "#{socket_path}")).trim() ||
        term.socketPath;
    } catch (err) {
      await term[Symbol.asyncDispose]();
      throw err;
    }
    return term;
  }

  /** Run a tmux command against this private server; throws when it fails. */
  async tmux(...args: string[]): Promise<string> {
    // Without $TMUX, a test run from inside the user's tmux behaves the same.
    const env = Deno.env.toObject();
    delete env.TMUX;
    delete env.TMUX_PANE;
    const out = await new Deno.Command("tmux", {
      args: ["-L", this.socket, ...args],
      env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    if (!out.success) {
      throw new Error(`tmux ${args.join(" ")} failed: ${decoder.decode(out.stderr).trim()}`);
    }
    return decoder.decode(out.stdout);
  }

  /**
   * The screen as text (no colours). `scrollback` adds the history above it;
   * lines the terminal wrapped are joined back into one either way.
   */
  async screen(scrollback = false): Promise<string> {
    const args = ["capture-pane", "-p", "-J", "-t", SESSION];
    if (scrollback) args.push("-S", "-");
    const text = await this.tmux(...args);
    return text.split("\n").map((l) => l.trimEnd()).join("\n").trimEnd();
  }

  /** Key names as tmux knows them: "Enter", "Down", "Left", "BSpace", "C-c", "y". */
  async press(...keys: string[]): Promise<void> {
    await this.tmux("send-keys", "-t", SESSION, ...keys);
  }

  /** Type text literally (no key-name lookup). */
  async type(text: string): Promise<void> {
    await this.tmux("send-keys", "-t", SESSION, "-l", text);
  }

  /** Poll the screen until the expectation holds; returns that screen. */
  async waitFor(expected: Expectation, opts: WaitOptions = {}): Promise<string> {
    const timeout = opts.timeout ?? 10_000;
    const matches = typeof expected === "string"
      ? (s: string) => s.includes(expected)
      : expected instanceof RegExp
      ? (s: string) => expected.test(s)
      : expected;
    const deadline = Date.now() + timeout;
    let screen = "";
    while (true) {
      screen = await this.screen(opts.scrollback);
      if (matches(screen)) return screen;
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const what = typeof expected === "function" ? "the expected screen" : String(expected);
    throw new Error(
      `Timed out after ${timeout} ms waiting for ${what}. The screen was:\n` +
        `${"-".repeat(40)}\n${screen}\n${"-".repeat(40)}`,
    );
  }

  /** Wait for the program to end; its exit code, from the wrapper's `EXIT=<code>`. */
  async exitCode(timeout = 10_000): Promise<number> {
    const screen = await this.waitFor(/^EXIT=\d+$/m, { timeout, scrollback: true });
    return Number(/^EXIT=(\d+)$/m.exec(screen)![1]);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.tmux("kill-server").catch(() => {});
    await Deno.remove(this.socketPath).catch(() => {});
  }
}
