/**
 * The Matrix channel at run time: /sync long polling with the bot account's
 * access token. One session: account/whoami (a refused token stops the
 * channel), the display name (what people type to mention the bot), then
 * syncs: the first with every room's state, the next ones waiting for news.
 * Invites are accepted (a DM starts with one); each text message in a room
 * the bot is in goes to the shared gate (../inbound-gate.ts), which applies
 * the DM policy, pairing and the group mention rule; answers are sent into
 * the room the message came from.
 *
 * History: on the very first start the first sync only marks where the bot
 * begins (nothing old is answered); afterwards next_batch is kept in the
 * state folder (since.ts), so a restart answers what came while it was
 * down. In a room the bot just joined, what was said before it was invited
 * is history too.
 *
 * Encrypted rooms are not supported: their messages are ignored with that
 * reason, and `channels status` says how many such rooms the bot is in.
 */
import type { ChannelRuntime, ChannelRuntimeStart, RunningChannel } from "../channel-runtime.ts";
import { inboundGate } from "../inbound-gate.ts";
import { CredentialRejected, type KeepConnectedOptions } from "../reconnect.ts";
import { channelStopper } from "../channel-loop.ts";
import { NO_STATUS } from "../status-board.ts";
import {
  type JoinedRoomSync,
  MatrixApiError,
  MatrixClient,
  type MatrixEvent,
  type SyncResponse,
} from "./client.ts";
import { RoomBook } from "./rooms.ts";
import { ENCRYPTED_DM_NOTICE, ENCRYPTION_UNSUPPORTED, judgeEvent, type Me } from "./message.ts";
import { readSince, writeSince } from "./since.ts";

/** Matrix caps an event at 64 KiB of JSON; 16,000 UTF-16 units stay under it even at 3 bytes each. */
export const MATRIX_MAX_MESSAGE = 16_000;
/** Typing shows this long unless renewed (the agent glue renews it every few seconds). */
const TYPING_MS = 8000;

export interface MatrixChannelOptions extends ChannelRuntimeStart {
  /** How long one /sync waits for news, in ms (the homeserver holds the request). */
  pollTimeoutMs?: number;
  backoff?: KeepConnectedOptions["backoff"];
}

export interface MatrixChannel extends RunningChannel {
  /** Settles when the loop ends (stopped, or the token was refused). */
  done: Promise<void>;
}

interface MatrixSection {
  homeserver?: string;
  accessToken?: string;
}

export function startMatrixChannel(opts: MatrixChannelOptions): MatrixChannel {
  const section = (opts.config.channels?.matrix ?? {}) as MatrixSection;
  if (!section.accessToken) throw new Error("channels.matrix.accessToken is not set");
  const base = (opts.apiBase ?? opts.host.env("OPENCLAW_MATRIX_API_BASE") ?? section.homeserver)
    ?.replace(/\/+$/, "");
  if (!base) throw new Error("channels.matrix.homeserver is not set");
  const client = new MatrixClient(base, section.accessToken);
  const status = opts.status ?? NO_STATUS;
  const loop = channelStopper(opts.signal);
  let me: Me | undefined;
  const toldEncrypted = new Set<string>();
  const gate = inboundGate("matrix", opts, {
    maxLength: MATRIX_MAX_MESSAGE,
    send: (roomId, text, s) => client.sendText(roomId, text, s),
    typing: async (roomId, s) => {
      if (me) await client.typing(roomId, me.userId, TYPING_MS, s);
    },
  }, loop.signal);

  async function session(s: AbortSignal, connected: (detail?: string) => void): Promise<void> {
    const userId = await rejectedIsFatal(() => client.whoami(s));
    const displayName = await client.displayName(userId, s).catch(() => undefined);
    me = { userId, displayName };
    const book = new RoomBook();
    const joining = new Set<string>();
    let since: string | undefined;
    let shown = "";
    const show = () => {
      const detail = runningDetail(userId, book.encryptedJoined(userId));
      if (detail !== shown) (shown ? status.running : connected)(shown = detail);
    };
    for (let first = true; !s.aborted; first = false) {
      const { batch, history } = first ? await firstSync(await readSince(opts.paths, userId), s) : {
        batch: await rejectedIsFatal(() =>
          client.sync({ since, timeoutMs: opts.pollTimeoutMs ?? 30_000 }, s)
        ),
        history: false,
      };
      const rooms = batch.rooms ?? {};
      for (const roomId of Object.keys(rooms.leave ?? {})) book.forget(roomId);
      for (const [roomId, room] of Object.entries(rooms.join ?? {})) {
        await syncRoom(roomId, room, me, book, { history }, s);
      }
      for (const [roomId, invite] of Object.entries(rooms.invite ?? {})) {
        await accept(roomId, invite.invite_state?.events ?? [], userId, book, joining, s);
      }
      since = batch.next_batch;
      await writeSince(opts.paths, userId, since);
      show();
    }
  }

  /**
   * A session's first sync: every room's state, and what came since the kept position. With no
   * position (the very first start), or one the homeserver no longer knows, it starts from now:
   * its timeline is history, not answered.
   */
  async function firstSync(
    saved: string | undefined,
    s: AbortSignal,
  ): Promise<{ batch: SyncResponse; history: boolean }> {
    if (saved) {
      try {
        const batch = await rejectedIsFatal(() =>
          client.sync({ since: saved, timeoutMs: 0, fullState: true }, s)
        );
        return { batch, history: false };
      } catch (err) {
        const refused = err instanceof MatrixApiError && err.status >= 400 && err.status < 500 &&
          err.status !== 429;
        if (!refused) throw err;
        gate.emit({
          type: "error",
          message: `Matrix: the homeserver refused the kept sync position (${
            (err as Error).message
          }); starting from now`,
        });
      }
    }
    const batch = await rejectedIsFatal(() => client.sync({ timeoutMs: 0, fullState: true }, s));
    return { batch, history: true };
  }

  /** A joined room's news: state first, then the timeline in order. */
  async function syncRoom(
    roomId: string,
    room: JoinedRoomSync,
    me: Me,
    book: RoomBook,
    opt: { history: boolean },
    s: AbortSignal,
  ): Promise<void> {
    const wasJoined = book.membership(roomId, me.userId) === "join";
    for (const e of room.state?.events ?? []) book.applyState(roomId, e);
    book.applySummary(roomId, room.summary);
    const timeline = room.timeline?.events ?? [];
    // Just joined: what came before the bot's invite (or join) is the room's history.
    let from = 0;
    if (!wasJoined) {
      const mark = timeline.findIndex((e) => isOwnArrival(e, me.userId));
      from = mark === -1 ? 0 : mark + 1;
    }
    // The room as it is now decides DM or group (a DM's first message may predate the bot's join).
    for (const e of timeline) book.applyState(roomId, e);
    if (opt.history) return;
    for (const [i, e] of timeline.entries()) {
      if (i < from) continue;
      const judged = judgeEvent(roomId, e, me, book);
      if ("skip" in judged) continue;
      if ("ignored" in judged) {
        gate.emit({ type: "ignored", senderId: judged.senderId, reason: judged.ignored });
        if (judged.encrypted) await explainEncryption(roomId, book, s);
        continue;
      }
      try {
        await gate.handle(judged.candidate);
      } catch (err) {
        if (s.aborted) return;
        gate.emit({ type: "error", message: `handling a message in ${roomId}: ${errText(err)}` });
      }
    }
  }

  /** In an encrypted DM, say once (per run) in plain text why the bot stays silent; never in groups. */
  async function explainEncryption(roomId: string, book: RoomBook, s: AbortSignal) {
    if (!book.isDirect(roomId) || toldEncrypted.has(roomId)) return;
    toldEncrypted.add(roomId);
    try {
      await client.sendText(roomId, ENCRYPTED_DM_NOTICE, s);
    } catch (err) {
      if (!s.aborted) gate.emit({ type: "error", message: `Matrix: ${errText(err)}` });
    }
  }

  /** Join a room the bot is invited to (once per session): a DM starts with an invite. */
  async function accept(
    roomId: string,
    inviteState: MatrixEvent[],
    userId: string,
    book: RoomBook,
    joining: Set<string>,
    s: AbortSignal,
  ): Promise<void> {
    if (joining.has(roomId)) return;
    joining.add(roomId);
    const own = inviteState.find((e) => e.type === "m.room.member" && e.state_key === userId);
    if (own?.content?.is_direct === true) book.markDirect(roomId);
    try {
      await rejectedIsFatal(() => client.join(roomId, s));
    } catch (err) {
      if (err instanceof CredentialRejected || s.aborted) throw err;
      gate.emit({ type: "error", message: `Matrix: joining ${roomId} failed: ${errText(err)}` });
    }
  }

  return loop.run({
    label: "Matrix",
    status,
    emit: gate.emit,
    session,
    fix: "Fix channels.matrix.accessToken (the bot account's access token).",
    backoff: opts.backoff,
  }, () => Promise.resolve());
}

/** The bot's own invite or join event: where its part of the room begins. */
function isOwnArrival(e: MatrixEvent, userId: string): boolean {
  const m = e.content?.membership;
  return e.type === "m.room.member" && e.state_key === userId && (m === "invite" || m === "join");
}

/** "@bot:example.org", plus what the bot cannot read. */
export function runningDetail(userId: string, encryptedRooms: number): string {
  if (encryptedRooms === 0) return userId;
  const rooms = encryptedRooms === 1 ? "1 encrypted room" : `${encryptedRooms} encrypted rooms`;
  return `${userId}; ${rooms} ignored: ${ENCRYPTION_UNSUPPORTED}`;
}

/** 401 (M_UNKNOWN_TOKEN, M_MISSING_TOKEN) means the token is wrong or logged out: stop, do not retry. */
async function rejectedIsFatal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof MatrixApiError && err.status === 401) {
      throw new CredentialRejected(`the access token (401 ${err.errcode || "unauthorized"})`);
    }
    throw err;
  }
}

function errText(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}

/** The gateway side of Matrix: /sync while a homeserver and access token are set. */
export const matrixRuntime: ChannelRuntime = {
  wanted: (section) =>
    section.enabled !== false && Boolean(section.accessToken) && Boolean(section.homeserver),
  start: (opts) => startMatrixChannel(opts),
};
