/**
 * `imsg rpc`: the imsg CLI as a long-lived JSON-RPC 2.0 server on its
 * stdin/stdout, one JSON object per line. openclaw sends requests
 * (`watch.subscribe`, `send`); imsg answers them by id and pushes each new
 * message as a `message` notification. On a Messages database it cannot
 * open (no Full Disk Access), imsg stays up and answers every request with
 * an error whose data says so.
 *
 * Deno.Command, not host.run: host.run waits for a program to end and hands
 * back its whole output, while imsg runs as long as the channel and speaks
 * line by line through its pipes.
 */
import { lines } from "./lines.ts";

/** A line longer than this is not a message we can use: it is skipped, not buffered. */
const MAX_LINE = 1024 * 1024;
/** How much of imsg's stderr is kept for the message when it exits. */
const STDERR_TAIL = 4096;
/** imsg gets this long to end after SIGTERM before it is killed. */
const KILL_AFTER_MS = 3000;

export class ImsgRpcError extends Error {
  constructor(readonly code: number | undefined, message: string, readonly data?: string) {
    super(message);
  }
}

/** imsg said nothing about a request in time. */
export class ImsgTimeout extends Error {}

export interface ImsgExit {
  code: number;
  /** The end of what imsg wrote to stderr (may hold message text: never logged whole). */
  stderr: string;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export class ImsgRpc {
  private readonly child: Deno.ChildProcess;
  private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = "";
  /** Settles once imsg has exited and its pipes are drained. */
  readonly exited: Promise<ImsgExit>;

  constructor(
    cliPath: string,
    args: string[],
    private readonly onNotification: (method: string, params: unknown) => void,
  ) {
    const child = new Deno.Command(cliPath, {
      args,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.child = child;
    this.writer = child.stdin.getWriter();
    const reading = Promise.all([this.readStdout(), this.readStderr()]);
    this.exited = (async () => {
      const status = await child.status;
      await reading;
      const exit = { code: status.code, stderr: this.stderrTail };
      for (const p of this.pending.values()) {
        p.reject(new Error(`imsg exited (code ${status.code})`));
      }
      this.pending.clear();
      return exit;
    })();
  }

  /** One call; rejects when imsg answers with an error, exits, or says nothing for `timeoutMs`. */
  request<T>(method: string, params: Record<string, unknown>, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    const line = JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n";
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new ImsgRpcError(undefined, `imsg did not answer ${method} within ${timeoutMs / 1000} s`),
        );
      }, timeoutMs);
      const settle = <A>(f: (a: A) => void) => (a: A) => {
        clearTimeout(timer);
        f(a);
      };
      this.pending.set(id, {
        resolve: settle(resolve as (v: unknown) => void),
        reject: settle(reject),
      });
      this.writer.write(new TextEncoder().encode(line)).catch((err) => {
        this.pending.delete(id);
        settle(reject)(new Error(`imsg is not running (${(err as Error).name})`));
      });
    });
  }

  /** End imsg (SIGTERM, then SIGKILL if it lingers) and wait until it has. */
  async stop(): Promise<ImsgExit> {
    await this.writer.close().catch(() => {});
    try {
      this.child.kill("SIGTERM");
    } catch {
      // It has exited already.
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const killed = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        try {
          this.child.kill("SIGKILL");
        } catch {
          // It has exited meanwhile.
        }
        resolve();
      }, KILL_AFTER_MS);
    });
    const exit = await Promise.race([this.exited, killed.then(() => this.exited)]);
    clearTimeout(timer);
    return exit;
  }

  private async readStdout(): Promise<void> {
    for await (const line of lines(this.child.stdout, MAX_LINE)) this.handleLine(line);
  }

  private async readStderr(): Promise<void> {
    const decoder = new TextDecoder();
    for await (const chunk of this.child.stderr) {
      this.stderrTail = (this.stderrTail + decoder.decode(chunk, { stream: true }))
        .slice(-STDERR_TAIL);
    }
  }

  private handleLine(line: string): void {
    if (!line.trim()) return;
    let msg: {
      id?: unknown;
      method?: unknown;
      params?: unknown;
      result?: unknown;
      error?: { code?: unknown; message?: unknown; data?: unknown };
    };
    try {
      msg = JSON.parse(line);
    } catch {
      return; // Not JSON-RPC (a stray log line): nothing to act on.
    }
    if (typeof msg?.method === "string" && msg.id === undefined) {
      return this.onNotification(msg.method, msg.params);
    }
    const pending = typeof msg?.id === "number" ? this.pending.get(msg.id) : undefined;
    if (!pending) return;
    this.pending.delete(msg.id as number);
    if (msg.error) {
      const e = msg.error;
      pending.reject(
        new ImsgRpcError(
          typeof e.code === "number" ? e.code : undefined,
          typeof e.message === "string" ? e.message.slice(0, 300) : "error",
          typeof e.data === "string" ? e.data.slice(0, 2000) : undefined,
        ),
      );
    } else {
      pending.resolve(msg.result);
    }
  }
}
