/**
 * A stand-in for the `imsg` CLI, in two halves in this one file:
 *
 * - run as a program (`import.meta.main`), it is `imsg rpc`: JSON-RPC 2.0
 *   over stdin/stdout, one object per line, with `watch.subscribe` (then
 *   `message` notifications) and `send`, as the real imsg speaks it; with
 *   `--deny` it answers every request with the error imsg gives when macOS
 *   refuses it the Messages database; with `--deny-exit` it exits saying so
 *   on stderr, as older imsg versions do. It reports to the test and takes its
 *   orders (messages to push, exit) over a WebSocket to the test's control
 *   server on 127.0.0.1.
 * - imported by a test, `imessageStandIn()` starts that control server and
 *   writes an executable `imsg` into a temp folder (put it on PATH) that
 *   runs this file with Deno.
 */
import { serveLocal } from "../../helpers/local-server.ts";
import { lines } from "../../../lib/channels/imessage/lines.ts";

export interface ImsgSend {
  chat_id?: number;
  to?: string;
  text: string;
}

export interface IMessageStandIn extends AsyncDisposable {
  /** The folder holding the fake `imsg` (for PATH). */
  dir: string;
  /** Each start's command line (after the program name), in order. */
  spawns: string[][];
  /** Each watch.subscribe's params, in order. */
  subscribes: Record<string, unknown>[];
  sent: ImsgSend[];
  /** Push a new message to the running imsg (waits until one has subscribed). */
  push(message: Record<string, unknown>): Promise<void>;
  /** Make the running imsg exit with `code`, as a crash would. */
  exit(code: number): Promise<void>;
  waitForSend(pred: (m: ImsgSend) => boolean, timeoutMs?: number): Promise<ImsgSend>;
  /** Waits until `n` imsg processes have subscribed. */
  waitForSubscribes(n: number, timeoutMs?: number): Promise<void>;
}

export async function imessageStandIn(
  opts: { deny?: "answer" | "exit" } = {},
): Promise<IMessageStandIn> {
  const spawns: string[][] = [];
  const subscribes: Record<string, unknown>[] = [];
  const sent: ImsgSend[] = [];
  const sockets = new Set<WebSocket>();
  let current: WebSocket | undefined;
  const server = serveLocal((req) => {
    // Recorded as it connects, before it can answer anything (and be stopped for it).
    spawns.push(JSON.parse(new URL(req.url).searchParams.get("args") ?? "[]"));
    const { socket, response } = Deno.upgradeWebSocket(req);
    sockets.add(socket);
    socket.onclose = () => {
      sockets.delete(socket);
      if (current === socket) current = undefined;
    };
    socket.onmessage = (e) => {
      const m = JSON.parse(String(e.data));
      if (m.type === "subscribe") {
        subscribes.push(m.params);
        current = socket;
      }
      if (m.type === "send") sent.push(m.params);
    };
    return response;
  });
  const dir = await Deno.makeTempDir({ prefix: "openclaw-imsg-" });
  const control = server.base.replace(/^http/, "ws");
  const self = new URL(import.meta.url).pathname;
  const script = [
    "#!/bin/sh",
    `exec '${Deno.execPath()}' run --no-config --no-lock -A '${self}' ` +
    `--control '${control}'${opts.deny ? ` --deny-${opts.deny}` : ""} "$@"`,
    "",
  ].join("\n");
  await Deno.writeTextFile(`${dir}/imsg`, script, { mode: 0o755 });

  const until = async (ok: () => boolean, what: string, timeoutMs = 8000) => {
    const deadline = Date.now() + timeoutMs;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`imsg stand-in: ${what} in time`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    dir,
    spawns,
    subscribes,
    sent,
    async push(message) {
      await until(() => current !== undefined, "no imsg subscribed");
      current!.send(JSON.stringify({ type: "message", message }));
    },
    async exit(code) {
      await until(() => current !== undefined, "no imsg running");
      current!.send(JSON.stringify({ type: "exit", code }));
      current = undefined;
    },
    async waitForSend(pred, timeoutMs) {
      await until(
        () => sent.some(pred),
        `no matching send (sent ${JSON.stringify(sent)})`,
        timeoutMs,
      );
      return sent.find(pred)!;
    },
    waitForSubscribes: (n, timeoutMs) =>
      until(() => subscribes.length >= n, `not ${n} subscriptions`, timeoutMs),
    async [Symbol.asyncDispose]() {
      for (const s of sockets) s.close();
      await until(() => sockets.size === 0, "sockets still open", 3000).catch(() => {});
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** The fake `imsg` itself: `imsg --control <ws-url> [--deny-answer|--deny-exit] rpc [--db <path>]`. */
async function fakeImsg(argv: string[]): Promise<void> {
  const control = argv[argv.indexOf("--control") + 1];
  const deny = argv.includes("--deny-answer");
  const args = argv.slice(argv.indexOf("--control") + 2).filter((a) => !a.startsWith("--deny"));
  if (args[0] !== "rpc") {
    console.error(`imsg stand-in: unknown command ${args[0]}`);
    Deno.exit(64);
  }
  const ws = new WebSocket(`${control}/?args=${encodeURIComponent(JSON.stringify(args))}`);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  if (argv.includes("--deny-exit")) {
    console.error(
      "Error: unable to open database file: ~/Library/Messages/chat.db (authorization denied)",
    );
    ws.close();
    Deno.exit(1);
  }
  const report = (m: unknown) => ws.send(JSON.stringify(m));
  const out = (m: unknown) => Deno.stdout.write(new TextEncoder().encode(JSON.stringify(m) + "\n"));
  ws.onmessage = async (e) => {
    const m = JSON.parse(String(e.data));
    if (m.type === "message") {
      await out({
        jsonrpc: "2.0",
        method: "message",
        params: { subscription: 1, message: m.message },
      });
    }
    if (m.type === "exit") {
      console.error("imsg stand-in: exiting as told");
      Deno.exit(m.code);
    }
  };
  ws.onclose = () => Deno.exit(0);

  const answer = (
    req: { id?: unknown; method?: string; params?: Record<string, unknown> },
  ) => {
    if (deny) {
      // What imsg answers when it could not open chat.db (its startup error server).
      return out({
        jsonrpc: "2.0",
        id: req.id,
        error: {
          code: -32603,
          message: "Internal error",
          data: "Permission Error: unable to open database file at ~/Library/Messages/chat.db. " +
            "Grant Full Disk Access to your terminal.",
        },
      });
    }
    if (req.method === "watch.subscribe") {
      report({ type: "subscribe", params: req.params ?? {} });
      return out({ jsonrpc: "2.0", id: req.id, result: { subscription: 1 } });
    }
    if (req.method === "send") {
      report({ type: "send", params: req.params });
      return out({ jsonrpc: "2.0", id: req.id, result: { ok: true } });
    }
    return out({
      jsonrpc: "2.0",
      id: req.id,
      error: { code: -32601, message: "Method not found" },
    });
  };

  for await (const line of lines(Deno.stdin.readable)) {
    if (line.trim()) await answer(JSON.parse(line));
  }
  ws.close();
  Deno.exit(0);
}

if (import.meta.main) await fakeImsg(Deno.args);
