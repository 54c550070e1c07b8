/**
 * The gateway's wire protocol: JSON text frames over one WebSocket.
 *
 *   client → server  {type:"req", id, method, params?}
 *   server → client  {type:"res", id, ok:true, payload} | {type:"res", id, ok:false, error:{code,message}}
 *   server → client  {type:"event", event, payload}
 *
 * The first request must be `connect` (protocol range, client info, auth);
 * its answer (`hello-ok`) names the server version, the protocol spoken and
 * the methods and events offered. The same zod schemas check frames on the
 * server and answers in the client.
 */
import { z } from "zod";
import { GatewaySecretLengthSchema } from "../config/schema.ts";

/** The protocol this build speaks. Bump when frames or method shapes change incompatibly. */
export const PROTOCOL_VERSION = 1;

/** Largest frame the server accepts; bigger ones close the socket with 1009. */
export const MAX_FRAME_BYTES = 256 * 1024;
/** Before `connect` succeeds, frames are capped lower: an unauthenticated peer gets little. */
export const PRE_CONNECT_MAX_BYTES = 64 * 1024;
/** A client that has not completed `connect` by then is disconnected. */
export const HANDSHAKE_TIMEOUT_MS = 10_000;

/** WebSocket close codes the gateway uses (RFC 6455 and the 4000 private range). */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  policy: 1008,
  tooBig: 1009,
  authFailed: 4001,
  handshakeTimeout: 4008,
  rateLimited: 4029,
} as const;

/** Error codes in `res.error.code`. Clients branch on these, never on messages. */
export const ERROR = {
  invalidFrame: "INVALID_FRAME",
  handshakeRequired: "HANDSHAKE_REQUIRED",
  protocolMismatch: "PROTOCOL_MISMATCH",
  unauthorized: "UNAUTHORIZED",
  rateLimited: "RATE_LIMITED",
  unknownMethod: "UNKNOWN_METHOD",
  invalidParams: "INVALID_PARAMS",
  notFound: "NOT_FOUND",
  busy: "BUSY",
  staleStep: "STALE_STEP",
  refused: "REFUSED",
  internal: "INTERNAL",
} as const;
export type ErrorCode = typeof ERROR[keyof typeof ERROR];

export const RequestFrameSchema = z.strictObject({
  type: z.literal("req"),
  id: z.string().min(1).max(128),
  method: z.string().min(1).max(128),
  params: z.unknown().optional(),
});
export type RequestFrame = z.infer<typeof RequestFrameSchema>;

export const ErrorShapeSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** With RATE_LIMITED: seconds until a failed connect from this client is evaluated again. */
  retryAfterSeconds: z.number().optional(),
});
export type ErrorShape = z.infer<typeof ErrorShapeSchema>;

export const ResponseFrameSchema = z.object({
  type: z.literal("res"),
  id: z.string(),
  ok: z.boolean(),
  payload: z.unknown().optional(),
  error: ErrorShapeSchema.optional(),
});
export type ResponseFrame = z.infer<typeof ResponseFrameSchema>;

export const EventFrameSchema = z.object({
  type: z.literal("event"),
  event: z.string(),
  payload: z.unknown().optional(),
});
export type EventFrame = z.infer<typeof EventFrameSchema>;

export const ServerFrameSchema = z.discriminatedUnion("type", [
  ResponseFrameSchema,
  EventFrameSchema,
]);

export const ConnectParamsSchema = z.object({
  minProtocol: z.number().int().min(1),
  maxProtocol: z.number().int().min(1),
  client: z.object({
    id: z.string().max(128).optional(),
    name: z.string().max(128).optional(),
    version: z.string().max(64).optional(),
    platform: z.string().max(64).optional(),
    mode: z.string().max(64).optional(),
  }).optional(),
  // The same limit as the config and the wizard: any secret that can be saved can be sent.
  auth: z.object({
    token: GatewaySecretLengthSchema.optional(),
    password: GatewaySecretLengthSchema.optional(),
  }).optional(),
});
export type ConnectParams = z.infer<typeof ConnectParamsSchema>;

export interface HelloOk {
  type: "hello-ok";
  protocol: number;
  server: { name: "openclaw"; version: string; host: string };
  features: { methods: string[]; events: string[] };
  policy: { maxPayload: number };
}

export function response(id: string, payload: unknown): ResponseFrame {
  return { type: "res", id, ok: true, payload };
}

export function errorResponse(
  id: string,
  code: ErrorCode,
  message: string,
  extra: { retryAfterSeconds?: number } = {},
): ResponseFrame {
  return { type: "res", id, ok: false, error: { code, message, ...extra } };
}

export function eventFrame(event: string, payload: unknown): EventFrame {
  return { type: "event", event, payload };
}

/** An error a method throws to answer `ok:false` with a code the client can act on. */
export class RpcError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

/** A method's params checked against its schema; the first problem is the INVALID_PARAMS message. */
export function parseParams<T>(schema: z.ZodType<T>, raw: unknown): T {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new RpcError(ERROR.invalidParams, `${i.path.join(".") || "params"}: ${i.message}`);
  }
  return r.data;
}
