/**
 * Is the gateway's port already taken? Checked before starting the service,
 * so "port in use" is reported up front instead of as a restart loop.
 */

export async function portInUse(port: number): Promise<boolean> {
  try {
    const listener = Deno.listen({ hostname: "127.0.0.1", port });
    listener.close();
    // Let the socket close before the service binds it.
    await Promise.resolve();
    return false;
  } catch (err) {
    if (err instanceof Deno.errors.AddrInUse) return true;
    // Anything else (no permission for a low port, no loopback): let the gateway report it.
    return false;
  }
}
