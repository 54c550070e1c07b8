/**
 * "Does the gateway answer?" for `daemon status`, as an injected function.
 *
 * The default only checks that something accepts TCP connections on
 * 127.0.0.1:<port>. When the gateway's WebSocket client (lib/gateway/client.ts)
 * is available, point `defaultGatewayProbe` at its `health` call: this is the
 * one place to change.
 */

export interface ProbeResult {
  answers: boolean;
  /** What was checked and what happened, for the status line. */
  detail: string;
}

export type GatewayProbe = (port: number) => Promise<ProbeResult>;

export const PROBE_TIMEOUT_MS = 1500;

export const defaultGatewayProbe: GatewayProbe = (port) => tcpProbe(port, PROBE_TIMEOUT_MS);

export async function tcpProbe(port: number, timeoutMs: number): Promise<ProbeResult> {
  const where = `127.0.0.1:${port}`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connecting = Deno.connect({ hostname: "127.0.0.1", port });
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const winner = await Promise.race([connecting, timeout]);
    if (winner === "timeout") {
      connecting.then((c) => c.close(), () => {});
      return { answers: false, detail: `no answer on ${where} within ${timeoutMs} ms` };
    }
    winner.close();
    return { answers: true, detail: `accepts connections on ${where}` };
  } catch (err) {
    const why = err instanceof Deno.errors.ConnectionRefused
      ? "connection refused"
      : (err as Error).message;
    return { answers: false, detail: `nothing answers on ${where} (${why})` };
  } finally {
    clearTimeout(timer);
  }
}
