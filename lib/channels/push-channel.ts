/**
 * A channel whose platform pushes its events to the gateway, signed (Google
 * Chat, Microsoft Teams), put together: its path on the gateway's port
 * serving a signed webhook (signed-webhook.ts) whose events go to the
 * shared gate, and a keepConnected loop whose "connection" is the
 * credential the answers need (an access token). Once that works the
 * channel is running and only waits: the platform calls us. A credential
 * refused at start or while answering stops the channel with one line, and
 * its path goes with it; the other channels keep running.
 */
import type { ChannelRuntimeStart, RunningChannel } from "./channel-runtime.ts";
import type { ChannelId } from "./registry.ts";
import { type ChannelSender, type InboundGate, inboundGate } from "./inbound-gate.ts";
import { CredentialRejected, keepConnected, type KeepConnectedOptions } from "./reconnect.ts";
import { signedWebhook, type SignedWebhookOptions } from "./signed-webhook.ts";
import { NO_STATUS } from "./status-board.ts";

export interface PushChannelOptions<E> {
  channel: ChannelId;
  /** "Google Chat", for log lines. */
  label: string;
  start: ChannelRuntimeStart & { backoff?: KeepConnectedOptions["backoff"] };
  /** The path on the gateway (channels.<id>.webhookPath or the platform's default). */
  path: string;
  /** What to fix when the credential is refused. */
  fix: string;
  sender: ChannelSender;
  /** Check the credential the answers need (fetch a token). */
  checkCredential(signal: AbortSignal): Promise<unknown>;
  verify: SignedWebhookOptions<E>["verify"];
  accept: SignedWebhookOptions<E>["accept"];
  handle(event: E, gate: InboundGate): Promise<void>;
  /** The immediate answer the platform expects. */
  ack(): Response;
}

/**
 * Outside a gateway there is no port to receive on: the channel says so
 * and stops (returned); in one, undefined.
 */
export function needsGateway(
  label: string,
  start: ChannelRuntimeStart,
): RunningChannel | undefined {
  if (start.webhooks) return undefined;
  (start.status ?? NO_STATUS).stopped(
    `${label} receives on the gateway's port: it runs in \`openclaw gateway run\`.`,
  );
  return { stop: () => Promise.resolve() };
}

export function startPushChannel<E>(opts: PushChannelOptions<E>): RunningChannel {
  const { start } = opts;
  const status = start.status ?? NO_STATUS;
  const webhooks = start.webhooks;
  if (!webhooks) return needsGateway(opts.label, start)!;
  const stopper = new AbortController();
  const signal = start.signal ? AbortSignal.any([start.signal, stopper.signal]) : stopper.signal;
  let failSession: ((err: Error) => void) | undefined;

  /** A credential refused while answering stops the channel as one refused at start does. */
  async function stopOnRefusal<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof CredentialRejected) failSession?.(err);
      throw err;
    }
  }

  const { sender } = opts;
  const gate = inboundGate(opts.channel, start, {
    maxLength: sender.maxLength,
    send: (chatId, text, s) => stopOnRefusal(() => sender.send(chatId, text, s)),
    typing: sender.typing && ((chatId, s) => stopOnRefusal(() => sender.typing!(chatId, s))),
  }, signal);
  const hook = signedWebhook({
    verify: opts.verify,
    accept: opts.accept,
    handle: (event) => opts.handle(event, gate),
    emit: gate.emit,
    ack: opts.ack,
    signal,
  });
  // Mounted now: a path another channel holds fails this channel's start, not a retry loop.
  const remove = webhooks.add(opts.path, hook.handler);

  async function session(s: AbortSignal, connected: (detail?: string) => void): Promise<void> {
    await stopOnRefusal(() => opts.checkCredential(s));
    connected(`receiving on ${opts.path}`);
    let onAbort = () => {};
    try {
      await new Promise<void>((resolve, reject) => {
        failSession = reject;
        onAbort = () => resolve();
        if (s.aborted) resolve();
        s.addEventListener("abort", onAbort, { once: true });
      });
    } finally {
      failSession = undefined;
      s.removeEventListener("abort", onAbort);
    }
  }

  const done = keepConnected({
    label: opts.label,
    signal,
    status,
    emit: gate.emit,
    session,
    fix: opts.fix,
    backoff: start.backoff,
  }).finally(remove);
  return {
    stop: async () => {
      stopper.abort();
      await done;
      await hook.drain();
    },
  };
}
