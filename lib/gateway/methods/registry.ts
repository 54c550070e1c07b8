/** Every RPC method the gateway offers after `connect`, by name. */
import type { GatewayContext } from "../context.ts";
import { health, status } from "./health.ts";
import { chatAbort, chatHistory, chatSend } from "./chat.ts";
import { channelsStatus } from "./channels.ts";

/** The connection a request came on: sessions it starts can end with it. */
export interface Caller {
  /** Unique per connection. */
  id: string;
  /** Run `fn` when this connection closes. */
  onClose(fn: () => void): void;
  isOpen(): boolean;
  /** Send an event to this connection only (chat.send streams its reply this way). */
  emit(event: string, payload: unknown): void;
  /** What `connect` said the client is (set once connected). */
  client?: { id?: string; mode?: string };
}

export type Method = (
  ctx: GatewayContext,
  params: unknown,
  caller: Caller,
) => unknown | Promise<unknown>;

export const METHODS: ReadonlyMap<string, Method> = new Map<string, Method>([
  ["health", (ctx) => health(ctx)],
  ["status", (ctx) => status(ctx)],
  ["wizard.start", (ctx, p, caller) => ctx.wizard.start(p, caller)],
  ["wizard.next", (ctx, p) => ctx.wizard.next(p)],
  ["wizard.cancel", (ctx, p) => ctx.wizard.cancel(p)],
  ["wizard.status", (ctx, p) => ctx.wizard.status(p)],
  ["chat.send", chatSend],
  ["chat.history", chatHistory],
  ["chat.abort", chatAbort],
  ["channels.status", (ctx) => channelsStatus(ctx)],
]);

/** Events a client may receive. */
export const EVENTS = ["shutdown", "chat"] as const;
