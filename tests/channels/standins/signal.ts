/**
 * A signal-cli daemon stand-in serving the daemon's HTTP interface on
 * 127.0.0.1: JSON-RPC 2.0 at POST /api/v1/rpc (send, sendTyping,
 * getUserStatus), the incoming envelopes as Server-Sent Events at GET
 * /api/v1/events, GET /api/v1/check. Tests drive it through /test/ paths on
 * the same server: push an envelope, read the RPC calls, drop the streams.
 *
 * Two ways to run it:
 * - in the test process (signalDaemonStandIn), as "an existing daemon";
 * - as a fake `signal-cli` on PATH (fakeSignalCli writes the script): the
 *   runtime runs `signal-cli -a <account> daemon --http 127.0.0.1:<port>`,
 *   the script starts this file with those arguments, and it writes its
 *   address and arguments to a control file the test reads. With
 *   `unregistered`, it says the account is not registered and exits 1, as
 *   signal-cli does.
 */
import { serveLocal } from "../../helpers/local-server.ts";

export const SIGNAL_ACCOUNT = "+15550001111";
export const SIGNAL_ACCOUNT_UUID = "0b0b0b0b-1111-4222-8333-444455556666";

export interface RpcCall {
  method: string;
  params: Record<string, unknown>;
}

/** The daemon's handler; `base` is where it listens (for nothing but the tests' paths). */
function daemonHandler(account: string, crash?: () => void): Deno.ServeHandler {
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const waiting: string[] = [];
  const calls: RpcCall[] = [];
  const enc = new TextEncoder();
  const deliver = (frame: string) => {
    if (streams.size === 0) return void waiting.push(frame);
    for (const c of streams) c.enqueue(enc.encode(frame));
  };

  function rpc(body: { id?: unknown; method?: unknown; params?: unknown }): Response {
    const method = String(body.method);
    const params = (body.params ?? {}) as Record<string, unknown>;
    calls.push({ method, params });
    const ok = (result: unknown) => Response.json({ jsonrpc: "2.0", id: body.id, result });
    if (method === "send") return ok({ timestamp: Date.now(), results: [] });
    if (method === "sendTyping") return ok({});
    if (method === "getUserStatus") {
      return ok([{ recipient: account, number: account, uuid: SIGNAL_ACCOUNT_UUID }]);
    }
    return Response.json({
      jsonrpc: "2.0",
      id: body.id,
      error: { code: -32601, message: "Method not implemented" },
    });
  }

  function events(): Response {
    let me: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        me = c;
        streams.add(c);
        c.enqueue(enc.encode(":\n\n"));
        for (const f of waiting.splice(0)) c.enqueue(enc.encode(f));
      },
      cancel() {
        streams.delete(me);
      },
    });
    return new Response(body, { headers: { "content-type": "text/event-stream" } });
  }

  return async (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/api/v1/check") return new Response(null, { status: 200 });
    if (path === "/api/v1/events" && req.method === "GET") return events();
    if (path === "/api/v1/rpc" && req.method === "POST") {
      const body = await req.json().catch(() => undefined);
      if (!body) {
        return Response.json({ jsonrpc: "2.0", error: { code: -32700, message: "Parse error" } });
      }
      return rpc(body);
    }
    if (path === "/test/push") {
      deliver(`event:receive\ndata:${JSON.stringify(await req.json())}\n\n`);
      return new Response(null, { status: 204 });
    }
    if (path === "/test/calls") return Response.json(calls);
    if (path === "/test/crash" && crash) {
      setTimeout(crash, 10);
      return new Response(null, { status: 204 });
    }
    if (path === "/test/drop") {
      for (const c of streams) c.close();
      streams.clear();
      return new Response(null, { status: 204 });
    }
    return new Response("not found", { status: 404 });
  };
}

/** How a test talks to a stand-in daemon (in this process or a fake signal-cli's). */
export interface SignalControl {
  base: string;
  /** Deliver an envelope on the event stream: {envelope: {...}}. */
  push(event: unknown): Promise<void>;
  calls(): Promise<RpcCall[]>;
  waitForCall(pred: (c: RpcCall) => boolean, timeoutMs?: number): Promise<RpcCall>;
  /** End every open event stream (the runtime must reconnect). */
  drop(): Promise<void>;
  /** The fake signal-cli's daemon dies (exit code 3), as after an error. */
  crash(): Promise<void>;
}

export function signalControl(base: string): SignalControl {
  const post = async (path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: "POST",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await res.body?.cancel();
  };
  const calls = async () => await (await fetch(`${base}/test/calls`)).json() as RpcCall[];
  return {
    base,
    push: (event) => post("/test/push", event),
    calls,
    drop: () => post("/test/drop"),
    crash: () => post("/test/crash"),
    async waitForCall(pred, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      while (true) {
        const hit = (await calls()).find(pred);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching signal-cli call`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/** An existing daemon, in this process. */
export function signalDaemonStandIn(account = SIGNAL_ACCOUNT): SignalControl & AsyncDisposable {
  const server = serveLocal(daemonHandler(account));
  return { ...signalControl(server.base), [Symbol.asyncDispose]: () => server.close() };
}

export interface FakeSignalCli {
  /** The folder to put on PATH. */
  dir: string;
  /** Waits until the fake daemon listens; returns its control and the arguments it got. */
  started(timeoutMs?: number): Promise<{ control: SignalControl; args: string[]; pid: number }>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A `signal-cli` script in a temp folder that runs this file as the daemon. */
export async function fakeSignalCli(opts: { unregistered?: boolean } = {}): Promise<FakeSignalCli> {
  const dir = await Deno.makeTempDir({ prefix: "openclaw-signal-cli-" });
  const controlFile = `${dir}/daemon.json`;
  const self = new URL(import.meta.url).pathname;
  const flags = opts.unregistered ? " --unregistered" : "";
  await Deno.writeTextFile(
    `${dir}/signal-cli`,
    `#!/bin/sh\nexec '${Deno.execPath()}' run -A --quiet --no-lock '${self}' --control '${controlFile}'${flags} "$@"\n`,
    { mode: 0o755 },
  );
  return {
    dir,
    async started(timeoutMs = 15000) {
      const deadline = Date.now() + timeoutMs;
      while (true) {
        try {
          const { base, args, pid } = JSON.parse(await Deno.readTextFile(controlFile));
          return { control: signalControl(base), args, pid };
        } catch {
          if (Date.now() > deadline) throw new Error("the fake signal-cli never listened");
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    },
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
}

/** As the fake signal-cli: `--control <file> [--unregistered] -a <account> daemon --http <addr>`. */
async function main(argv: string[]): Promise<void> {
  const control = argv[argv.indexOf("--control") + 1];
  const account = argv[argv.indexOf("-a") + 1];
  const args = argv.slice(argv.indexOf("--control") + 2).filter((a) => a !== "--unregistered");
  if (argv.includes("--unregistered")) {
    console.error(`INFO  Starting daemon\nERROR App - User ${account} is not registered.`);
    Deno.exit(1);
  }
  const [hostname, port] = argv[argv.indexOf("--http") + 1].split(":");
  const server = Deno.serve(
    { hostname, port: Number(port), onListen: () => {} },
    daemonHandler(account, () => {
      console.error("ERROR App - Unexpected error, exiting");
      Deno.exit(3);
    }),
  );
  await Deno.writeTextFile(
    control,
    JSON.stringify({ base: `http://${hostname}:${server.addr.port}`, args, pid: Deno.pid }),
  );
  await server.finished;
}

if (import.meta.main) await main(Deno.args);
