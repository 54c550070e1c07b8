/**
 * What the Matrix runtime knows of the rooms it is in, kept from the state
 * events /sync delivers: who is a member (and their display name, for
 * logs), whether the room is encrypted, whether the invite called it a
 * direct chat. A room is a direct conversation when exactly two people are
 * joined (the sender and the bot); one that only the invite marked direct
 * counts as direct until its members are known. A room where more people
 * joined is a group, whatever the invite said: the mention rule applies.
 */
import type { MatrixEvent } from "./client.ts";

interface Room {
  /** userId → membership ("join", "invite", "leave", …). */
  members: Map<string, string>;
  names: Map<string, string>;
  /** m.joined_member_count from the room summary, when the homeserver sent it. */
  summaryJoined?: number;
  encrypted: boolean;
  markedDirect: boolean;
}

/** A name is for log lines only; a long one is cut. */
const MAX_NAME = 80;

export class RoomBook {
  private readonly rooms = new Map<string, Room>();

  private room(roomId: string): Room {
    let r = this.rooms.get(roomId);
    if (!r) {
      r = { members: new Map(), names: new Map(), encrypted: false, markedDirect: false };
      this.rooms.set(roomId, r);
    }
    return r;
  }

  /** Apply one event if it is state the runtime keeps (members, encryption). */
  applyState(roomId: string, e: MatrixEvent): void {
    if (typeof e.state_key !== "string") return;
    const r = this.room(roomId);
    if (e.type === "m.room.encryption") r.encrypted = true;
    if (e.type !== "m.room.member") return;
    const membership = e.content?.membership;
    if (typeof membership !== "string") return;
    r.members.set(e.state_key, membership);
    const name = e.content?.displayname;
    if (typeof name === "string" && name.trim()) {
      r.names.set(e.state_key, name.trim().slice(0, MAX_NAME));
    }
    // A member change outdates the summary's count; the member list is now the truth.
    r.summaryJoined = undefined;
  }

  applySummary(roomId: string, summary: Record<string, unknown> | undefined): void {
    const n = summary?.["m.joined_member_count"];
    if (typeof n === "number" && Number.isInteger(n)) this.room(roomId).summaryJoined = n;
  }

  /** The invite said "direct chat" (is_direct on the bot's member event). */
  markDirect(roomId: string): void {
    this.room(roomId).markedDirect = true;
  }

  markEncrypted(roomId: string): void {
    this.room(roomId).encrypted = true;
  }

  /** The bot left or was removed: forget the room. */
  forget(roomId: string): void {
    this.rooms.delete(roomId);
  }

  membership(roomId: string, userId: string): string | undefined {
    return this.rooms.get(roomId)?.members.get(userId);
  }

  joinedCount(roomId: string): number | undefined {
    const r = this.rooms.get(roomId);
    if (!r) return undefined;
    if (r.summaryJoined !== undefined) return r.summaryJoined;
    let n = 0;
    for (const m of r.members.values()) if (m === "join") n++;
    return n > 0 ? n : undefined;
  }

  isDirect(roomId: string): boolean {
    const n = this.joinedCount(roomId);
    return n === undefined ? this.rooms.get(roomId)?.markedDirect === true : n === 2;
  }

  isEncrypted(roomId: string): boolean {
    return this.rooms.get(roomId)?.encrypted === true;
  }

  displayName(roomId: string, userId: string): string | undefined {
    return this.rooms.get(roomId)?.names.get(userId);
  }

  /** How many rooms the bot is joined to that are encrypted (it cannot read them). */
  encryptedJoined(botId: string): number {
    let n = 0;
    for (const r of this.rooms.values()) {
      if (r.encrypted && r.members.get(botId) === "join") n++;
    }
    return n;
  }
}
