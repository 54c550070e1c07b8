/**
 * The signal-cli daemon the gateway runs itself (when no existing daemon's
 * httpUrl is configured): `<cliPath> -a <account> daemon --http
 * 127.0.0.1:<free port>`, ready once /api/v1/check answers, stopped with
 * SIGTERM (then SIGKILL) when the channel stops. If it exits before it is
 * ready, the end of what it printed on stderr is the reason; an account
 * signal-cli does not know ("not registered") is a setup problem, not
 * something to retry.
 */
import { printable } from "../../platform/terminal-text.ts";
import { SignalDaemonApi } from "./daemon-api.ts";

/** The JVM build needs several seconds to start and load the account. */
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;
/** How much of stderr is kept (its end explains an early exit). */
const TAIL_BYTES = 4096;

/** signal-cli does not have this account: register or link it first. */
export class AccountNotRegistered extends Error {}

export interface OwnDaemon {
  api: SignalDaemonApi;
  /** 127.0.0.1:<port> */
  address: string;
  /** Resolves when the process has ended (crashed or stopped). */
  exited: Promise<void>;
  alive(): boolean;
  stop(): Promise<void>;
}

export interface DaemonOptions {
  cliPath: string;
  account: string;
  home: string;
  signal: AbortSignal;
  readyTimeoutMs?: number;
}

export async function startOwnDaemon(opts: DaemonOptions): Promise<OwnDaemon> {
  const address = `127.0.0.1:${freePort()}`;
  // Deno.Command rather than host.run: host.run waits for a program to end, and the daemon runs
  // for as long as the channel does (its stderr is read as it comes, its stop is ours to do).
  const child = new Deno.Command(opts.cliPath, {
    args: ["-a", opts.account, "daemon", "--http", address],
    env: { HOME: opts.home },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let tail = "";
  const reading = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      tail = (tail + chunk).slice(-TAIL_BYTES);
    }
  })().catch(() => {});
  let alive = true;
  const exited = child.status.then(async () => {
    alive = false;
    await reading;
  });
  const daemon: OwnDaemon = {
    api: new SignalDaemonApi(`http://${address}`),
    address,
    exited,
    alive: () => alive,
    stop: async () => {
      if (alive) {
        try {
          child.kill("SIGTERM");
        } catch { /* already gone */ }
        const t = setTimeout(() => {
          try {
            child.kill("SIGKILL");
          } catch { /* already gone */ }
        }, STOP_GRACE_MS);
        await exited;
        clearTimeout(t);
      }
      await exited;
    },
  };
  try {
    await waitReady(daemon, opts.readyTimeoutMs ?? READY_TIMEOUT_MS, opts.signal);
    return daemon;
  } catch (err) {
    await daemon.stop();
    throw err;
  }

  async function waitReady(d: OwnDaemon, timeoutMs: number, signal: AbortSignal) {
    const deadline = Date.now() + timeoutMs;
    while (true) {
      if (signal.aborted) throw new Error("stopped before signal-cli was ready");
      if (!alive) {
        await exited;
        throw exitError((await child.status).code, tail);
      }
      if (await d.api.check(signal)) return;
      if (Date.now() > deadline) {
        throw new Error(`signal-cli did not answer on ${address} within ${timeoutMs / 1000} s`);
      }
      await pause(100, exited);
    }
  }
}

/** Wait `ms`, or less if `until` settles first (no timer is left behind). */
function pause(ms: number, until: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    until.then(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** Why the daemon ended, from its exit code and the last line(s) it printed. */
function exitError(code: number, stderr: string): Error {
  const lines = stderr.trim().split("\n");
  const unknown = lines.findLast((l) => NOT_REGISTERED.test(l));
  if (unknown) {
    // "ERROR App - User +1555… is not registered." → what signal-cli says, without the log prefix.
    return new AccountNotRegistered(printable(unknown.replace(/^.*? - /, "").trim()).slice(0, 200));
  }
  const last = printable(lines.slice(-3).join(" ").trim()).slice(-300);
  return new Error(`signal-cli exited (code ${code})${last ? `: ${last}` : ""}`);
}

const NOT_REGISTERED = /not registered|not linked|no account|account does not exist/i;

/** A port free right now on 127.0.0.1 (the daemon binds it a moment later). */
function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}
