/**
 * The WhatsApp channel at run time. Baileys runs in the worker process
 * (worker.ts, started here in "run" mode with the account's linked-device
 * credentials), never in the gateway: the gateway's own module graph stays
 * without the WhatsApp stack, and it is fetched and loaded only when
 * WhatsApp is configured. The worker prints each new text message as a
 * JSON line; this side turns it into a candidate for the shared gate
 * (DM policy, pairing, group mentions) and sends answers back through the
 * worker's stdin.
 *
 * One worker is one connection: when WhatsApp closes it or the worker
 * dies, a new one is started with backoff (../reconnect.ts). A device
 * WhatsApp logged out (401) stops the channel with the command that links
 * it again; its dead credentials are moved aside so that command shows a
 * fresh QR code.
 */
import type { ChannelRuntime, ChannelRuntimeStart, RunningChannel } from "../channel-runtime.ts";
import { type InboundCandidate, inboundGate } from "../inbound-gate.ts";
import { ChannelStopped, CredentialRejected, type KeepConnectedOptions } from "../reconnect.ts";
import { channelStopper } from "../channel-loop.ts";
import { NO_STATUS } from "../status-board.ts";
import { isFile } from "../probe.ts";
import { cli } from "../../platform/invocation.ts";
import { tildify } from "../../config/paths.ts";
import { DEFAULT_WHATSAPP_ACCOUNT, whatsappAuthDir } from "./setup.ts";
import { LOGGED_OUT } from "./login.ts";

/** Baileys' DisconnectReason.connectionReplaced: another session now holds this link. */
const CONNECTION_REPLACED = 440;
import { spawnWorker, type WorkerRuntime } from "./worker-process.ts";
import { type BotIdentity, phoneOf, toCandidate } from "./inbound.ts";
import { WorkerLink } from "./worker-link.ts";

/**
 * Where a long answer is split. WhatsApp takes far longer texts (64 Ki), but
 * a phone screen reads better in parts of this size.
 */
export const WHATSAPP_MAX_MESSAGE = 4000;

interface WhatsAppSection {
  enabled?: boolean;
  accounts?: Record<string, { authDir?: string } | undefined>;
}

export interface WhatsAppChannelOptions extends ChannelRuntimeStart {
  backoff?: KeepConnectedOptions["backoff"];
  /** How the worker is started (default: this deno or this binary). */
  workerRuntime?: WorkerRuntime;
}

export interface WhatsAppChannel extends RunningChannel {
  /** Settles when the channel's loop ends (stopped, logged out, or never linked). */
  done: Promise<void>;
}

/** The account the gateway runs: "default" when there is one, else the first listed. */
export function runAccount(
  section: WhatsAppSection,
  credentialsDir: string,
): { id: string; authDir: string } | undefined {
  const accounts = section.accounts ?? {};
  const id = DEFAULT_WHATSAPP_ACCOUNT in accounts
    ? DEFAULT_WHATSAPP_ACCOUNT
    : Object.keys(accounts)[0];
  if (id === undefined) return undefined;
  return { id, authDir: accounts[id]?.authDir ?? whatsappAuthDir(credentialsDir, id) };
}

export async function startWhatsAppChannel(opts: WhatsAppChannelOptions): Promise<WhatsAppChannel> {
  const section = (opts.config.channels?.whatsapp ?? {}) as WhatsAppSection;
  const account = runAccount(section, opts.paths.credentialsDir);
  if (!account) throw new Error("channels.whatsapp.accounts lists no account");
  const authDir = account.authDir;
  const status = opts.status ?? NO_STATUS;
  const relink = cli(`channels login --channel whatsapp --account ${account.id}`);
  const loop = channelStopper(opts.signal);
  const signal = loop.signal;
  let link: WorkerLink | undefined;
  const connectedLink = () => {
    if (!link) throw new Error("WhatsApp is not connected right now");
    return link;
  };
  const gate = inboundGate("whatsapp", opts, {
    maxLength: WHATSAPP_MAX_MESSAGE,
    send: (chatId, text, s) => connectedLink().send(chatId, text, s),
    typing: async (chatId) => void await link?.typing(chatId),
  }, signal);

  if (!await isFile(`${authDir}/creds.json`)) {
    // Nothing to connect with: starting Baileys would only ask for a QR code nobody sees.
    const line = `WhatsApp is not linked (no credentials in ${
      tildify(authDir, opts.host.home)
    }); the WhatsApp channel stopped. Link it with \`${relink}\`.`;
    gate.emit({ type: "error", message: line });
    status.stopped(line);
    return { done: Promise.resolve(), stop: () => Promise.resolve() };
  }

  /** One worker, one connection: serve until WhatsApp closes it or the worker ends. */
  async function session(s: AbortSignal, connected: (detail?: string) => void): Promise<void> {
    const worker = spawnWorker(opts.host, authDir, {
      mode: "run",
      runtime: opts.workerRuntime,
    });
    const current = new WorkerLink(worker);
    const end = () => worker.end();
    s.addEventListener("abort", end, { once: true });
    let bot: BotIdentity = {};
    let closed: { code?: number; message?: string } | undefined;
    // Handled in order, without holding up the reading: a pairing code's send waits for its ack.
    let queue = Promise.resolve();
    try {
      for await (const msg of worker.messages()) {
        if (current.settle(msg)) continue;
        if (typeof msg.me === "string") {
          bot = { me: msg.me, lid: typeof msg.lid === "string" ? msg.lid : undefined };
        }
        const update = msg.update as Record<string, unknown> | undefined;
        if (update?.connection === "open") {
          link = current;
          connected(phoneOf(bot.me) ?? "linked");
        } else if (update?.connection === "close") {
          const error = (update.lastDisconnect as { error?: Record<string, unknown> } | undefined)
            ?.error;
          closed = {
            code: Number((error?.output as { statusCode?: unknown })?.statusCode) || undefined,
            message: typeof error?.message === "string" ? error.message : undefined,
          };
          break;
        } else if (msg.message) {
          const c = toCandidate(msg.message, bot);
          queue = queue.then(() => handle(c));
        }
      }
    } finally {
      s.removeEventListener("abort", end);
      if (link === current) link = undefined;
      current.close("the WhatsApp connection closed");
      worker.end();
      await queue;
    }
    const exit = await worker.exited;
    if (s.aborted) return;
    if (closed?.code === LOGGED_OUT) {
      await setAside(authDir);
      throw new CredentialRejected("this linked device (logged out, 401)");
    }
    if (closed?.code === CONNECTION_REPLACED) {
      // Reconnecting would take the link back from the other session, which takes it again.
      throw new ChannelStopped(
        "WhatsApp: another session took over this linked device (a second gateway on the same " +
          "link?); the WhatsApp channel stopped. Stop the other one, then restart this gateway.",
      );
    }
    if (closed) {
      throw new Error(
        `WhatsApp closed the connection (${closed.message || `code ${closed.code}`})`,
      );
    }
    // Not WhatsApp: the worker itself ended (Baileys could not load, or it crashed).
    throw new Error(`the WhatsApp worker stopped: ${exit.stderrTail || `exit code ${exit.code}`}`);
  }

  async function handle(c: InboundCandidate | { ignored: string }): Promise<void> {
    try {
      if ("ignored" in c) {
        status.messageReceived();
        return gate.emit({ type: "ignored", reason: c.ignored });
      }
      await gate.handle(c);
    } catch (err) {
      if (!signal.aborted) {
        gate.emit({ type: "error", message: `handling a message: ${(err as Error).message}` });
      }
    }
  }

  return loop.run({
    label: "WhatsApp",
    status,
    emit: gate.emit,
    session,
    fix: `WhatsApp logged this device out; link it again with \`${relink}\`.`,
    backoff: opts.backoff,
  }, () => Promise.resolve());
}

/**
 * Keys WhatsApp has revoked cannot connect again, and linking reuses the
 * folder: left in place, `channels login` would log in with them and be
 * refused instead of showing a QR code. Kept beside it, not deleted.
 */
async function setAside(authDir: string): Promise<void> {
  const aside = `${authDir}.logged-out`;
  await Deno.remove(aside, { recursive: true }).catch(() => {});
  await Deno.rename(authDir, aside).catch(() => {});
}

/** The gateway side of WhatsApp (its descriptor's runtime). */
export const whatsappRuntime: ChannelRuntime = {
  // An account is enough to run: without its credentials the channel says how to link it.
  wanted: (section) =>
    section.enabled !== false &&
    Object.keys((section.accounts ?? {}) as Record<string, unknown>).length > 0,
  start: (opts) => startWhatsAppChannel(opts),
};
