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
 * so every change happens under a small lock file. Both are checked against
 * their schema on every read: a damaged file is reported with its path and
 * the fix, never silently replaced.
 */
import type { Host } from "../host.ts";
import { z } from "zod";
import { type StatePaths, tildify } from "../config/paths.ts";
import { ActionableError } from "../errors.ts";
import { acquireLock } from "../config/lock.ts";
import {
  ensureDir,
  readTextIfExists,
  SECRET_DIR_MODE,
  writeFileAtomic,
} from "../platform/files.ts";
import { cli } from "../platform/invocation.ts";

export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 8;
export const PAIRING_TTL_MS = 60 * 60 * 1000;
export const MAX_PENDING = 3;

/** Ids are kept as strings; a hand-edited file may hold them as numbers. */
const Id = z.union([z.string().min(1), z.number()]).transform(String);

/**
 * The files' shapes. Both may be edited by hand or damaged, so they are
 * checked on every read; unknown keys are kept for newer versions.
 */
const PairingRequestSchema = z.looseObject({
  code: z.string(),
  senderId: Id,
  /** Where to answer (Telegram chat id), when it differs from the sender id. */
  chatId: Id.optional(),
  /** Chosen by the sender: print it only through printable(). */
  name: z.string().optional(),
  accountId: z.string().optional(),
  createdAt: z.string().optional(),
  /** A request without one (or with one that is not a date) has expired. */
  expiresAt: z.string().optional(),
});
const PendingFileSchema = z.looseObject({
  version: z.number().optional(),
  requests: z.array(PairingRequestSchema),
});

const ApprovedSenderSchema = z.looseObject({
  senderId: Id,
  chatId: Id.optional(),
  name: z.string().optional(),
  approvedAt: z.string().optional(),
});
const AllowFileSchema = z.looseObject({
  version: z.number().optional(),
  allowFrom: z.array(ApprovedSenderSchema),
});

export type PairingRequest = z.infer<typeof PairingRequestSchema>;
export type ApprovedSender = z.infer<typeof ApprovedSenderSchema>;
type PendingFile = z.infer<typeof PendingFileSchema>;

/** Still waiting at `now`: its expiry is a date after now. No date means expired. */
export function isLive(request: PairingRequest, now: number): boolean {
  const expires = Date.parse(request.expiresAt ?? "");
  return Number.isFinite(expires) && expires > now;
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

/**
 * Read and check one store file. A missing or empty file is the empty
 * store; a damaged one is an error naming the file and the fix. The file is
 * never deleted or rewritten here: what the user had stays for them to see.
 */
async function readStore<S extends z.ZodType>(
  host: Host,
  path: string,
  schema: S,
  empty: z.output<S>,
  startsOver: string,
): Promise<z.output<S>> {
  const text = await readTextIfExists(path);
  if (text === undefined || text.trim() === "") return empty;
  const shown = tildify(path, host.home);
  const broken = (why: string) =>
    new ActionableError(
      `${shown} ${why}. Move it aside (mv ${shown} ${shown}.broken) and try again; ${startsOver}.`,
    );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw broken("is not valid JSON");
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw broken(
      `is not a pairing file openclaw can read (${issue?.message ?? "wrong shape"}${where})`,
    );
  }
  return parsed.data;
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

  private readPending(channel: string): Promise<PendingFile> {
    return readStore(
      this.host,
      pendingPath(this.paths, channel),
      PendingFileSchema,
      { version: 1, requests: [] },
      "anyone who was waiting messages the bot again for a new code",
    );
  }

  /** Senders approved through pairing. */
  async approved(channel: string): Promise<ApprovedSender[]> {
    return (await readStore(
      this.host,
      allowPath(this.paths, channel),
      AllowFileSchema,
      { version: 1, allowFrom: [] },
      "the senders approved before pair again",
    )).allowFrom;
  }

  async isApproved(channel: string, senderId: string): Promise<boolean> {
    return (await this.approved(channel)).some((a) => a.senderId === senderId);
  }

  /** Requests still waiting (not expired), oldest first. */
  async pending(channel: string): Promise<PairingRequest[]> {
    const now = this.now();
    return (await this.readPending(channel)).requests.filter((r) => isLive(r, now));
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
      const file = await this.readPending(channel);
      const now = this.now();
      const live = file.requests.filter((r) => isLive(r, now));
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
      const recent = file.requests.filter((r) => isLive(r, now - 86_400_000));
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
      const file = await this.readPending(channel);
      const request = file.requests.find((r) => r.code === code);
      if (!request) {
        throw new ActionableError(
          `No ${channel} pairing request has the code ${code}. ` +
            `See the waiting ones with \`${cli(`pairing list ${channel}`)}\`.`,
        );
      }
      if (!isLive(request, this.now())) {
        const when = Number.isFinite(Date.parse(request.expiresAt ?? ""))
          ? `expired at ${request.expiresAt}`
          : "has no valid expiry time, so it counts as expired";
        throw new ActionableError(
          `The code ${code} ${when} (codes last an hour). ` +
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
    `The owner approves it with: ${cli(`pairing approve ${channel} ${code}`)}`,
    "(The code expires in an hour.)",
  ].join("\n");
}
