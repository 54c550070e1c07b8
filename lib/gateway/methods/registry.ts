/** Every RPC method the gateway offers after `connect`, by name. */
import type { GatewayContext } from "../context.ts";
import { health, status } from "./health.ts";

export type Method = (ctx: GatewayContext, params: unknown) => unknown | Promise<unknown>;

export const METHODS: ReadonlyMap<string, Method> = new Map<string, Method>([
  ["health", (ctx) => health(ctx)],
  ["status", (ctx) => status(ctx)],
  ["wizard.start", (ctx, p) => ctx.wizard.start(p)],
  ["wizard.next", (ctx, p) => ctx.wizard.next(p)],
  ["wizard.cancel", (ctx, p) => ctx.wizard.cancel(p)],
  ["wizard.status", (ctx, p) => ctx.wizard.status(p)],
]);

/** Events a client may receive. */
export const EVENTS = ["shutdown"] as const;
