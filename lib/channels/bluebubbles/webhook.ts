/**
 * What the BlueBubbles server POSTs to the gateway, and who may post it.
 *
 * BlueBubbles' webhook settings take a URL only, so the password travels in
 * it: the user enters `https://<gateway>/bluebubbles-webhook?password=<the
 * server password>`. `guid` (BlueBubbles' older name for the same
 * parameter) and an `Authorization: Bearer <password>` header (for a proxy
 * that adds it) are accepted too. Compared in constant time; anything else
 * is refused before the body is looked at.
 *
 * A "new-message" event carries the message: its guid, text, isFromMe, the
 * sender's handle and the chats it belongs to. A chat guid says which kind
 * of chat it is: "iMessage;-;+15551234567" is a one-to-one chat,
 * "iMessage;+;chat123…" a group ("SMS;-;…" the same over SMS).
 */
import { constantTimeEqual } from "../../gateway/auth.ts";
import type { WebhookRequest } from "../../gateway/webhooks.ts";
import type { ChatType } from "../channel-runtime.ts";

/** Whether the request carries the server password. */
export function webhookAuthorized(req: WebhookRequest, password: string): boolean {
  const bearer = req.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
  const given = [req.query.get("password"), req.query.get("guid"), bearer];
  if (!password) return false;
  let ok = false;
  // Every candidate is compared, so the time taken does not say which one matched.
  for (const g of given) {
    const same = constantTimeEqual(g ?? "", password);
    if (g != null && same) ok = true;
  }
  return ok;
}

/** One new message, as far as openclaw needs it. Everything in it is untrusted. */
export interface BlueBubblesMessage {
  guid: string;
  text: string;
  fromMe: boolean;
  sender: string;
  chatGuid: string;
  chatType: ChatType;
  /** The sender's name when the server knows it (logs only). */
  name?: string;
}

export type ParsedWebhook =
  | { kind: "message"; message: BlueBubblesMessage }
  | { kind: "other"; type: string }
  /** A new-message event openclaw cannot answer (no chat). */
  | { kind: "skipped"; why: string }
  | { kind: "invalid"; why: string };

const MAX_TEXT = 64 * 1024;

export function parseWebhook(body: Uint8Array): ParsedWebhook {
  let event: unknown;
  try {
    event = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return { kind: "invalid", why: "the body is not JSON" };
  }
  const e = event as { type?: unknown; data?: unknown };
  if (typeof e?.type !== "string") return { kind: "invalid", why: "an event without a type" };
  if (e.type !== "new-message") return { kind: "other", type: e.type.slice(0, 40) };
  const d = e.data as {
    guid?: unknown;
    text?: unknown;
    isFromMe?: unknown;
    handle?: { address?: unknown; displayName?: unknown } | null;
    chats?: { guid?: unknown }[];
  } | undefined;
  const chatGuid = Array.isArray(d?.chats) ? d.chats[0]?.guid : undefined;
  if (typeof chatGuid !== "string" || chatGuid.length > 512) {
    return { kind: "skipped", why: "a message without its chat" };
  }
  const sender = typeof d?.handle?.address === "string" ? d.handle.address.trim() : "";
  return {
    kind: "message",
    message: {
      guid: typeof d?.guid === "string" ? d.guid.slice(0, 200) : "",
      text: typeof d?.text === "string" ? d.text.slice(0, MAX_TEXT) : "",
      fromMe: d?.isFromMe === true,
      sender: sender.slice(0, 320),
      chatGuid,
      chatType: chatKind(chatGuid),
      name: typeof d?.handle?.displayName === "string" ? d.handle.displayName : undefined,
    },
  };
}

/** "service;-;handle" is a one-to-one chat; "service;+;chat…" a group. */
export function chatKind(chatGuid: string): ChatType {
  return chatGuid.split(";")[1] === "+" ? "group" : "direct";
}
