/**
 * A port for a test whose code under test takes a port *number*: a gateway
 * started as a subprocess, a port written into a config, a port where
 * nothing must listen. (Where the code can bind port 0 itself, as the
 * in-process `testGateway()` does, no number is needed and none should be
 * picked.)
 *
 * Binding port 0, reading the number and closing raced under --parallel:
 * until the code under test bound that number, the kernel could hand it to
 * another test's port-0 listener or to an outgoing connection, since both
 * draw from the ephemeral range. So a port here comes from *below* the
 * kernel's ephemeral range (never handed out for port 0 or a connection),
 * is reserved with an exclusive file so no other test (of this run, or of a
 * run in another checkout) gets it, and is checked free by binding it.
 * A reservation lapses after RESERVATION_MS: no test holds a port that long.
 */

const RESERVATION_MS = 10 * 60_000;
/** Below Linux's default ephemeral range (32768–60999) and macOS's (49152–65535). */
const LOWEST = 20_000;
/** Per user: another user's folder would not be writable (their tests' ports are still bound-checked). */
const DIR = `${Deno.env.get("TMPDIR") || "/tmp"}/openclaw-test-ports-${Deno.uid() ?? "user"}`;

/** A port on 127.0.0.1 nothing listens on, and that no other test will be given. */
export function freePort(): number {
  Deno.mkdirSync(DIR, { recursive: true });
  const highest = ephemeralStart() - 1;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (highest - LOWEST + 1));
    if (reserve(port) && isFree(port)) return port;
  }
  throw new Error(`no free port found between ${LOWEST} and ${highest}`);
}

/** A URL on 127.0.0.1 where nothing listens. */
export function closedPortUrl(): string {
  return `http://127.0.0.1:${freePort()}`;
}

function ephemeralStart(): number {
  try {
    const range = Deno.readTextFileSync("/proc/sys/net/ipv4/ip_local_port_range");
    const low = Number(range.trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > LOWEST + 1000) return Math.min(low, 32_768);
  } catch {
    // not Linux: macOS's range starts higher still
  }
  return 32_768;
}

/** Take the port's reservation file, or one that has lapsed; false when another test holds it. */
function reserve(port: number): boolean {
  const file = `${DIR}/${port}`;
  try {
    Deno.writeTextFileSync(file, `${Deno.pid}\n`, { createNew: true });
    return true;
  } catch (err) {
    if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
  }
  const mtime = (() => {
    try {
      return Deno.statSync(file).mtime?.getTime() ?? 0;
    } catch {
      return 0;
    }
  })();
  if (Date.now() - mtime < RESERVATION_MS) return false;
  // Lapsed: renew it (whoever renews first in the same instant, both checks below still bind).
  Deno.writeTextFileSync(file, `${Deno.pid}\n`);
  return true;
}

function isFree(port: number): boolean {
  try {
    Deno.listen({ hostname: "127.0.0.1", port }).close();
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.AddrInUse) return false;
    throw err;
  }
}
