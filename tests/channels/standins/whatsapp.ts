/**
 * WhatsApp's side for the channel's tests: a WebSocket server on 127.0.0.1
 * that the worker's Baileys stand-in (whatsapp-baileys.ts) connects to. It
 * accepts a session whose stored credentials name the linked account (or
 * logs the device out), pushes messages as Baileys' messages.upsert events,
 * records what the bot sends, and can drop the connection or crash the
 * worker. runtimeEnv() is what the runtime needs to use both.
 */
import { fileURLToPath } from "node:url";
import { waitFor } from "../standins.ts";

/** The linked account the stand-in's session opens as (its phone and hidden id). */
export const BOT_PHONE = "15550001111";
export const BOT_JID = `${BOT_PHONE}:7@s.whatsapp.net`;
export const BOT_LID = "98765432109876:7@lid";

export interface WhatsAppSend {
  jid: string;
  text: string;
}

export interface WhatsAppStandIn extends AsyncDisposable {
  /** The environment the runtime needs: the server's URL and the library stand-in. */
  env: Record<string, string>;
  /** Sessions opened so far, with the credentials each presented. */
  hellos: { creds: unknown }[];
  sends: WhatsAppSend[];
  presence: { type: string; jid?: string }[];
  /** Answer the next sessions with "logged out" (401) instead of opening them. */
  logOut(): void;
  /** Push one new message (a messages.upsert "notify" event) to the open session. */
  push(message: unknown): void;
  /** Drop the open session's connection, as a network failure would. */
  drop(): void;
  /** Make the worker's library crash (the process exits with an error). */
  crash(): void;
  /** WhatsApp's 440: another session (a second gateway on the same link) took over. */
  replaced(): void;
  waitForSend(pred: (s: WhatsAppSend) => boolean): Promise<WhatsAppSend>;
  waitForSessions(n: number): Promise<void>;
  /** Connections open right now (the worker's, while it runs). */
  openSessions(): number;
}

const LIBRARY = fileURLToPath(new URL("./whatsapp-baileys.ts", import.meta.url));

export function whatsappStandIn(): WhatsAppStandIn {
  const hellos: { creds: unknown }[] = [];
  const sends: WhatsAppSend[] = [];
  const presence: { type: string; jid?: string }[] = [];
  const sockets = new Set<WebSocket>();
  let current: WebSocket | undefined;
  let loggedOut = false;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const { socket, response } = Deno.upgradeWebSocket(req);
    sockets.add(socket);
    socket.onclose = () => void sockets.delete(socket);
    socket.onmessage = (e) => {
      const m = JSON.parse(String(e.data));
      if (m.call === "hello") {
        hellos.push({ creds: m.creds });
        if (loggedOut || !m.creds?.me?.id) {
          socket.send(
            JSON.stringify({ ev: "close", statusCode: 401, message: "Connection Failure" }),
          );
          return;
        }
        current = socket;
        socket.send(
          JSON.stringify({ ev: "open", user: { id: m.creds.me.id, lid: m.creds.me.lid } }),
        );
      } else if (m.call === "sendMessage") {
        sends.push({ jid: m.jid, text: m.content?.text });
      } else if (m.call === "sendPresenceUpdate") {
        presence.push({ type: m.type, jid: m.jid });
      }
    };
    return response;
  });
  const send = (obj: unknown) => {
    if (!current || current.readyState !== WebSocket.OPEN) throw new Error("no open session");
    current.send(JSON.stringify(obj));
  };
  return {
    env: {
      OPENCLAW_WHATSAPP_WS_URL: `ws://127.0.0.1:${server.addr.port}/ws/chat`,
      OPENCLAW_WHATSAPP_LIBRARY: LIBRARY,
    },
    hellos,
    sends,
    presence,
    logOut: () => void (loggedOut = true),
    push: (message) =>
      send({ ev: "messages.upsert", data: { messages: [message], type: "notify" } }),
    drop: () => current?.close(),
    crash: () => send({ ev: "crash" }),
    replaced: () => send({ ev: "close", statusCode: 440, message: "Stream Errored (conflict)" }),
    waitForSend: (pred) => waitFor(sends, pred),
    openSessions: () => sockets.size,
    waitForSessions: (n) => waitFor(hellos, () => hellos.length >= n).then(() => {}),
    [Symbol.asyncDispose]: async () => {
      for (const s of sockets) s.close();
      await server.shutdown();
    },
  };
}

/** The credentials a link leaves (only the part the stand-in reads). */
export async function writeLinkedCreds(authDir: string): Promise<void> {
  await Deno.mkdir(authDir, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(
    `${authDir}/creds.json`,
    JSON.stringify({ me: { id: BOT_JID, lid: BOT_LID, name: "claw" } }),
    { mode: 0o600 },
  );
}

let counter = 0;
const key = (remoteJid: string, extra: Record<string, unknown> = {}) => ({
  remoteJid,
  fromMe: false,
  id: `3EB0${(++counter).toString(16).padStart(8, "0")}`,
  ...extra,
});

/** A text DM from `phone` (digits, no +), as Baileys delivers it. */
export function waDm(phone: string, text: string, pushName = "Alice") {
  return {
    key: key(`${phone}@s.whatsapp.net`),
    message: { conversation: text },
    pushName,
    messageTimestamp: 1764300000,
  };
}

/** A text in group `group` from `phone`; `mention` puts the bot in mentionedJid as WhatsApp does. */
export function waGroup(group: string, phone: string, text: string, mention = false) {
  return {
    key: key(`${group}@g.us`, { participant: `${phone}@s.whatsapp.net` }),
    message: {
      extendedTextMessage: {
        text: mention ? `@${BOT_PHONE} ${text}` : text,
        ...(mention ? { contextInfo: { mentionedJid: [`${BOT_PHONE}@s.whatsapp.net`] } } : {}),
      },
    },
    pushName: "Alice",
    messageTimestamp: 1764300000,
  };
}
