/**
 * Session transcripts on disk: agents/<id>/sessions/ (0700) holds
 * sessions.json, the index from session key to the current session id, and
 * one <sessionId>.jsonl per session (0600), one message a line. "/new" points
 * the key at a fresh id; the old transcript stays where it was. File names are
 * random ids, never keys: a peer id cannot choose a path.
 */
import { ensureDir, readTextIfExists, writeFileAtomic } from "../platform/files.ts";
import type { Host } from "../host.ts";
import type { TranscriptMessage } from "./types.ts";

const INDEX_FILE = "sessions.json";
const TRANSCRIPT_MODE = 0o600;

interface IndexEntry {
  sessionId: string;
  updatedAt: string;
}

type SessionIndex = Record<string, IndexEntry>;

/** A transcript line: the surfaces' message plus what the model needs to continue. */
export interface TranscriptLine extends TranscriptMessage {
  /** Tool names the assistant used in this reply (never their arguments). */
  tools?: string[];
}

export class SessionStore {
  /** Index reads and writes run one after another, so two turns cannot lose an entry. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string, private readonly host: Host) {}

  /** The current session id of `key`, created when the key has none. */
  current(key: string): Promise<string> {
    return this.#serial(async () => {
      const index = await this.#readIndex();
      const found = index[key];
      if (found) return found.sessionId;
      return await this.#start(index, key);
    });
  }

  /** Point `key` at a fresh, empty session (the "/new" command). */
  reset(key: string): Promise<string> {
    return this.#serial(async () => await this.#start(await this.#readIndex(), key));
  }

  async append(sessionId: string, line: TranscriptLine): Promise<void> {
    await ensureDir(this.dir);
    await Deno.writeTextFile(this.#transcriptPath(sessionId), JSON.stringify(line) + "\n", {
      append: true,
      mode: TRANSCRIPT_MODE,
    });
  }

  /** The session's messages, oldest first; a damaged line is skipped, not fatal. */
  async read(sessionId: string): Promise<TranscriptLine[]> {
    const text = await readTextIfExists(this.#transcriptPath(sessionId));
    if (!text) return [];
    const lines: TranscriptLine[] = [];
    for (const raw of text.split("\n")) {
      if (raw.trim() === "") continue;
      try {
        const v = JSON.parse(raw);
        if ((v?.role === "user" || v?.role === "assistant") && typeof v.text === "string") {
          lines.push(v);
        }
      } catch {
        // A line cut short by a crash: the rest of the transcript still counts.
      }
    }
    return lines;
  }

  /** The messages of `key`'s current session, without creating one. */
  async readKey(key: string): Promise<TranscriptLine[]> {
    const index = await this.#serial(() => this.#readIndex());
    const entry = index[key];
    return entry ? await this.read(entry.sessionId) : [];
  }

  transcriptPath(sessionId: string): string {
    return this.#transcriptPath(sessionId);
  }

  async #start(index: SessionIndex, key: string): Promise<string> {
    const sessionId = newSessionId(this.host);
    index[key] = { sessionId, updatedAt: this.host.now().toISOString() };
    await ensureDir(this.dir);
    await writeFileAtomic(`${this.dir}/${INDEX_FILE}`, JSON.stringify(index, null, 2) + "\n");
    return sessionId;
  }

  async #readIndex(): Promise<SessionIndex> {
    const text = await readTextIfExists(`${this.dir}/${INDEX_FILE}`);
    if (!text) return {};
    try {
      const v = JSON.parse(text);
      // A prototype-free map: a key such as "__proto__" is just a key.
      return v && typeof v === "object" && !Array.isArray(v)
        ? Object.assign(Object.create(null), v)
        : Object.create(null);
    } catch {
      // A broken index loses the mapping, not the transcripts: the next turn starts afresh.
      return Object.create(null);
    }
  }

  #transcriptPath(sessionId: string): string {
    if (!/^[a-z0-9-]{8,64}$/.test(sessionId)) throw new Error("malformed session id");
    return `${this.dir}/${sessionId}.jsonl`;
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(fn, fn);
    this.#queue = next.catch(() => {});
    return next;
  }
}

/** 16 random bytes as hex: unguessable, and only ever [0-9a-f]. */
function newSessionId(host: Host): string {
  return [...host.randomBytes(16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
