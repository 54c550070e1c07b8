/**
 * A gateway on 127.0.0.1, port 0, with a temp HOME, stopped at the end of
 * the scope (`await using gw = await testGateway({...})`), and a raw
 * WebSocket client that records every frame (for protocol-level tests).
 */
import type { WizardRunner } from "../../lib/gateway/methods/wizard.ts";
import { type GatewayLimits, type RunningGateway, startGateway } from "../../lib/gateway/server.ts";
import type { GatewayAuth } from "../../lib/gateway/auth.ts";
import type { AuthSource } from "../../lib/gateway/auth-reload.ts";
import type { Agent } from "../../lib/agent/types.ts";
import { fixedAgent } from "../../lib/gateway/agent-source.ts";
import type { GatewaySettings } from "../../lib/gateway/settings.ts";
import { resolvePaths, type StatePaths } from "../../lib/config/paths.ts";
import { PROTOCOL_VERSION } from "../../lib/gateway/protocol.ts";
import { callGateway } from "../../lib/gateway/client.ts";
import type { Clock } from "../../lib/platform/clock.ts";
import { type TestHost, testHost } from "../helpers/host.ts";
import { MAIN_TS, parentDenoDir } from "../e2e/cli.ts";

export const TOKEN = "test-token-0123456789abcdef";
export const PASSWORD = "correct-horse-battery";

export interface TestGateway extends RunningGateway, AsyncDisposable {
  home: string;
  host: TestHost;
  paths: StatePaths;
  logs: string[];
}

export async function testGateway(opts: {
  auth?: GatewayAuth;
  limits?: Partial<GatewayLimits>;
  settings?: Partial<GatewaySettings>;
  env?: Record<string, string>;
  home?: string;
  runner?: Parameters<typeof testHost>[0]["runner"];
  /** What wizard.start runs; default onboarding's (as `gateway run` hands it), null: none. */
  wizard?: WizardRunner | null;
  onPath?: string[];
  /** Where connect's secret comes from (default: `auth`, fixed). */
  authSource?: AuthSource;
  /** Timers for the deadlines (a FakeClock to see an expiry without waiting for it). */
  clock?: Clock;
  /** The agent chat.send talks to (default: the config's, as `gateway run` has it). */
  agent?: Agent;
} = {}): Promise<TestGateway> {
  const home = opts.home ?? await Deno.makeTempDir({ prefix: "openclaw-gw-" });
  // Test keys are fakes: the wizard's live key check must not try the real provider.
  const env = { OPENCLAW_SKIP_AUTH_CHECK: "1", ...opts.env };
  const host = testHost({ home, env, runner: opts.runner, onPath: opts.onPath });
  const paths = resolvePaths(host);
  const logs: string[] = [];
  const gw = await startGateway({
    host,
    paths,
    settings: {
      port: 0,
      bind: "loopback",
      hostname: "127.0.0.1",
      auth: opts.auth ?? { mode: "token", token: TOKEN },
      tailscale: "off",
      ...opts.settings,
    },
    limits: opts.limits,
    auth: opts.authSource,
    agent: opts.agent ? fixedAgent(opts.agent) : undefined,
    log: (l) => void logs.push(l),
    // What `openclaw gateway run` hands its gateway (lib/cli/gateway.ts): onboarding's flow.
    wizard: opts.wizard === null ? undefined : opts.wizard ??
      (async (run) => (await import("../../lib/onboard/rpc-wizard.ts")).rpcWizard(run)),
    clock: opts.clock,
  });
  return {
    ...gw,
    home,
    host,
    paths,
    logs,
    async [Symbol.asyncDispose]() {
      await gw.shutdown();
      await gw.finished;
      if (!opts.home) await Deno.remove(home, { recursive: true }).catch(() => {});
    },
  };
}

/** A raw client: send anything, read frames in order, see how it closed. */
export class RawClient implements AsyncDisposable {
  readonly frames: Record<string, unknown>[] = [];
  closed?: { code: number; reason: string };
  private waiters: (() => void)[] = [];
  private readonly opened: Promise<void>;
  private nextId = 1;

  constructor(readonly ws: WebSocket) {
    this.opened = new Promise((resolve, reject) => {
      ws.onopen = () => resolve();
      ws.onerror = () => reject(new Error("websocket error"));
    });
    ws.onmessage = (e) => {
      this.frames.push(JSON.parse(String(e.data)));
      this.wake();
    };
    ws.onclose = (e) => {
      this.closed = { code: e.code, reason: e.reason };
      this.wake();
    };
  }

  static async open(url: string): Promise<RawClient> {
    const c = new RawClient(new WebSocket(url));
    await c.opened;
    return c;
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(data: string | Uint8Array) {
    this.ws.send(data);
  }

  /** Send a request and return its response frame. */
  // deno-lint-ignore no-explicit-any -- frames are checked field by field by the tests
  async request(method: string, params?: unknown): Promise<any> {
    const id = `r${this.nextId++}`;
    this.send(JSON.stringify({ type: "req", id, method, params }));
    return await this.waitFor((f) => f.type === "res" && f.id === id);
  }

  // deno-lint-ignore no-explicit-any -- see above
  async connect(auth?: { token?: string; password?: string }): Promise<any> {
    return await this.request("connect", {
      minProtocol: PROTOCOL_VERSION,
      maxProtocol: PROTOCOL_VERSION,
      client: { id: "test", version: "0" },
      auth,
    });
  }

  // deno-lint-ignore no-explicit-any -- see above
  async waitFor(match: (f: any) => boolean, timeoutMs = 5000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const found = this.frames.find(match);
      if (found) return found;
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) before the frame came`);
      if (Date.now() > deadline) throw new Error("timed out waiting for a frame");
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  async waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error("socket did not close");
      await new Promise<void>((r) => {
        const t = setTimeout(r, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.closed;
  }

  async [Symbol.asyncDispose]() {
    if (!this.closed) {
      this.ws.close();
      await this.waitClosed().catch(() => {});
    }
  }
}

/** `deno run -q -A main.ts gateway run <args>`. */
export const gatewayArgv = (args: string[] = []): string[] => [
  Deno.execPath(),
  "run",
  "-q",
  "-A",
  MAIN_TS,
  "gateway",
  "run",
  ...args,
];

export interface GatewayProcess extends AsyncDisposable {
  child: Deno.ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Send a signal and wait for the exit code. */
  stop(signal?: Deno.Signal): Promise<number>;
}

/**
 * `argv` (by default `openclaw gateway run`) in the background, in `home`
 * with a clean env (PATH, HOME, the parent's deno cache, NO_COLOR, then
 * `env`); resolved once stdout says "Gateway running", the program exits,
 * or 20 s pass. Disposing it kills it (SIGKILL).
 */
export async function spawnGateway(
  home: string,
  argv: string[] = gatewayArgv(),
  env: Record<string, string> = {},
): Promise<GatewayProcess> {
  const [program, ...rest] = argv;
  const child = new Deno.Command(program, {
    args: rest,
    cwd: home,
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: home,
      DENO_DIR: parentDenoDir(),
      NO_COLOR: "1",
      ...env,
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let out = "";
  let err = "";
  const decoder = new TextDecoder();
  const pump = async (s: ReadableStream<Uint8Array>, add: (t: string) => void) => {
    for await (const chunk of s) add(decoder.decode(chunk));
  };
  const pumps = Promise.all([
    pump(child.stdout, (t) => (out += t)),
    pump(child.stderr, (t) => (err += t)),
  ]);
  let exited: number | undefined;
  const status = child.status.then((s) => (exited = s.code));
  const deadline = Date.now() + 20_000;
  while (!out.includes("Gateway running") && exited === undefined && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
  }
  const stop = async (signal: Deno.Signal = "SIGTERM") => {
    if (exited === undefined) {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
    const code = await status;
    await pumps;
    return code;
  };
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    stop,
    async [Symbol.asyncDispose]() {
      await stop("SIGKILL");
    },
  };
}

/** One `health` call to `url` with `token` (3 s timeout), as the CLI makes it. */
export function healthCall(url: string, token: string = TOKEN): Promise<{ ok: boolean }> {
  return callGateway<{ ok: boolean }>({ url, token, method: "health", timeoutMs: 3000 });
}
