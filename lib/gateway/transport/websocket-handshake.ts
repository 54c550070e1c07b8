/**
 * The server side of the RFC 6455 opening handshake: which requests are
 * valid upgrades, and the 101 answer with Sec-WebSocket-Accept
 * (base64 of SHA-1 over the client's key and the protocol's fixed GUID).
 */
import type { RequestHead } from "./http-request.ts";

const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const encoder = new TextEncoder();

/** Whether the request asks for a WebSocket (the handler decides if it gets one). */
export function wantsUpgrade(head: RequestHead): boolean {
  return head.headers.get("upgrade")?.toLowerCase() === "websocket";
}

/** Why the upgrade request is not a valid RFC 6455 opening handshake, or undefined. */
export function upgradeProblem(head: RequestHead): string | undefined {
  if (head.method !== "GET") return "A WebSocket upgrade must be a GET.";
  const connection = head.headers.get("connection")?.toLowerCase() ?? "";
  if (!connection.split(",").some((t) => t.trim() === "upgrade")) {
    return "A WebSocket upgrade needs Connection: Upgrade.";
  }
  if (head.headers.get("sec-websocket-version") !== "13") {
    return "Only WebSocket version 13 is spoken.";
  }
  const key = head.headers.get("sec-websocket-key") ?? "";
  if (!/^[A-Za-z0-9+/]{22}==$/.test(key)) return "Sec-WebSocket-Key must be 16 bytes in base64.";
  return undefined;
}

export async function acceptKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", encoder.encode(key + WS_GUID));
  let bin = "";
  for (const b of new Uint8Array(digest)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The 101 response that completes the handshake. */
export async function switchingProtocols(head: RequestHead): Promise<Uint8Array> {
  const accept = await acceptKey(head.headers.get("sec-websocket-key") ?? "");
  return encoder.encode(
    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
}
