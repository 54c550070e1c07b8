/**
 * Several files written as one change. Every new text is first staged in a
 * temp file next to its target (synced, with its final mode); only when all
 * are staged are they renamed into place. A failure while staging (a full
 * disk, most likely) removes the temps and changes nothing; a failure while
 * renaming puts back the files already replaced (from hard links taken just
 * before), so the change lands whole or not at all, and the error says which.
 *
 * A target that is a symbolic link (dotfiles setups link openclaw.json) is
 * written through: the temp goes next to the link's final target and is
 * renamed over it, so the link stays a link.
 */
import { ActionableError } from "../errors.ts";
import { dirname } from "../config/paths.ts";

/** The file-system calls a change makes: the seam tests use to fail like a full disk. */
export interface FileOps {
  /** Create `path` (it must not exist) with `bytes` and exactly `mode`, synced to disk. */
  writeNew(path: string, bytes: Uint8Array, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  link(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

export const realFileOps: FileOps = {
  async writeNew(path, bytes, mode) {
    const file = await Deno.open(path, { write: true, createNew: true, mode });
    try {
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
      await file.sync();
    } finally {
      file.close();
    }
    // The umask may have masked bits off; make the mode exact.
    await Deno.chmod(path, mode);
  },
  rename: (from, to) => Deno.rename(from, to),
  link: (from, to) => Deno.link(from, to),
  remove: (path) => Deno.remove(path),
};

export interface FileWrite {
  path: string;
  text: string;
  mode: number;
  /** Refuse to replace an existing file (it is then an error, and nothing changes). */
  createNew?: boolean;
}

/** Turns an OS error into a message naming the file (lib/platform/files.ts). */
export type ExplainError = (err: unknown, path: string, action: string) => unknown;

interface Staged {
  write: FileWrite;
  /** Where the text really goes: the path, or the final target of the link it is. */
  target: string;
  tmp: string;
}

interface Committed {
  staged: Staged;
  /** A hard link to the replaced file, or undefined when the target was new. */
  previous?: string;
}

export class StagedChange {
  #done = false;
  constructor(
    private readonly staged: Staged[],
    private readonly ops: FileOps,
    private readonly explain: ExplainError,
  ) {}

  /** Drop the staged temps; no target was touched. */
  async abort(): Promise<void> {
    this.#done = true;
    for (const s of this.staged) await this.ops.remove(s.tmp).catch(() => {});
  }

  /** Rename every staged file into place, or put everything back as it was and throw. */
  async commit(): Promise<void> {
    if (this.#done) throw new Error("a staged change is committed or aborted once");
    this.#done = true;
    const committed: Committed[] = [];
    for (const s of this.staged) {
      try {
        committed.push(await this.commitOne(s));
      } catch (err) {
        const rest = this.staged.slice(this.staged.indexOf(s));
        for (const r of rest) await this.ops.remove(r.tmp).catch(() => {});
        throw await this.rollBack(committed, this.explain(err, s.write.path, "write"));
      }
    }
    for (const c of committed) {
      if (c.previous) await this.ops.remove(c.previous).catch(() => {});
    }
  }

  private async commitOne(s: Staged): Promise<Committed> {
    if (s.write.createNew) {
      // link() fails if the target exists: create-exclusive, atomically.
      await this.ops.link(s.tmp, s.target);
      await this.ops.remove(s.tmp).catch(() => {});
      return { staged: s };
    }
    const previous = `${s.target}.prev-${randomSuffix()}`;
    let kept: string | undefined = previous;
    try {
      await this.ops.link(s.target, previous);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) kept = undefined; // a new file: rolling back removes it
      else if (
        err instanceof Deno.errors.PermissionDenied || err instanceof Deno.errors.NotSupported
      ) {
        await this.copyAside(s.target, previous); // no hard links on this file system
      } else throw err;
    }
    try {
      await this.ops.rename(s.tmp, s.target);
    } catch (err) {
      if (kept) await this.ops.remove(kept).catch(() => {});
      throw err;
    }
    return { staged: s, previous: kept };
  }

  private async copyAside(target: string, copy: string): Promise<void> {
    const info = await Deno.stat(target);
    await this.ops.writeNew(copy, await Deno.readFile(target), (info.mode ?? 0o600) & 0o777);
  }

  /** Put back what was replaced; the error says whether that worked, file by file. */
  private async rollBack(committed: Committed[], cause: unknown): Promise<unknown> {
    const why = cause instanceof Error ? cause.message : String(cause);
    const stuck: string[] = [];
    for (const c of committed.reverse()) {
      try {
        if (c.previous) await this.ops.rename(c.previous, c.staged.target);
        else await this.ops.remove(c.staged.target);
      } catch {
        stuck.push(
          c.previous
            ? `${c.staged.target} (its previous version is ${c.previous}: mv "${c.previous}" "${c.staged.target}")`
            : `${c.staged.target} (it is new: remove it)`,
        );
      }
    }
    if (stuck.length > 0) {
      return new ActionableError(
        `${why}\nThe change is incomplete: these files were replaced and could not be put back:\n` +
          stuck.map((s) => `  ${s}`).join("\n"),
      );
    }
    return new ActionableError(`${why}\n${nothingChanged(this.staged.map((s) => s.write))}`);
  }
}

/**
 * Stage every write (temp files next to their targets). Throws, with nothing
 * changed and no temp left, when one cannot be written.
 */
export async function stageWrites(
  writes: FileWrite[],
  explain: ExplainError,
  ops: FileOps = realFileOps,
): Promise<StagedChange> {
  const staged: Staged[] = [];
  const encoder = new TextEncoder();
  for (const write of writes) {
    try {
      const target = await finalTarget(write.path);
      if (write.createNew && await lexists(target)) throw new Deno.errors.AlreadyExists(target);
      await Deno.mkdir(dirname(target), { recursive: true, mode: 0o700 });
      const tmp = `${target}.tmp-${Deno.pid}-${randomSuffix()}`;
      try {
        await ops.writeNew(tmp, encoder.encode(write.text), write.mode);
      } catch (err) {
        await ops.remove(tmp).catch(() => {});
        throw err;
      }
      staged.push({ write, target, tmp });
    } catch (err) {
      for (const s of staged) await ops.remove(s.tmp).catch(() => {});
      if (err instanceof Deno.errors.AlreadyExists || err instanceof ActionableError) throw err;
      const explained = explain(err, write.path, "write");
      const why = explained instanceof Error ? explained.message : String(explained);
      throw new ActionableError(`${why}\n${nothingChanged(writes)}`);
    }
  }
  return new StagedChange(staged, ops, explain);
}

/** Stage and commit in one go. */
export async function writeTogether(
  writes: FileWrite[],
  explain: ExplainError,
  ops: FileOps = realFileOps,
): Promise<void> {
  await (await stageWrites(writes, explain, ops)).commit();
}

function nothingChanged(writes: FileWrite[]): string {
  if (writes.length === 1) return `Nothing was changed: ${writes[0].path} is as it was.`;
  return `Nothing was changed: this change writes ${writes.length} files together ` +
    `(${writes.map((w) => basename(w.path)).join(", ")}) and each is as it was.`;
}

/**
 * Where writing `path` must go: the path itself, or the final target of the
 * symbolic link(s) it is (relative links are relative to the link's folder).
 */
export async function finalTarget(path: string): Promise<string> {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    let info: Deno.FileInfo;
    try {
      info = await Deno.lstat(current);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return current;
      throw err;
    }
    if (!info.isSymlink) return current;
    const link = await Deno.readLink(current);
    current = link.startsWith("/") ? link : `${dirname(current)}/${link}`;
  }
  throw new ActionableError(
    `${path} is a symbolic link that leads round in a loop. Point it at a real file and run this again.`,
  );
}

async function lexists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function randomSuffix(): string {
  return crypto.randomUUID().slice(0, 8);
}
