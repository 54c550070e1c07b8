/**
 * The WhatsApp Web session (Baileys) in a process of its own, started
 * (worker-process.ts) only when a user links WhatsApp (login.ts) or a
 * gateway runs a configured WhatsApp account (runtime.ts); its process
 * entry point is lib/cli/whatsapp-worker.ts. Keeping it out of the main
 * program means:
 *  - a cold start never fetches or loads the WhatsApp stack (Baileys and its
 *    ~95 npm packages, sharp's libvips among them, ~80 MB);
 *  - from source, it runs with its own lock file (worker.lock), so
 *    the main deno.lock stays small and every package here is still pinned;
 *  - it runs with only the permissions it needs: the network, and reading
 *    and writing the one credentials folder. Without --allow-ffi no native
 *    addon can load, so sharp (Baileys' optional thumbnail maker) never runs.
 *
 * Protocol: argv[0] is the credentials folder, argv[1] the mode: absent for
 * linking (login.ts), "run" for the gateway's session (connection.ts). Each
 * connection update goes to stdout as one JSON line `{"update": {...}}`, the
 * linked account as `{"me": "…", "lid": "…"}` once the connection opens.
 * In run mode, each new text message goes out as `{"message": {...}}` (only
 * the fields the channel reads), and stdin takes one command a line:
 * `{"send": n, "jid": "…", "text": "…"}` (answered `{"sent": n}` or
 * `{"failed": n, "error": "…"}`) and `{"typing": "jid"}`. Closing stdin ends
 * the session. This file imports nothing: it runs without the project's config.
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

/** Where the library comes from: Baileys, or (tests only) a stand-in file with its shape. */
export function librarySpecifier(override: string | undefined): string {
  if (!override) return BAILEYS;
  return override.startsWith("file:") ? override : `file://${override}`;
}

interface BaileysSocket {
  ev: { on(event: string, cb: (arg: unknown) => void): void };
  user?: { id?: string; lid?: string };
  end(err: undefined): void;
  sendMessage(jid: string, content: { text: string }): Promise<unknown>;
  sendPresenceUpdate(type: string, jid?: string): Promise<void>;
}

interface Baileys {
  default: (opts: Record<string, unknown>) => BaileysSocket;
  useMultiFileAuthState(dir: string): Promise<{ state: unknown; saveCreds: () => void }>;
  Browsers: { ubuntu(name: string): unknown };
  /** Unwraps disappearing / view-once wrappers (absent from a stand-in). */
  normalizeMessageContent?: (m: unknown) => unknown;
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
            message: String(last.error?.message ?? "").slice(0, 300),
            output: { statusCode: Number(last.error?.output?.statusCode) || undefined },
          },
        },
      }
      : {}),
  };
}

/** WhatsApp's own limit on a text message; anything longer is not a real one. */
const MAX_TEXT = 65_536;

const str = (v: unknown, max = 256): string | undefined =>
  typeof v === "string" && v.length <= max ? v : undefined;

/**
 * A new text message in the fields the channel reads (jids, who, text,
 * mentions); anything else (media, reactions, protocol messages) is null.
 */
export function slimMessage(
  m: Record<string, unknown>,
  normalize: (content: unknown) => unknown = (c) => c,
): Record<string, unknown> | null {
  const key = (m.key ?? {}) as Record<string, unknown>;
  const content = (normalize(m.message) ?? {}) as {
    conversation?: unknown;
    extendedTextMessage?: { text?: unknown; contextInfo?: { mentionedJid?: unknown } };
  };
  const text = str(content.conversation, MAX_TEXT) ??
    str(content.extendedTextMessage?.text, MAX_TEXT);
  const remoteJid = str(key.remoteJid);
  if (text === undefined || !remoteJid) return null;
  const mentioned = content.extendedTextMessage?.contextInfo?.mentionedJid;
  return {
    remoteJid,
    remoteJidAlt: str(key.remoteJidAlt),
    participant: str(key.participant),
    participantAlt: str(key.participantAlt),
    fromMe: key.fromMe === true,
    pushName: str(m.pushName),
    text,
    mentionedJid: Array.isArray(mentioned)
      ? mentioned.slice(0, 64).map((j) => str(j)).filter(Boolean)
      : [],
  };
}

export async function runWorker(
  authDir: string,
  wsUrl: string | undefined,
  mode: "link" | "run" = "link",
  library?: string,
): Promise<void> {
  const write = (obj: unknown) => console.log(JSON.stringify(obj));
  // A computed specifier: nothing but this process ever builds Baileys' module graph.
  const spec: string = librarySpecifier(library);
  const baileys = await import(spec) as Baileys;
  const { state, saveCreds } = await baileys.useMultiFileAuthState(authDir);
  const sock = baileys.default({
    auth: state,
    logger: quiet,
    browser: baileys.Browsers.ubuntu("openclaw"),
    // Running: the phone keeps its notifications, and no old chats are fetched.
    ...(mode === "run" ? { markOnlineOnConnect: false, syncFullHistory: false } : {}),
    ...(wsUrl ? { waWebSocketUrl: wsUrl } : {}),
  });
  sock.ev.on("creds.update", () => saveCreds());
  sock.ev.on("connection.update", (u) => {
    const update = slim(u as Record<string, unknown>);
    if (update.connection === "open") write({ me: sock.user?.id, lid: sock.user?.lid });
    write({ update });
  });
  if (mode === "run") {
    sock.ev.on("messages.upsert", (arg) => {
      const { messages, type } = (arg ?? {}) as { messages?: unknown; type?: unknown };
      // "notify" is what just arrived; "append" is history being synced.
      if (type !== "notify" || !Array.isArray(messages)) return;
      for (const m of messages) {
        const message = slimMessage(m as Record<string, unknown>, baileys.normalizeMessageContent);
        if (message) write({ message });
      }
    });
  }
  // The parent sends commands (run mode) and closes stdin to end the session.
  const lines = Deno.stdin.readable.pipeThrough(new TextDecoderStream());
  let rest = "";
  for await (const chunk of lines) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    for (const line of parts) if (mode === "run") command(sock, line, write);
  }
  sock.end(undefined);
  // Baileys keeps timers after end(): the entry point (lib/cli/whatsapp-worker.ts) ends the process.
}

/** One command from the gateway: send a text, or show "typing…". */
function command(sock: BaileysSocket, line: string, write: (obj: unknown) => void): void {
  let c: { send?: unknown; jid?: unknown; text?: unknown; typing?: unknown };
  try {
    c = JSON.parse(line);
  } catch {
    return;
  }
  if (typeof c.typing === "string") {
    sock.sendPresenceUpdate("composing", c.typing).catch(() => {});
  } else if (
    typeof c.send === "number" && typeof c.jid === "string" && typeof c.text === "string"
  ) {
    const n = c.send;
    sock.sendMessage(c.jid, { text: c.text }).then(
      () => write({ sent: n }),
      (err) => write({ failed: n, error: String(err?.message ?? err).slice(0, 300) }),
    );
  }
}
