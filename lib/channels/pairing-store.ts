/**
 * DM pairing: the first message from an unknown sender creates a request
 * with a short code; `openclaw pairing approve <channel> <code>` moves that
 * sender to the channel's approved list. Codes are 8 characters without
 * look-alikes (no 0/O, 1/I), expire after an hour, and at most 3 requests
 * per channel wait at a time (more are ignored until one clears).
 *
 * Files (0600, in the 0700 credentials folder; they decide who reaches the
 * agent, so they are treated as secrets):
 *   credentials/<channel>-pairing.json     pending requests
 *   credentials/<channel>-allowFrom.json   approved senders
 * The gateway (creating requests) and the CLI (approving) both write them,
 * so every change happens under a small lock file.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { ActionableError } from "../errors.ts";
import { acquireLock } from "../config/lock.ts";
import {
  ensureDir,
  readTextIfExists,
  SECRET_DIR_MODE,
  writeFileAtomic,
} from "../platform/files.ts";

export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 8;
export const PAIRING_TTL_MS = 60 * 60 * 1000;
export const MAX_PENDING = 3;

export interface PairingRequest {
  code: string;
  senderId: string;
  /** Where to answer (Telegram chat id), when it differs from the sender id. */
  chatId?: string;
  name?: string;
  accountId?: string;
  createdAt: string;
  expiresAt: string;
}

export interface ApprovedSender {
  senderId: string;
  chatId?: string;
  name?: string;
  approvedAt: string;
}

interface PendingFile {
  version: 1;
  requests: PairingRequest[];
}
interface AllowFile {
  version: 1;
  allowFrom: ApprovedSender[];
}

export function pendingPath(paths: StatePaths, channel: string): string {
  return `${paths.credentialsDir}/${channel}-pairing.json`;
}
export function allowPath(paths: StatePaths, channel: string): string {
  return `${paths.credentialsDir}/${channel}-allowFrom.json`;
}

export function generateCode(host: Host): string {
  // 256 is a multiple of 32: byte % 32 picks every character equally often.
  return Array.from(host.randomBytes(CODE_LENGTH), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length])
    .join("");
}

/** Codes are typed by people: accept lower case, spaces and dashes. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

export function validateCode(input: string): string | undefined {
  const c = normalizeCode(input);
  if (c.length !== CODE_LENGTH || [...c].some((ch) => !CODE_ALPHABET.includes(ch))) {
    return `A pairing code is ${CODE_LENGTH} letters and digits, like KX7P2QMA (the bot sent it in the chat).`;
  }
  return undefined;
}

async function readJson<T>(path: string, empty: T): Promise<T> {
  const text = await readTextIfExists(path);
  if (text === undefined || text.trim() === "") return empty;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ActionableError(`${path} is not valid JSON. Move it aside; pairing starts over.`);
  }
}

/**
 * Run `work` holding <file>.lock: the state lock's kind (lib/config/lock.ts),
 * so a crashed holder's lock is taken over at once and never by two at a time.
 */
async function withLock<T>(host: Host, path: string, work: () => Promise<T>): Promise<T> {
  await ensureDir(path.slice(0, path.lastIndexOf("/")), SECRET_DIR_MODE);
  const lock = await acquireLock(host, `${path}.lock`, "openclaw pairing", { waitMs: 5000 });
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

export class PairingStore {
  constructor(private readonly host: Host, private readonly paths: StatePaths) {}

  private now(): number {
    return this.host.now().getTime();
  }

  /** Senders approved through pairing. */
  async approved(channel: string): Promise<ApprovedSender[]> {
    return (await readJson<AllowFile>(allowPath(this.paths, channel), {
      version: 1,
      allowFrom: [],
    })).allowFrom;
  }

  async isApproved(channel: string, senderId: string): Promise<boolean> {
    return (await this.approved(channel)).some((a) => a.senderId === senderId);
  }

  /** Requests still waiting (not expired), oldest first. */
  async pending(channel: string): Promise<PairingRequest[]> {
    const file = await readJson<PendingFile>(pendingPath(this.paths, channel), {
      version: 1,
      requests: [],
    });
    return file.requests.filter((r) => Date.parse(r.expiresAt) > this.now());
  }

  /**
   * An unknown sender wrote: create a request (answer them with its code),
   * or tell that one is already waiting (don't spam them), or that the
   * queue is full (ignore them for now).
   */
  request(
    channel: string,
    sender: { senderId: string; chatId?: string; name?: string; accountId?: string },
  ): Promise<{ status: "created" | "pending"; request: PairingRequest } | { status: "full" }> {
    const path = pendingPath(this.paths, channel);
    return withLock(this.host, path, async () => {
      const file = await readJson<PendingFile>(path, { version: 1, requests: [] });
      const now = this.now();
      const live = file.requests.filter((r) => Date.parse(r.expiresAt) > now);
      const mine = live.find((r) => r.senderId === sender.senderId);
      if (mine) return { status: "pending" as const, request: mine };
      if (live.length >= MAX_PENDING) return { status: "full" as const };
      const request: PairingRequest = {
        code: generateCode(this.host),
        ...sender,
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + PAIRING_TTL_MS).toISOString(),
      };
      // Expired requests are kept a day so that approving one says "expired", not "unknown".
      const recent = file.requests.filter((r) => Date.parse(r.expiresAt) > now - 86_400_000);
      await this.write(path, { version: 1, requests: [...recent, request] });
      return { status: "created" as const, request };
    });
  }

  /** Approve a code: its sender joins the approved list. Unknown or expired codes are errors. */
  approve(channel: string, input: string): Promise<PairingRequest> {
    const problem = validateCode(input);
    if (problem) return Promise.reject(new ActionableError(problem, 2));
    const code = normalizeCode(input);
    const path = pendingPath(this.paths, channel);
    return withLock(this.host, path, async () => {
      const file = await readJson<PendingFile>(path, { version: 1, requests: [] });
      const request = file.requests.find((r) => r.code === code);
      if (!request) {
        throw new ActionableError(
          `No ${channel} pairing request has the code ${code}. ` +
            `See the waiting ones with \`openclaw pairing list ${channel}\`.`,
        );
      }
      if (Date.parse(request.expiresAt) <= this.now()) {
        throw new ActionableError(
          `The code ${code} expired at ${request.expiresAt} (codes last an hour). ` +
            "Ask the sender to message the bot again for a new code.",
        );
      }
      const allow = allowPath(this.paths, channel);
      const approved = await this.approved(channel);
      if (!approved.some((a) => a.senderId === request.senderId)) {
        approved.push({
          senderId: request.senderId,
          chatId: request.chatId,
          name: request.name,
          approvedAt: new Date(this.now()).toISOString(),
        });
        await this.write(allow, { version: 1, allowFrom: approved });
      }
      await this.write(path, {
        version: 1,
        requests: file.requests.filter((r) => r.code !== code),
      });
      return request;
    });
  }

  private async write(path: string, data: unknown): Promise<void> {
    await ensureDir(this.paths.credentialsDir, SECRET_DIR_MODE);
    await writeFileAtomic(path, JSON.stringify(data, null, 2) + "\n", { mode: 0o600 });
  }
}

/** The message an unknown sender gets. */
export function pairingMessage(channel: string, code: string): string {
  return [
    "Hi! This assistant only talks to people its owner has approved.",
    `Your pairing code: ${code}`,
    `The owner approves it with: openclaw pairing approve ${channel} ${code}`,
    "(The code expires in an hour.)",
  ].join("\n");
}
