/**
 * The iMessage channel at run time, through the `imsg` CLI on the Mac that
 * is signed in to Messages: the gateway starts `imsg rpc` (rpc.ts), asks it
 * to watch for new messages (`watch.subscribe`) and answers with its `send`
 * method, into the chat a message came from. Each message goes to the
 * shared gate (../inbound-gate.ts); iMessage has no bot mentions, so a group
 * message counts as mentioning the bot when it names it (../name-mention.ts).
 *
 * imsg reads ~/Library/Messages/chat.db, so this runs on macOS only: on any
 * other system the channel says so (and points to BlueBubbles) and starts
 * nothing. When imsg exits it is started again with backoff, asking for the
 * messages after the last one seen; when macOS refuses it the database (no
 * Full Disk Access) the channel stops with how to grant it.
 */
import type { ChannelRuntime } from "../channel-runtime.ts";
import { type InboundGate, inboundGate } from "../inbound-gate.ts";
import { type ChannelLoop, type ChannelLoopStart, channelStopper } from "../channel-loop.ts";
import { NO_STATUS } from "../status-board.ts";
import { mentionNames, nameMention } from "../name-mention.ts";
import { printable } from "../../platform/terminal-text.ts";
import { isExecutableFile } from "../../platform/files.ts";
import { ImsgRpc, ImsgRpcError, ImsgTimeout } from "./rpc.ts";
import { AUTOMATION_FIX, FULL_DISK_ACCESS_FIX, lastLine, permissionProblem } from "./permission.ts";

/** As for BlueBubbles: iMessage has no hard limit; a long answer reads better as a few bubbles. */
export const IMESSAGE_MAX_MESSAGE = 4000;

export const NEEDS_A_MAC =
  "iMessage needs a Mac: imsg reads Messages' database (~/Library/Messages/chat.db), which only " +
  "macOS has. Run the gateway on a Mac signed in to Messages, or use BlueBubbles on a Mac " +
  "instead to reach iMessage from this machine (docs/channels/bluebubbles.md).";

interface IMessageSection {
  cliPath?: string;
  dbPath?: string;
  mentionNames?: string;
}

/** One message as `imsg rpc` reports it (only the fields used). Untrusted. */
interface ImsgMessage {
  id?: unknown;
  chat_id?: unknown;
  sender?: unknown;
  is_from_me?: unknown;
  text?: unknown;
  chat_guid?: unknown;
  is_group?: unknown;
}

export async function startIMessageChannel(opts: ChannelLoopStart): Promise<ChannelLoop> {
  const section = (opts.config.channels?.imessage ?? {}) as IMessageSection;
  const status = opts.status ?? NO_STATUS;
  const stopNow = (why: string): ChannelLoop => {
    status.stopped(why);
    opts.onEvent?.({ type: "error", message: printable(why) });
    return { done: Promise.resolve(), stop: () => Promise.resolve() };
  };
  if (opts.host.platform !== "darwin") return stopNow(NEEDS_A_MAC);
  const cliPath = section.cliPath ?? await opts.host.which("imsg");
  if (!cliPath || !await isExecutableFile(cliPath)) {
    // Restarting cannot make a missing program appear: say what to install or fix, once.
    return stopNow(
      `iMessage: ${cliPath ? `${cliPath} is not an executable file` : "imsg is not on PATH"}. ` +
        "Install imsg (brew install steipete/tap/imsg) or set channels.imessage.cliPath.",
    );
  }
  const args = ["rpc", ...(section.dbPath ? ["--db", section.dbPath] : [])];
  const loop = channelStopper(opts.signal);
  let rpc: ImsgRpc | undefined;
  const gate = inboundGate("imessage", opts, {
    maxLength: IMESSAGE_MAX_MESSAGE,
    send: async (chatId, text) => {
      if (!rpc) throw new Error("imsg is not running (it is being restarted)");
      await rpc.request("send", { chat_id: Number(chatId), text }).catch((err) => {
        // imsg sends through Messages by AppleScript; without the Automation permission it hangs.
        throw err instanceof ImsgTimeout ? new Error(`${err.message}; ${AUTOMATION_FIX}`) : err;
      });
    },
  }, loop.signal);
  const names = mentionNames(section, opts.config as { agents?: unknown });
  const inbound = new ImsgInbound(gate, nameMention(names));

  /** One imsg process: subscribe, then serve until it exits or the channel stops. */
  async function session(s: AbortSignal, connected: (detail?: string) => void): Promise<void> {
    const proc = new ImsgRpc(cliPath!, args, (method, params) => {
      if (method === "message") inbound.push((params as { message?: ImsgMessage })?.message);
    });
    rpc = proc;
    const onAbort = () => void proc.stop();
    s.addEventListener("abort", onAbort, { once: true });
    try {
      const since = inbound.lastRowId;
      await proc.request("watch.subscribe", since === undefined ? {} : { since_rowid: since });
      connected(`imsg rpc, watching ${section.dbPath ?? "~/Library/Messages/chat.db"}`);
      const exit = await proc.exited;
      if (s.aborted) return;
      throw new Error(`imsg exited (code ${exit.code})`); // its stderr is read below
    } catch (err) {
      if (s.aborted) return;
      const text = err instanceof ImsgRpcError ? `${err.message} ${err.data ?? ""}` : "";
      const exit = await proc.stop();
      const problem = permissionProblem(text) ?? permissionProblem(exit.stderr);
      if (problem) return refuse(problem);
      const said = lastLine(exit.stderr);
      throw new Error(`${(err as Error).message}${said ? `: ${said}` : ""}`);
    } finally {
      s.removeEventListener("abort", onAbort);
      if (rpc === proc) rpc = undefined;
      await proc.stop();
    }
  }

  /** macOS refused the database: retrying cannot help until Full Disk Access is granted. */
  function refuse(problem: string): void {
    const line = `iMessage: ${problem}; the iMessage channel stopped. ${FULL_DISK_ACCESS_FIX}`;
    gate.emit({ type: "error", message: line });
    status.stopped(line);
    loop.abort();
  }

  return loop.run({
    label: "iMessage",
    status,
    emit: gate.emit,
    session,
    fix: FULL_DISK_ACCESS_FIX,
    backoff: opts.backoff,
  }, () => inbound.settled());
}

/** Turns imsg's message notifications into gate candidates, one at a time, in order. */
class ImsgInbound {
  /** The newest message row seen: a restarted imsg is asked for what came after it. */
  lastRowId: number | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly gate: InboundGate,
    private readonly mention: ReturnType<typeof nameMention>,
  ) {}

  push(m: ImsgMessage | undefined): void {
    if (!m || typeof m !== "object") return;
    const rowId = Number.isSafeInteger(m.id) ? m.id as number : undefined;
    if (rowId !== undefined) {
      // imsg may repeat a row after a restart; a message is handled once.
      if (this.lastRowId !== undefined && rowId <= this.lastRowId) return;
      this.lastRowId = rowId;
    }
    this.queue = this.queue.then(() => this.handle(m)).catch((err) =>
      this.gate.emit({ type: "error", message: `iMessage: ${(err as Error).message}` })
    );
  }

  settled(): Promise<void> {
    return this.queue;
  }

  private handle(m: ImsgMessage): Promise<void> {
    if (!Number.isSafeInteger(m.chat_id)) {
      this.gate.emit({ type: "ignored", reason: "a message without a numeric chat id" });
      return Promise.resolve();
    }
    const sender = typeof m.sender === "string" ? m.sender.trim().slice(0, 320) : "";
    const text = typeof m.text === "string" ? m.text.slice(0, 64 * 1024) : "";
    const group = m.is_group === true ||
      (typeof m.chat_guid === "string" && m.chat_guid.split(";")[1] === "+");
    return this.gate.handle({
      // Apple IDs are e-mail addresses, case-insensitive; phone numbers come in E.164.
      senderId: sender.includes("@") ? sender.toLowerCase() : sender,
      chatId: String(m.chat_id),
      chatType: group ? "group" : "direct",
      text: group ? this.mention.strip(text) : text,
      mentioned: group && this.mention.mentioned(text),
      fromBot: m.is_from_me === true,
    });
  }
}

/** The gateway side of iMessage: `imsg rpc` on a Mac while the channel is enabled. */
export const imessageRuntime: ChannelRuntime = {
  // Nothing to log in with: set up (the section exists) and not disabled is enough.
  wanted: (section) => section.enabled !== false,
  start: (opts) => startIMessageChannel(opts),
};
