/**
 * A Matrix homeserver stand-in on 127.0.0.1 speaking the client-server API
 * the runtime uses: account/whoami, profile display name, /sync (initial,
 * incremental with long polling, full_state, newly joined rooms with their
 * recent history, invites with invite_state), join, send (transaction ids
 * deduplicated, the bot's own messages echoed back in the timeline, as a
 * homeserver does) and typing. Tests build rooms, push messages and read
 * what the bot sent.
 */
import { serveLocal } from "../../helpers/local-server.ts";
import { GOOD_MATRIX_TOKEN } from "../standins.ts";

export { GOOD_MATRIX_TOKEN };
export const MATRIX_BOT = "@clawbot:example.org";
export const MATRIX_BOT_NAME = "Claw";

interface Ev {
  type: string;
  sender: string;
  event_id: string;
  state_key?: string;
  content: Record<string, unknown>;
}

interface Room {
  members: Map<string, string>;
  /** Current state, by "type|state_key". */
  state: Map<string, Ev>;
  /** Where the bot's current membership began (stream position). */
  botSince: number;
}

export interface MatrixSent {
  roomId: string;
  txnId: string;
  body: string;
  msgtype: string;
}

export interface MatrixStandIn extends AsyncDisposable {
  base: string;
  /** Endpoints called, in order ("whoami", "sync", "join", "send", "typing", "profile"). */
  calls: string[];
  /** The `since` and `full_state` of every /sync. */
  syncs: { since?: string; fullState: boolean }[];
  sent: MatrixSent[];
  typing: { roomId: string; userId: string }[];
  joins: string[];
  /** A room the bot is joined to, with these other members. */
  room(roomId: string, members: string[], opts?: { encrypted?: boolean }): void;
  /**
   * `from` creates a room, writes `before` (the room's history), and invites the bot (is_direct
   * as a client's "start DM" sets it).
   */
  invite(roomId: string, from: string, opts?: { isDirect?: boolean; before?: string[] }): void;
  /** A text message (m.mentions when `mentions` is given). */
  message(roomId: string, sender: string, body: string, opts?: { mentions?: string[] }): void;
  /** Any event in a room's timeline (encrypted ones, images …). */
  event(
    roomId: string,
    e: { type: string; sender: string; content: Record<string, unknown> },
  ): void;
  /** The next /sync (or the one waiting) fails mid-answer: the connection breaks. */
  drop(): void;
  /** The next send is refused with 429 M_LIMIT_EXCEEDED, asking to wait `retryAfterMs`. */
  rateLimitNextSend(retryAfterMs: number): void;
  /** The transaction ids of refused sends. */
  limited: string[];
  waitForSend(pred: (m: MatrixSent) => boolean, timeoutMs?: number): Promise<MatrixSent>;
}

export function matrixHomeserver(validToken = GOOD_MATRIX_TOKEN): MatrixStandIn {
  const rooms = new Map<string, Room>();
  const log: { pos: number; roomId: string; ev: Ev }[] = [];
  const calls: string[] = [];
  const syncs: { since?: string; fullState: boolean }[] = [];
  const sent: MatrixSent[] = [];
  const typing: { roomId: string; userId: string }[] = [];
  const joins: string[] = [];
  const txns = new Map<string, string>();
  let wake: (() => void)[] = [];
  let drops = 0;
  let limitNext: number | undefined;
  const limited: string[] = [];
  let eventNo = 0;
  const sendWaiters: { pred: (m: MatrixSent) => boolean; resolve: (m: MatrixSent) => void }[] = [];

  const wakeAll = () => {
    const w = wake;
    wake = [];
    for (const f of w) f();
  };

  function append(roomId: string, e: Omit<Ev, "event_id">): Ev {
    const room = rooms.get(roomId);
    if (!room) throw new Error(`no room ${roomId}`);
    const ev: Ev = { ...e, event_id: `$ev${++eventNo}` };
    const pos = log.length + 1;
    log.push({ pos, roomId, ev });
    if (ev.state_key !== undefined) {
      room.state.set(`${ev.type}|${ev.state_key}`, ev);
      if (ev.type === "m.room.member") {
        room.members.set(ev.state_key, String(ev.content.membership));
        if (ev.state_key === MATRIX_BOT) room.botSince = pos;
      }
    }
    wakeAll();
    return ev;
  }

  const member = (roomId: string, userId: string, membership: string, extra = {}) =>
    append(roomId, {
      type: "m.room.member",
      sender: userId,
      state_key: userId,
      content: {
        membership,
        displayname: userId === MATRIX_BOT ? MATRIX_BOT_NAME : userId.slice(1).split(":")[0],
        ...extra,
      },
    });

  function newRoom(roomId: string): void {
    rooms.set(roomId, { members: new Map(), state: new Map(), botSince: 0 });
  }

  function roomSync(roomId: string, room: Room, since: number | undefined, full: boolean) {
    const events = log.filter((l) => l.roomId === roomId);
    const newlyJoined = since === undefined || room.botSince > since;
    const timeline = newlyJoined
      ? events.slice(-10)
      : events.filter((l) => since !== undefined && l.pos > since);
    if (!newlyJoined && !full && timeline.length === 0) return undefined;
    const joined = [...room.members.values()].filter((m) => m === "join").length;
    return {
      summary: { "m.joined_member_count": joined },
      state: { events: newlyJoined || full ? [...room.state.values()] : [] },
      timeline: { events: timeline.map((l) => l.ev), limited: newlyJoined },
    };
  }

  function inviteSync(room: Room) {
    return { invite_state: { events: [...room.state.values()].filter((e) => e.state_key) } };
  }

  function syncBody(since: number | undefined, full: boolean) {
    const join: Record<string, unknown> = {};
    const invite: Record<string, unknown> = {};
    for (const [id, room] of rooms) {
      const m = room.members.get(MATRIX_BOT);
      if (m === "join") {
        const r = roomSync(id, room, since, full);
        if (r) join[id] = r;
      } else if (m === "invite" && (since === undefined || room.botSince > since)) {
        invite[id] = inviteSync(room);
      }
    }
    return { next_batch: `s${log.length}`, rooms: { join, invite, leave: {} } };
  }

  async function sync(url: URL): Promise<Response> {
    const sinceParam = url.searchParams.get("since") ?? undefined;
    const fullState = url.searchParams.get("full_state") === "true";
    syncs.push({ since: sinceParam, fullState });
    const since = sinceParam === undefined ? undefined : Number(sinceParam.slice(1));
    if (since !== undefined && !(/^s\d+$/.test(sinceParam!) && since <= log.length)) {
      return Response.json({ errcode: "M_INVALID_PARAM", error: "Unknown since token" }, {
        status: 400,
      });
    }
    if (since !== undefined && log.length <= since && drops === 0) {
      const waitMs = Math.min(Number(url.searchParams.get("timeout") ?? 0), 2000);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, waitMs);
        wake.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    if (drops > 0) {
      drops--;
      return brokenAnswer();
    }
    return Response.json(syncBody(since, fullState));
  }

  function send(roomId: string, txnId: string, content: Record<string, unknown>): Response {
    if (limitNext !== undefined) {
      const retry_after_ms = limitNext;
      limitNext = undefined;
      limited.push(txnId);
      return Response.json({ errcode: "M_LIMIT_EXCEEDED", retry_after_ms }, { status: 429 });
    }
    const key = `${roomId}|${txnId}`;
    const known = txns.get(key);
    if (known) return Response.json({ event_id: known });
    if (rooms.get(roomId)?.members.get(MATRIX_BOT) !== "join") {
      return Response.json({ errcode: "M_FORBIDDEN", error: "not in room" }, { status: 403 });
    }
    const msg = {
      roomId,
      txnId,
      body: String(content.body),
      msgtype: String(content.msgtype),
    };
    sent.push(msg);
    const ev = append(roomId, { type: "m.room.message", sender: MATRIX_BOT, content });
    txns.set(key, ev.event_id);
    for (const w of [...sendWaiters]) {
      if (w.pred(msg)) {
        sendWaiters.splice(sendWaiters.indexOf(w), 1);
        w.resolve(msg);
      }
    }
    return Response.json({ event_id: ev.event_id });
  }

  const server = serveLocal(async (req) => {
    const url = new URL(req.url);
    const path = url.pathname.replace(/^\/_matrix\/client\/v3/, "");
    if (req.headers.get("authorization") !== `Bearer ${validToken}`) {
      calls.push(path.split("/")[1] ?? path);
      return Response.json({ errcode: "M_UNKNOWN_TOKEN", error: "Invalid access token" }, {
        status: 401,
      });
    }
    const body = req.method === "GET" ? {} : await req.json().catch(() => ({}));
    let m: RegExpMatchArray | null;
    if (path === "/account/whoami") {
      calls.push("whoami");
      return Response.json({ user_id: MATRIX_BOT, device_id: "OPENCLAW" });
    }
    if ((m = path.match(/^\/profile\/([^/]+)\/displayname$/))) {
      calls.push("profile");
      return decodeURIComponent(m[1]) === MATRIX_BOT
        ? Response.json({ displayname: MATRIX_BOT_NAME })
        : Response.json({ errcode: "M_NOT_FOUND" }, { status: 404 });
    }
    if (path === "/sync") {
      calls.push("sync");
      return await sync(url);
    }
    if ((m = path.match(/^\/rooms\/([^/]+)\/join$/))) {
      calls.push("join");
      const roomId = decodeURIComponent(m[1]);
      if (rooms.get(roomId)?.members.get(MATRIX_BOT) !== "invite") {
        return Response.json({ errcode: "M_FORBIDDEN" }, { status: 403 });
      }
      joins.push(roomId);
      member(roomId, MATRIX_BOT, "join");
      return Response.json({ room_id: roomId });
    }
    if ((m = path.match(/^\/rooms\/([^/]+)\/send\/m\.room\.message\/([^/]+)$/))) {
      calls.push("send");
      return send(decodeURIComponent(m[1]), decodeURIComponent(m[2]), body);
    }
    if ((m = path.match(/^\/rooms\/([^/]+)\/typing\/([^/]+)$/))) {
      calls.push("typing");
      typing.push({ roomId: decodeURIComponent(m[1]), userId: decodeURIComponent(m[2]) });
      return Response.json({});
    }
    return Response.json({ errcode: "M_UNRECOGNIZED" }, { status: 404 });
  });

  return {
    base: server.base,
    calls,
    syncs,
    sent,
    typing,
    joins,
    room(roomId, members, opts = {}) {
      newRoom(roomId);
      for (const u of [...members, MATRIX_BOT]) member(roomId, u, "join");
      if (opts.encrypted) {
        append(roomId, {
          type: "m.room.encryption",
          sender: members[0],
          state_key: "",
          content: { algorithm: "m.megolm.v1.aes-sha2" },
        });
      }
    },
    invite(roomId, from, opts = {}) {
      newRoom(roomId);
      member(roomId, from, "join");
      for (const text of opts.before ?? []) this.message(roomId, from, text);
      append(roomId, {
        type: "m.room.member",
        sender: from,
        state_key: MATRIX_BOT,
        content: { membership: "invite", ...(opts.isDirect ? { is_direct: true } : {}) },
      });
    },
    message(roomId, sender, body, opts = {}) {
      append(roomId, {
        type: "m.room.message",
        sender,
        content: {
          msgtype: "m.text",
          body,
          ...(opts.mentions ? { "m.mentions": { user_ids: opts.mentions } } : {}),
        },
      });
    },
    event(roomId, e) {
      append(roomId, e);
    },
    drop() {
      drops++;
      wakeAll();
    },
    rateLimitNextSend(ms) {
      limitNext = ms;
    },
    limited,
    waitForSend(pred, timeoutMs = 8000) {
      const hit = sent.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error("no matching Matrix send")), timeoutMs);
        sendWaiters.push({
          pred,
          resolve: (msg) => {
            clearTimeout(t);
            resolve(msg);
          },
        });
      });
    },
    [Symbol.asyncDispose]: async () => {
      wakeAll();
      await server.close();
    },
  };
}

/** An answer that breaks off in the middle, as when the connection drops. */
function brokenAnswer(): Response {
  const body = new ReadableStream({
    start(c) {
      c.enqueue(new TextEncoder().encode('{"next_batch":'));
      c.close();
    },
  });
  return new Response(body, { headers: { "content-type": "application/json" } });
}
