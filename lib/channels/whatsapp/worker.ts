/**
 * The WhatsApp Web session (Baileys) in a process of its own, started by
 * login.ts only when a user links WhatsApp (its process entry point is
 * lib/cli/whatsapp-worker.ts). Keeping it out of the
 * main program means:
 *  - a cold start never fetches or loads the WhatsApp stack (Baileys and its
 *    ~95 npm packages, sharp's libvips among them, ~80 MB);
 *  - from source, it runs with its own lock file (worker.lock), so
 *    the main deno.lock stays small and every package here is still pinned;
 *  - it runs with only the permissions it needs: the network, and reading
 *    and writing the one credentials folder. Without --allow-ffi no native
 *    addon can load, so sharp (Baileys' optional thumbnail maker) never runs.
 *
 * Protocol: argv[0] is the credentials folder. Each connection update goes
 * to stdout as one JSON line `{"update": {...}}`, the linked account as
 * `{"me": "…"}` once the connection opens. Closing stdin ends the session.
 * This file imports nothing: it runs without the project's config.
 *
 * To move to another Baileys version: change BAILEYS, then rebuild the lock from
 * a file that imports it statically:
 *   echo 'import "npm:@whiskeysockets/baileys@<v>";' > /tmp/b.ts
 *   rm lib/channels/whatsapp/worker.lock
 *   deno cache --no-config --lock=lib/channels/whatsapp/worker.lock /tmp/b.ts
 */

/** The Baileys version, pinned; worker.lock pins its dependencies. */
export const BAILEYS = "npm:@whiskeysockets/baileys@7.0.0-rc14";

/** A silent logger in the shape Baileys expects (it logs a lot by default). */
const quiet = {
  level: "silent",
  child() {
    return quiet;
  },
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};

interface BaileysSocket {
  ev: { on(event: string, cb: (arg: unknown) => void): void };
  user?: { id?: string };
  end(err: undefined): void;
}

interface Baileys {
  default: (opts: Record<string, unknown>) => BaileysSocket;
  useMultiFileAuthState(dir: string): Promise<{ state: unknown; saveCreds: () => void }>;
  Browsers: { ubuntu(name: string): unknown };
}

/** Only the fields the login reads; the rest of Baileys' update (keys, nodes) stays here. */
function slim(u: Record<string, unknown>): Record<string, unknown> {
  const last = u.lastDisconnect as
    | { error?: { message?: unknown; output?: { statusCode?: unknown } } }
    | undefined;
  return {
    ...(typeof u.connection === "string" ? { connection: u.connection } : {}),
    ...(typeof u.qr === "string" ? { qr: u.qr } : {}),
    ...(last
      ? {
        lastDisconnect: {
          error: {
            message: String(last.error?.message ?? ""),
            output: { statusCode: Number(last.error?.output?.statusCode) || undefined },
          },
        },
      }
      : {}),
  };
}

export async function runWorker(authDir: string, wsUrl: string | undefined): Promise<void> {
  const write = (obj: unknown) => console.log(JSON.stringify(obj));
  // A computed specifier: nothing but this process ever builds Baileys' module graph.
  const spec: string = BAILEYS;
  const baileys = await import(spec) as Baileys;
  const { state, saveCreds } = await baileys.useMultiFileAuthState(authDir);
  const sock = baileys.default({
    auth: state,
    logger: quiet,
    browser: baileys.Browsers.ubuntu("openclaw"),
    ...(wsUrl ? { waWebSocketUrl: wsUrl } : {}),
  });
  sock.ev.on("creds.update", () => saveCreds());
  sock.ev.on("connection.update", (u) => {
    const update = slim(u as Record<string, unknown>);
    if (update.connection === "open") write({ me: sock.user?.id });
    write({ update });
  });
  // The parent closes stdin to end the session (or exits, which closes it too).
  for await (const _ of Deno.stdin.readable) { /* nothing is sent this way */ }
  sock.end(undefined);
  // Baileys keeps timers after end(): the entry point (lib/cli/whatsapp-worker.ts) ends the process.
}
