/**
 * Why the gateway's address could not be reached, when the WebSocket only says "tcp connect
 * error". Inside a network namespace whose loopback is down (a container, `unshare -n`), the
 * connection fails with "network unreachable", not "refused": the gateway may well be running
 * in another namespace, so "The gateway is not running" would send the user the wrong way.
 */

/** True when a connect error is the OS saying the network is unreachable (ENETUNREACH). */
export function isNetworkUnreachable(err: unknown): boolean {
  if (err instanceof Deno.errors.NetworkUnreachable) return true;
  const e = err as { code?: unknown; message?: unknown } | undefined;
  return e?.code === "ENETUNREACH" ||
    (typeof e?.message === "string" && /network is unreachable/i.test(e.message));
}

/**
 * Connect once to the URL's host and port (a plain TCP connect, closed at once) and return
 * the OS's message when the network is unreachable; undefined for anything else (refused,
 * timed out, connected), which the WebSocket's own error already describes.
 */
export async function networkUnreachable(
  url: string,
  timeoutMs = 2000,
): Promise<string | undefined> {
  const u = new URL(url);
  const port = Number(u.port) || (u.protocol === "wss:" ? 443 : 80);
  const hostname = u.hostname.replace(/^\[(.*)\]$/, "$1");
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = Deno.connect({ hostname, port });
  try {
    const conn = await Promise.race([
      attempt,
      new Promise<undefined>((resolve) => timer = setTimeout(() => resolve(undefined), timeoutMs)),
    ]);
    if (conn) conn.close();
    // A connect still pending at the deadline is closed whenever it completes.
    else attempt.then((c) => c.close(), () => {});
    return undefined;
  } catch (err) {
    return isNetworkUnreachable(err) ? (err as Error).message : undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** What `health`/`status` say instead of "not running" when the network is unreachable. */
export function renderNetworkUnreachable(url: string, detail: string): string {
  const u = new URL(url);
  return `network unreachable (${detail}): the gateway may be running but this machine ` +
    `cannot reach ${u.host}; check the network/namespace (in a container or an ` +
    "`unshare -n` namespace, is the loopback interface up?).";
}
