/**
 * An HTTP stand-in for one test: listens on 127.0.0.1 and port 0 (never a
 * fixed port, never beyond this machine); close() stops it and waits until
 * it has.
 */
export interface LocalServer {
  /** http://127.0.0.1:<port> */
  base: string;
  close(): Promise<void>;
}

export function serveLocal(handler: Deno.ServeHandler): LocalServer {
  const aborter = new AbortController();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, signal: aborter.signal, onListen: () => {} },
    handler,
  );
  return {
    base: `http://127.0.0.1:${server.addr.port}`,
    async close() {
      aborter.abort();
      await server.finished;
    },
  };
}
