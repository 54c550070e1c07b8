/**
 * The release layout `deno task compile` writes and install.sh reads. dist/
 * mirrors the download server, so publishing a release is copying dist/ to
 * the base URL as it is:
 *
 *   dist/latest                                      the newest version, one line
 *   dist/<version>/openclaw-<version>-<target>.tar.gz  one archive per target,
 *                                                    holding the `openclaw` binary
 *   dist/<version>/SHA256SUMS                        `<sha256>  <archive name>` lines
 *
 * Archives are written here (ustar + gzip, fixed owner and time) rather than
 * by a system `tar`, so the same sources give the same bytes on any machine.
 * Tests build their fake releases with these functions too.
 */

export interface ArchiveEntry {
  /** The path inside the archive (at most 100 bytes; no leading "/" or ".."). */
  name: string;
  data: Uint8Array;
  mode: number;
}

export function archiveName(version: string, target: string): string {
  return `openclaw-${version}-${target}.tar.gz`;
}

const BLOCK = 512;
const encoder = new TextEncoder();

/** A gzip-compressed ustar archive of regular files. */
export async function tarGz(entries: ArchiveEntry[], mtime = 0): Promise<Uint8Array> {
  const tar = tarBytes(entries, mtime);
  const stream = new Blob([tar as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The uncompressed ustar archive: a header block per file, its data padded, two zero blocks. */
export function tarBytes(entries: ArchiveEntry[], mtime = 0): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    parts.push(tarHeader(entry, mtime));
    parts.push(entry.data);
    const pad = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function tarHeader(entry: ArchiveEntry, mtime: number): Uint8Array {
  const name = encoder.encode(entry.name);
  if (name.length === 0 || name.length > 100 || entry.name.startsWith("/")) {
    throw new Error(`archive member name must be 1-100 bytes and relative: ${entry.name}`);
  }
  if (entry.name.split("/").includes("..")) {
    throw new Error(`archive member name must not contain "..": ${entry.name}`);
  }
  const h = new Uint8Array(BLOCK);
  const put = (offset: number, text: string) => h.set(encoder.encode(text), offset);
  const octal = (offset: number, width: number, value: number) =>
    put(offset, value.toString(8).padStart(width - 1, "0")); // NUL-terminated by the zeroed block
  h.set(name, 0);
  octal(100, 8, entry.mode & 0o7777);
  octal(108, 8, 0); // uid
  octal(116, 8, 0); // gid
  octal(124, 12, entry.data.length);
  octal(136, 12, mtime);
  put(148, "        "); // checksum field counts as spaces while summing
  put(156, "0"); // regular file
  put(257, "ustar\u000000");
  put(265, "root");
  put(297, "root");
  const sum = h.reduce((n, b) => n + b, 0);
  put(148, sum.toString(8).padStart(6, "0") + "\u0000 ");
  return h;
}

export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", data as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** `sha256sum`'s output format, sorted by name, which `sha256sum -c` also reads. */
export function sha256sumsText(sums: { name: string; sha256: string }[]): string {
  return [...sums].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
    .map((s) => `${s.sha256}  ${s.name}\n`).join("");
}

/**
 * Write dist/<version>/SHA256SUMS over every archive of that version present
 * (targets may be built in several runs, e.g. one per machine with
 * DENORT_BIN), and dist/latest naming the version. Returns the archive names.
 */
export async function writeReleaseIndex(distDir: string, version: string): Promise<string[]> {
  const names = await writeSha256Sums(distDir, version);
  await writeLatest(distDir, version);
  return names;
}

/** dist/<version>/SHA256SUMS over every archive of that version present; returns their names. */
export async function writeSha256Sums(distDir: string, version: string): Promise<string[]> {
  const dir = `${distDir}/${version}`;
  const prefix = `openclaw-${version}-`;
  const sums: { name: string; sha256: string }[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.startsWith(prefix) && entry.name.endsWith(".tar.gz")) {
      sums.push({
        name: entry.name,
        sha256: await sha256Hex(await Deno.readFile(`${dir}/${entry.name}`)),
      });
    }
  }
  await writeAtomic(`${dir}/SHA256SUMS`, sha256sumsText(sums));
  return sums.map((s) => s.name).sort();
}

/** dist/latest naming `version`: written last, once the version's folder is complete. */
export async function writeLatest(distDir: string, version: string): Promise<void> {
  await writeAtomic(`${distDir}/latest`, `${version}\n`);
}

/** Package one built binary as dist/<version>/openclaw-<version>-<target>.tar.gz. */
export async function writeArchive(
  distDir: string,
  version: string,
  target: string,
  binary: Uint8Array,
): Promise<string> {
  const dir = `${distDir}/${version}`;
  await Deno.mkdir(dir, { recursive: true });
  const path = `${dir}/${archiveName(version, target)}`;
  await writeAtomic(path, await tarGz([{ name: "openclaw", data: binary, mode: 0o755 }]));
  return path;
}

async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${Deno.pid}`;
  if (typeof data === "string") await Deno.writeTextFile(tmp, data, { mode: 0o644 });
  else await Deno.writeFile(tmp, data, { mode: 0o644 });
  await Deno.rename(tmp, path);
}
