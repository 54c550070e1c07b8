/**
 * The Signal channel at run time, through signal-cli's daemon and its HTTP
 * interface: the envelopes arrive as Server-Sent Events, answers go out as
 * JSON-RPC `send` calls. The daemon is either one already running
 * (channels.signal.httpUrl) or one the gateway starts from cliPath (or
 * signal-cli on PATH) for the account, restarts when it dies and stops
 * with the channel (daemon.ts). Each text message goes to the shared gate
 * (../inbound-gate.ts), which applies the DM policy, pairing and the group
 * mention rule; answers go to the DM or group it came from.
 *
 * An account signal-cli does not have (never registered or linked) stops
 * the channel with what to run; anything else reconnects with backoff.
 */
import type { ChannelRuntime, ChannelRuntimeStart, RunningChannel } from "../channel-runtime.ts";
import { inboundGate } from "../inbound-gate.ts";
import { CredentialRejected, type KeepConnectedOptions } from "../reconnect.ts";
import { channelStopper } from "../channel-loop.ts";
import { NO_STATUS } from "../status-board.ts";
import { SignalDaemonApi } from "./daemon-api.ts";
import { AccountNotRegistered, type OwnDaemon, startOwnDaemon } from "./daemon.ts";
import { judgeSignalEvent, type SignalSelf } from "./envelope.ts";
import { sseData } from "./sse.ts";

/** Longer texts are sent by Signal's apps as an attachment; answers are split below it. */
export const SIGNAL_MAX_MESSAGE = 2000;
const MAX_EVENT_BYTES = 1024 * 1024;

export interface SignalChannelOptions extends ChannelRuntimeStart {
  backoff?: KeepConnectedOptions["backoff"];
  /** How long the started daemon may take to answer (tests make it short). */
  readyTimeoutMs?: number;
}

export interface SignalChannel extends RunningChannel {
  done: Promise<void>;
}

interface SignalSection {
  account?: string;
  cliPath?: string;
  httpUrl?: string;
}

export async function startSignalChannel(opts: SignalChannelOptions): Promise<SignalChannel> {
  const section = (opts.config.channels?.signal ?? {}) as SignalSection;
  const account = section.account;
  const external = (opts.apiBase ?? opts.host.env("OPENCLAW_SIGNAL_API_BASE") ?? section.httpUrl)
    ?.replace(/\/+$/, "");
  const cliPath = external ? undefined : section.cliPath ?? await opts.host.which("signal-cli");
  if (!external && !cliPath) {
    throw new Error(
      "signal-cli was not found: set channels.signal.cliPath, or channels.signal.httpUrl for a daemon already running",
    );
  }
  if (!external && !account) throw new Error("channels.signal.account is not set");
  const loop = channelStopper(opts.signal);
  const status = opts.status ?? NO_STATUS;
  const externalApi = external ? new SignalDaemonApi(external, account) : undefined;
  let daemon: OwnDaemon | undefined;
  const api = () => externalApi ?? daemon?.api;
  const gate = inboundGate("signal", opts, {
    maxLength: SIGNAL_MAX_MESSAGE,
    send: async (chatId, text, s) => void await need(api()).send(chatId, text, s),
    typing: async (chatId, s) => void await need(api()).sendTyping(chatId, s),
  }, loop.signal);

  /** The gateway's own daemon, started (again) when it is not running. */
  async function ownDaemon(s: AbortSignal): Promise<OwnDaemon> {
    if (daemon?.alive()) return daemon;
    try {
      daemon = await startOwnDaemon({
        cliPath: cliPath!,
        account: account!,
        home: opts.host.home,
        signal: s,
        readyTimeoutMs: opts.readyTimeoutMs,
      });
      return daemon;
    } catch (err) {
      if (err instanceof AccountNotRegistered) {
        throw new CredentialRejected(`the account ${account}: ${err.message}`);
      }
      throw err;
    }
  }

  async function session(s: AbortSignal, connected: (detail?: string) => void): Promise<void> {
    try {
      const d = externalApi ?? (await ownDaemon(s)).api;
      const self: SignalSelf = {
        number: account,
        uuid: account ? await d.ownUuid(account, s).catch(() => undefined) : undefined,
      };
      const events = await d.openEvents(s);
      connected(`${account ?? "signal-cli"} via ${external ? redact(external) : daemon?.address}`);
      const oversize = () => gate.emit({ type: "ignored", reason: "an event larger than 1 MiB" });
      for await (const data of sseData(events, MAX_EVENT_BYTES, oversize)) {
        await handle(data, self, s);
      }
    } catch (err) {
      if (err instanceof CredentialRejected || s.aborted) throw err;
      // A URL the user wrote may carry a password: never in a log line.
      throw new Error(redact((err as Error)?.message ?? String(err)));
    }
  }

  async function handle(data: string, self: SignalSelf, s: AbortSignal): Promise<void> {
    const judged = judgeSignalEvent(data, self);
    if ("skip" in judged) return;
    if ("ignored" in judged) {
      return gate.emit({ type: "ignored", senderId: judged.senderId, reason: judged.ignored });
    }
    try {
      await gate.handle(judged.candidate);
    } catch (err) {
      if (s.aborted) return;
      gate.emit({ type: "error", message: `Signal: handling a message: ${redact(String(err))}` });
    }
  }

  const cli = cliPath ?? "signal-cli";
  // Once the loop has ended, the daemon this channel started goes with it.
  return loop.run({
    label: "Signal",
    status,
    emit: gate.emit,
    session,
    fix: `Link or register it first: \`${cli} link -n openclaw\` prints a sgnl://linkdevice link ` +
      "to show as a QR code (e.g. with qrencode) and scan in Signal → Settings → Linked devices; " +
      `or \`${cli} -a ${account} register\` for a number of its own. Or fix channels.signal.account.`,
    backoff: opts.backoff,
  }, async () => void await daemon?.stop());
}

function need(api: SignalDaemonApi | undefined): SignalDaemonApi {
  if (!api) throw new Error("signal-cli is not running");
  return api;
}

/** user:password@ in a URL → ***@ */
function redact(text: string): string {
  return text.replace(/(\/\/)[^/@\s]*@/g, "$1***@");
}

/** The gateway side of Signal: the account's daemon while an account (or a daemon URL) is set. */
export const signalRuntime: ChannelRuntime = {
  wanted: (section) =>
    section.enabled !== false && (Boolean(section.account) || Boolean(section.httpUrl)),
  start: (opts) => startSignalChannel(opts),
};
