/**
 * Baileys' stand-in, loaded by the WhatsApp worker in place of the library
 * (OPENCLAW_WHATSAPP_LIBRARY): the same exports and socket shape the worker
 * uses (makeWASocket, useMultiFileAuthState, Browsers; ev.on, user,
 * sendMessage, sendPresenceUpdate, end), wired over a WebSocket to the
 * test's server (standins/whatsapp.ts) at the worker's waWebSocketUrl, so
 * a test plays WhatsApp's part: it opens or refuses the session, pushes
 * messages.upsert events and sees what the bot sends. WhatsApp's real wire
 * protocol (Noise handshake, binary nodes, Signal sessions) is Baileys'
 * business, not the channel's.
 *
 * It runs inside the worker (no config, no imports): plain Deno only.
 */

type Listener = (arg: unknown) => void;

interface Creds {
  me?: { id?: string; lid?: string };
}

export function useMultiFileAuthState(dir: string) {
  let creds: Creds = {};
  try {
    creds = JSON.parse(Deno.readTextFileSync(`${dir}/creds.json`));
  } catch { /* not linked: the server decides what that means */ }
  return Promise.resolve({ state: { creds }, saveCreds: () => {} });
}

export const Browsers = { ubuntu: (name: string) => ["Ubuntu", name, "1"] };

export default function makeWASocket(opts: { auth: { creds: Creds }; waWebSocketUrl?: string }) {
  const listeners = new Map<string, Listener[]>();
  const emit = (event: string, arg: unknown) => {
    for (const cb of listeners.get(event) ?? []) cb(arg);
  };
  const close = (statusCode: number, message: string) =>
    emit("connection.update", {
      connection: "close",
      lastDisconnect: { error: { message, output: { statusCode } } },
    });
  const ws = new WebSocket(opts.waWebSocketUrl ?? "ws://127.0.0.1:1/ws/chat");
  let closedByServer = false;
  const sock = {
    user: undefined as { id?: string; lid?: string } | undefined,
    ev: {
      on(event: string, cb: Listener) {
        listeners.set(event, [...(listeners.get(event) ?? []), cb]);
      },
    },
    sendMessage(jid: string, content: { text: string }) {
      ws.send(JSON.stringify({ call: "sendMessage", jid, content }));
      return Promise.resolve({ key: { remoteJid: jid, fromMe: true } });
    },
    sendPresenceUpdate(type: string, jid?: string) {
      ws.send(JSON.stringify({ call: "sendPresenceUpdate", type, jid }));
      return Promise.resolve();
    },
    end() {
      closedByServer = true;
      ws.close();
    },
  };
  ws.onopen = () => {
    emit("connection.update", { connection: "connecting" });
    ws.send(JSON.stringify({ call: "hello", creds: opts.auth.creds }));
  };
  ws.onmessage = (e) => {
    const m = JSON.parse(String(e.data));
    if (m.ev === "open") {
      sock.user = m.user;
      emit("connection.update", { connection: "open" });
    } else if (m.ev === "close") {
      closedByServer = true;
      close(m.statusCode, m.message ?? "closed");
    } else if (m.ev === "crash") {
      console.error("stand-in: the library crashed on purpose");
      Deno.exit(3);
    } else if (m.ev) {
      emit(m.ev, m.data);
    }
  };
  ws.onclose = () => {
    if (!closedByServer) close(428, "Connection Closed");
  };
  ws.onerror = () => {};
  return sock;
}
