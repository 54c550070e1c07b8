/**
 * Starting the WhatsApp worker (worker.ts, Baileys in a process of its own)
 * and talking to it in JSON lines: for linking (login.ts) and for the
 * gateway's session (connection.ts). From source it runs under deno with its
 * own frozen lock and only the permissions it needs; a compiled binary runs
 * it as itself (main.ts routes WORKER_COMMAND).
 */
import { fileURLToPath } from "node:url";
import type { Host } from "../../host.ts";
import { NETWORK_ENV, pickEnv } from "../../platform/network-env.ts";
import { printable } from "../../platform/terminal-text.ts";

/** Where the worker runs from: this checkout's file, or the binary itself (see main.ts). */
const WORKER = new URL("../../cli/whatsapp-worker.ts", import.meta.url);
const WORKER_LOCK = new URL("./worker.lock", import.meta.url);
/** The argument main.ts routes to the worker in a compiled binary. */
export const WORKER_COMMAND = "__whatsapp-worker";

/** Tests only: a file with Baileys' shape the worker loads instead of Baileys. */
export const LIBRARY_ENV = "OPENCLAW_WHATSAPP_LIBRARY";

export interface WorkerRuntime {
  standalone: boolean;
  execPath: string;
}

export interface WorkerOptions {
  /** "run" for the gateway's session; linking otherwise. */
  mode?: "run";
  /** A stand-in library file (LIBRARY_ENV), readable by the worker besides its folder. */
  library?: string;
}

export const currentRuntime = (): WorkerRuntime => ({
  standalone: Boolean(Deno.build.standalone),
  execPath: Deno.execPath(),
});

/** How to start the worker for `authDir`: deno on the worker file, or this binary. */
export function workerCommand(
  runtime: WorkerRuntime,
  authDir: string,
  opts: WorkerOptions = {},
): { cmd: string; args: string[] } {
  const mode = opts.mode ? [opts.mode] : [];
  if (runtime.standalone) {
    return { cmd: runtime.execPath, args: [WORKER_COMMAND, authDir, ...mode] };
  }
  const library = opts.library?.startsWith("file:") ? fileURLToPath(opts.library) : opts.library;
  const readable = library ? `${authDir},${library}` : authDir;
  return {
    cmd: runtime.execPath,
    args: [
      "run",
      "--quiet",
      // Its own pinned lock: the project's deno.lock (and so every cold start) stays without it.
      "--no-config",
      `--lock=${fileURLToPath(WORKER_LOCK)}`,
      "--frozen",
      // The network and this one folder; no --allow-ffi, so no native addon (sharp) can load.
      "--allow-net",
      `--allow-read=${readable}`,
      `--allow-write=${authDir}`,
      "--allow-env",
      "--allow-sys",
      fileURLToPath(WORKER),
      authDir,
      ...mode,
    ],
  };
}

/**
 * What Deno itself needs to find its cache and reach the npm registry (the worker fetches
 * Baileys on first use): read from this process, as they describe this same runtime.
 */
const RUNTIME_ENV = [
  "HOME",
  "PATH",
  "TMPDIR",
  "XDG_CACHE_HOME",
  "DENO_DIR",
  ...NETWORK_ENV,
  "NPM_CONFIG_REGISTRY",
];

export function runtimeEnv(): Record<string, string> {
  return pickEnv(RUNTIME_ENV);
}

/** A running worker: its JSON lines, a way to send it one, and its end. */
export interface WorkerProcess {
  /** Each JSON object the worker printed (other lines are skipped); ends when it exits. */
  messages(): AsyncGenerator<Record<string, unknown>>;
  /** One command line on its stdin (dropped once it ended). */
  write(obj: unknown): Promise<void>;
  /** Close its stdin (it ends the session), and kill it if it is still there 2 s later. */
  end(): void;
  /** Its exit, with the last line of what it wrote to stderr (printable, bounded). */
  exited: Promise<{ code: number; stderrTail: string }>;
  ended(): boolean;
}

export function spawnWorker(
  host: Host,
  authDir: string,
  opts: { mode?: "run"; runtime?: WorkerRuntime } = {},
): WorkerProcess {
  const library = host.env(LIBRARY_ENV);
  const { cmd, args } = workerCommand(opts.runtime ?? currentRuntime(), authDir, {
    mode: opts.mode,
    library,
  });
  const wsUrl = host.env("OPENCLAW_WHATSAPP_WS_URL");
  const child = new Deno.Command(cmd, {
    args,
    // Not our environment: it holds API keys and tokens, and the worker may read its own.
    clearEnv: true,
    env: {
      ...runtimeEnv(),
      NO_COLOR: "1",
      ...(wsUrl ? { OPENCLAW_WHATSAPP_WS_URL: wsUrl } : {}),
      ...(library ? { [LIBRARY_ENV]: library } : {}),
    },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stdin = child.stdin.getWriter();
  const encoder = new TextEncoder();
  let ended = false;
  const stderr = tail(child.stderr);
  const exited = (async () => {
    const status = await child.status;
    return { code: status.code, stderrTail: lastLine(await stderr) };
  })();
  return {
    async *messages() {
      const lines = child.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(
        new LineStream(),
      );
      for await (const line of lines) {
        let msg: unknown;
        try {
          msg = JSON.parse(line);
        } catch {
          continue;
        }
        if (msg && typeof msg === "object" && !Array.isArray(msg)) {
          yield msg as Record<string, unknown>;
        }
      }
    },
    write: async (obj) => {
      if (ended) return;
      await stdin.write(encoder.encode(JSON.stringify(obj) + "\n")).catch(() => {});
    },
    end: () => {
      if (ended) return;
      ended = true;
      stdin.close().catch(() => {});
      // It exits when stdin closes; make sure, if Baileys hangs on its way out.
      const timer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* already gone */ }
      }, 2000);
      child.status.finally(() => clearTimeout(timer));
    },
    exited,
    ended: () => ended,
  };
}

/** The most of its error output kept: a session runs for days, only its last words matter. */
const STDERR_KEPT = 8192;

/** The end of a stream, read to its end (a long-running worker's stderr is not all kept). */
async function tail(stream: ReadableStream<Uint8Array>): Promise<string> {
  let kept = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    kept = (kept + chunk).slice(-STDERR_KEPT);
  }
  return kept;
}

/** The last non-empty line of a program's error output, without colours or controls. */
function lastLine(text: string): string {
  const lines = text.split("\n").map((l) => printable(l).trim()).filter(Boolean);
  return (lines.pop() ?? "").slice(0, 300);
}

/** The longest line kept: a WhatsApp text (64 Ki characters) escaped as JSON fits. */
const MAX_LINE = 1 << 20;

/** Splits a text stream into lines, dropping any longer than MAX_LINE. */
class LineStream extends TransformStream<string, string> {
  constructor() {
    let rest = "";
    let overlong = false;
    super({
      transform(chunk, controller) {
        const parts = (rest + chunk).split("\n");
        rest = parts.pop() ?? "";
        for (const p of parts) {
          if (!overlong) controller.enqueue(p);
          overlong = false;
        }
        if (rest.length > MAX_LINE) {
          rest = "";
          overlong = true;
        }
      },
      flush(controller) {
        if (rest && !overlong) controller.enqueue(rest);
      },
    });
  }
}
