/**
 * Gateway figures for `deno task bench`: the `health` round-trip on one
 * loopback connection (p50/p99), and the gateway's memory with 1,000
 * concurrent idle authenticated connections. The gateway runs as its own
 * process (`openclaw gateway run`) so its RSS is its own, read from
 * /proc/<pid>/status (Linux; elsewhere memory is not measured).
 */
import { fileURLToPath } from "node:url";
import { type GatewayConnection, openGateway } from "../lib/gateway/client.ts";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const TOKEN = "bench-token-0123456789abcdef";
const MIB = 1024 * 1024;

export interface GatewayBenchResult {
  healthRequests: number;
  healthP50Ms: number;
  healthP99Ms: number;
  healthMaxMs: number;
  idleConnections: number;
  rssStartMiB: number | null;
  rssIdleMiB: number | null;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

/** A process's resident memory from /proc (Linux), MiB; null elsewhere. */
export async function rssMiB(pid: number): Promise<number | null> {
  try {
    const status = await Deno.readTextFile(`/proc/${pid}/status`);
    const m = status.match(/^VmRSS:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) * 1024 / MIB : null;
  } catch {
    return null;
  }
}

export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

export async function benchGateway(
  env: Record<string, string>,
  opts: { requests: number; connections: number },
): Promise<GatewayBenchResult> {
  const home = await Deno.makeTempDir({ prefix: "openclaw-bench-gw-" });
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "gateway", "run", "--port", String(port), "--token", TOKEN],
    env: { ...env, HOME: home },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const idle: GatewayConnection[] = [];
  try {
    await waitForLine(child.stdout, "Gateway running");
    const url = `ws://127.0.0.1:${port}/`;
    const conn = await openGateway({ url, token: TOKEN, timeoutMs: 5000 });
    for (let i = 0; i < 200; i++) await conn.call("health"); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < opts.requests; i++) {
      const t = performance.now();
      await conn.call("health");
      samples.push(performance.now() - t);
    }
    const rssStartMiB = await rssMiB(child.pid);
    // Open the idle connections in batches (as many clients arriving at once would).
    for (let i = 0; i < opts.connections; i += 50) {
      const batch = Math.min(50, opts.connections - i);
      idle.push(
        ...await Promise.all(
          Array.from({ length: batch }, () => openGateway({ url, token: TOKEN, timeoutMs: 15000 })),
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 500));
    const status = await conn.call<{ gateway: { connections: number } }>("status");
    if (status.gateway.connections < opts.connections) {
      throw new Error(`only ${status.gateway.connections} connections are open`);
    }
    const rssIdleMiB = await rssMiB(child.pid);
    conn.close();
    const round = (x: number) => Math.round(x * 100) / 100;
    return {
      healthRequests: opts.requests,
      healthP50Ms: round(percentile(samples, 50)),
      healthP99Ms: round(percentile(samples, 99)),
      healthMaxMs: round(Math.max(...samples)),
      idleConnections: idle.length,
      rssStartMiB: rssStartMiB === null ? null : round(rssStartMiB),
      rssIdleMiB: rssIdleMiB === null ? null : round(rssIdleMiB),
    };
  } finally {
    for (const c of idle) c.close();
    try {
      child.kill("SIGTERM");
    } catch {
      // already gone
    }
    await child.status;
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
}

/** Read `stream` until `text` appears, then keep draining it in the background. */
export async function waitForLine(stream: ReadableStream<Uint8Array>, text: string): Promise<void> {
  const decoder = new TextDecoder();
  let seen = "";
  const reader = stream.getReader();
  const deadline = setTimeout(() => reader.cancel(), 30_000);
  try {
    while (!seen.includes(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the gateway exited before saying "${text}"`);
      seen += decoder.decode(value);
    }
  } finally {
    clearTimeout(deadline);
    reader.releaseLock();
  }
  // Keep draining stdout so the child never blocks on a full pipe.
  stream.pipeTo(new WritableStream()).catch(() => {});
}
