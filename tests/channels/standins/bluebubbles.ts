/**
 * A BlueBubbles server on 127.0.0.1: the REST routes openclaw calls (ping,
 * server/info, message/text), each checking the `password` query parameter
 * as the real server does; and `webhook(...)`, which POSTs an event to the
 * gateway the way the server's webhook does. Tests read what was sent.
 */
import { serveLocal } from "../../helpers/local-server.ts";

export const BLUEBUBBLES_PASSWORD = "bb-s3cret-pass";
export const BLUEBUBBLES_VERSION = "1.9.9";

export interface BlueBubblesSent {
  chatGuid: string;
  tempGuid: string;
  message: string;
}

export interface BlueBubblesStandIn extends AsyncDisposable {
  base: string;
  sent: BlueBubblesSent[];
  /** Paths called, in order (the password never recorded). */
  calls: string[];
  /** Answer the next `n` pings with 503, as a server that is restarting. */
  failPings(n: number): void;
  waitForSend(pred: (m: BlueBubblesSent) => boolean, timeoutMs?: number): Promise<BlueBubblesSent>;
}

export function bluebubblesStandIn(password = BLUEBUBBLES_PASSWORD): BlueBubblesStandIn {
  const sent: BlueBubblesSent[] = [];
  const calls: string[] = [];
  let failing = 0;
  const server = serveLocal(async (req) => {
    const url = new URL(req.url);
    calls.push(`${req.method} ${url.pathname}`);
    if (url.searchParams.get("password") !== password) {
      return Response.json({ status: 401, message: "Unauthorized" }, { status: 401 });
    }
    if (url.pathname === "/api/v1/ping") {
      if (failing > 0) {
        failing--;
        return Response.json({ status: 503, message: "Server starting" }, { status: 503 });
      }
      return Response.json({ status: 200, message: "Ping received!", data: "pong" });
    }
    if (url.pathname === "/api/v1/server/info") {
      return Response.json({
        status: 200,
        message: "Successfully fetched server info",
        data: { server_version: BLUEBUBBLES_VERSION, os_version: "15.1", private_api: false },
      });
    }
    if (url.pathname === "/api/v1/message/text" && req.method === "POST") {
      const body = await req.json().catch(() => ({}));
      if (typeof body.chatGuid !== "string" || typeof body.message !== "string") {
        return Response.json({ status: 400, message: "chatGuid and message are required" }, {
          status: 400,
        });
      }
      const m = { chatGuid: body.chatGuid, tempGuid: String(body.tempGuid), message: body.message };
      sent.push(m);
      return Response.json({
        status: 200,
        message: "Message sent!",
        data: { guid: `m${sent.length}` },
      });
    }
    return Response.json({ status: 404, message: "Not Found" }, { status: 404 });
  });
  return {
    base: server.base,
    sent,
    calls,
    failPings: (n) => void (failing = n),
    waitForSend: (pred, timeoutMs = 5000) => {
      const started = Date.now();
      return new Promise((resolve, reject) => {
        const tick = () => {
          const hit = sent.find(pred);
          if (hit) return resolve(hit);
          if (Date.now() - started > timeoutMs) {
            return reject(new Error(`no matching send; sent: ${JSON.stringify(sent)}`));
          }
          setTimeout(tick, 20);
        };
        tick();
      });
    },
    [Symbol.asyncDispose]: () => server.close(),
  };
}

let guids = 0;

/** A "new-message" event as the server's webhook sends it. */
export function newMessage(o: {
  from: string;
  chatGuid: string;
  text: string;
  isFromMe?: boolean;
  guid?: string;
}) {
  return {
    type: "new-message",
    data: {
      guid: o.guid ?? `msg-${++guids}`,
      text: o.text,
      isFromMe: o.isFromMe ?? false,
      handle: { address: o.from },
      chats: [{ guid: o.chatGuid }],
      dateCreated: 1764300000000,
    },
  };
}

/** POST an event to the gateway's webhook path as the server does; returns the status. */
export async function postWebhook(
  url: string,
  event: unknown,
  init: { headers?: Record<string, string> } = {},
): Promise<number> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: typeof event === "string" ? event : JSON.stringify(event),
  });
  await res.body?.cancel();
  return res.status;
}
