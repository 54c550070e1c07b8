/**
 * Installing signal-cli: pick the release asset for this machine (the native
 * build where one exists — Linux x86_64 — else the JVM build, which needs
 * Java 21), download it with progress, verify its SHA-256, unpack it in a
 * staging folder next to the target and rename it into
 * ~/.openclaw/tools/signal-cli/<version>/. Any failure removes the staging
 * folder: nothing half-installed stays.
 *
 * The release base URL is overridable (OPENCLAW_SIGNAL_CLI_BASE_URL) for
 * mirrors, air-gapped hosts and tests. Layout under the base, as on GitHub:
 *   <base>/latest                         → redirects to …/tag/v<version>
 *   <base>/download/v<version>/<asset>    the archive
 *   <base>/download/v<version>/<asset>.sha256   its checksum, when published
 */
import { ActionableError } from "../../errors.ts";
import type { Host } from "../../host.ts";
import { ensureDir, pathExists, SECRET_DIR_MODE } from "../../platform/files.ts";

export const SIGNAL_CLI_RELEASES = "https://github.com/AsamK/signal-cli/releases";
export const SIGNAL_JAVA_MAJOR = 21;

export function signalReleaseBase(host: Host): string {
  return (host.env("OPENCLAW_SIGNAL_CLI_BASE_URL") ?? SIGNAL_CLI_RELEASES).replace(/\/+$/, "");
}

export function signalToolsDir(stateDir: string): string {
  return `${stateDir}/tools/signal-cli`;
}

export interface SignalAsset {
  version: string;
  build: "native" | "jvm";
  name: string;
  url: string;
}

/** Native builds are published for Linux x86_64 only; everything else runs the JVM build. */
export function pickSignalAsset(
  version: string,
  os: string,
  arch: string,
  base: string,
): SignalAsset {
  const native = os === "linux" && arch === "x86_64";
  const name = native
    ? `signal-cli-${version}-Linux-native.tar.gz`
    : `signal-cli-${version}.tar.gz`;
  return {
    version,
    build: native ? "native" : "jvm",
    name,
    url: `${base}/download/v${version}/${name}`,
  };
}

const VERSION_RE = /^\d+\.\d+\.\d+([.-][0-9A-Za-z.-]+)?$/;

export function validateSignalVersion(v: string): string | undefined {
  const s = v.trim().replace(/^v/, "");
  return s === "latest" || VERSION_RE.test(s)
    ? undefined
    : "A signal-cli version looks like 0.13.4 (or write latest).";
}

/** Resolve "latest" through the releases page's redirect (…/tag/v0.13.4). */
export async function resolveLatestSignalVersion(base: string, timeoutMs: number): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${base}/latest`, {
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
  } catch {
    throw new ActionableError(
      `Could not reach ${base} to find the latest signal-cli (offline?).\n` +
        "Pass the version to install (--signal-cli-version 0.13.4), or a signal-cli you already have (--signal-cli-path).",
    );
  }
  const location = res.headers.get("location") ?? "";
  const m = location.match(/\/tag\/v?([^/?#]+)$/);
  if (res.status >= 300 && res.status < 400 && m && VERSION_RE.test(m[1])) return m[1];
  throw new ActionableError(
    `${base}/latest did not name a release (HTTP ${res.status}). Pass --signal-cli-version.`,
  );
}

/** `java -version` prints e.g. `openjdk version "21.0.2"` or `java version "1.8.0_381"` on stderr. */
export function parseJavaMajor(output: string): number | undefined {
  const m = output.match(/version "(\d+)(?:\.(\d+))?/);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

export function javaInstallAdvice(os: string): string {
  if (os === "darwin") return "brew install openjdk@21";
  return "sudo apt install openjdk-21-jre-headless (Debian/Ubuntu) or your distribution's Java 21 package";
}

/** The JVM build needs Java 21+: returns the problem in words, or undefined when fine. */
export async function javaProblem(host: Host): Promise<string | undefined> {
  let out;
  try {
    out = await host.run("java", ["-version"]);
  } catch {
    out = { code: 127, stdout: "", stderr: "" };
  }
  const major = out.code === 0 ? parseJavaMajor(out.stderr + out.stdout) : undefined;
  if (out.code !== 0 || major === undefined) {
    return `signal-cli's JVM build needs Java ${SIGNAL_JAVA_MAJOR}, and no Java was found. ` +
      `Install it: ${javaInstallAdvice(host.platform)}.`;
  }
  if (major < SIGNAL_JAVA_MAJOR) {
    return `signal-cli's JVM build needs Java ${SIGNAL_JAVA_MAJOR} or newer; this machine has Java ${major}. ` +
      `Install Java ${SIGNAL_JAVA_MAJOR}: ${javaInstallAdvice(host.platform)}.`;
  }
  return undefined;
}

export interface InstallOptions {
  host: Host;
  stateDir: string;
  asset: SignalAsset;
  /** Expected SHA-256 (hex); when absent, <asset>.sha256 is fetched and must exist. */
  sha256?: string;
  onProgress?: (done: number, total: number | undefined) => void;
  timeoutMs?: number;
}

export interface Installed {
  version: string;
  dir: string;
  cliPath: string;
}

/** Where the launcher ends up, known before installing (the config edit names it). */
export function signalCliPathFor(stateDir: string, version: string): string {
  return `${signalToolsDir(stateDir)}/${version}/bin/signal-cli`;
}

export async function installSignalCli(opts: InstallOptions): Promise<Installed> {
  const { host, asset } = opts;
  const tools = signalToolsDir(opts.stateDir);
  const target = `${tools}/${asset.version}`;
  const cliPath = signalCliPathFor(opts.stateDir, asset.version);
  if (await pathExists(cliPath)) return { version: asset.version, dir: target, cliPath };
  await ensureDir(tools, SECRET_DIR_MODE);
  const staging = await Deno.makeTempDir({ dir: tools, prefix: `.staging-${asset.version}-` });
  try {
    const archive = `${staging}/${asset.name}`;
    const expected = (opts.sha256 ?? await fetchChecksum(asset, opts.timeoutMs ?? 15000))
      .toLowerCase();
    const actual = await download(asset.url, archive, opts.onProgress);
    if (actual !== expected) {
      throw new ActionableError(
        `The signal-cli download does not match its checksum:\n  expected ${expected}\n  got      ${actual}\n` +
          "It was deleted and nothing was installed. Try again; if it persists, the mirror may be corrupt.",
      );
    }
    const unpacked = `${staging}/unpacked`;
    await Deno.mkdir(unpacked);
    const tar = await host.run("tar", ["-xzf", archive, "-C", unpacked]);
    if (tar.code !== 0) {
      throw new ActionableError(
        `Could not unpack ${asset.name}: ${tar.stderr.trim() || `tar exited ${tar.code}`}`,
      );
    }
    const layout = `${staging}/layout`;
    await arrange(unpacked, layout, asset);
    await Deno.rename(layout, target);
    return { version: asset.version, dir: target, cliPath };
  } finally {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
  }
}

async function fetchChecksum(asset: SignalAsset, timeoutMs: number): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${asset.url}.sha256`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new ActionableError(
      `Could not reach ${
        new URL(asset.url).host
      } to download signal-cli (offline?). Nothing was installed.`,
    );
  }
  const text = await res.text();
  const m = text.match(/\b([0-9a-fA-F]{64})\b/);
  if (!res.ok || !m) {
    throw new ActionableError(
      `No checksum is published for ${asset.name} (${asset.url}.sha256: HTTP ${res.status}), ` +
        "so the download cannot be verified and was not installed.\n" +
        "Pass the expected SHA-256 with --signal-cli-sha256 <hex> (from a source you trust).",
    );
  }
  return m[1];
}

/** Stream the download to disk, hashing as it goes. Returns the hex SHA-256. */
async function download(
  url: string,
  dest: string,
  onProgress?: (done: number, total: number | undefined) => void,
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch {
    throw new ActionableError(
      `Could not reach ${
        new URL(url).host
      } to download signal-cli (offline?). Nothing was installed.`,
    );
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new ActionableError(
      res.status === 404
        ? `There is no signal-cli download at ${url} (404): check the version. Nothing was installed.`
        : `Downloading signal-cli failed: HTTP ${res.status} from ${url}. Nothing was installed.`,
    );
  }
  const total = Number(res.headers.get("content-length")) || undefined;
  const file = await Deno.open(dest, { write: true, createNew: true, mode: 0o600 });
  const chunks: Uint8Array[] = [];
  let done = 0;
  try {
    for await (const chunk of res.body) {
      let off = 0;
      while (off < chunk.length) off += await file.write(chunk.subarray(off));
      chunks.push(chunk);
      done += chunk.length;
      onProgress?.(done, total);
    }
  } finally {
    file.close();
  }
  if (total !== undefined && done !== total) {
    throw new ActionableError(
      `The signal-cli download was cut short (${done} of ${total} bytes). Nothing was installed.`,
    );
  }
  const all = new Uint8Array(done);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Normalise both archive layouts to <version>/bin/signal-cli: the JVM build
 * unpacks to signal-cli-<v>/{bin,lib}; the native build is one executable.
 */
async function arrange(unpacked: string, layout: string, asset: SignalAsset): Promise<void> {
  const entries = await Array.fromAsync(Deno.readDir(unpacked));
  const top = entries.length === 1 && entries[0].isDirectory
    ? `${unpacked}/${entries[0].name}`
    : unpacked;
  if (await pathExists(`${top}/bin/signal-cli`)) {
    await Deno.rename(top, layout);
  } else if (await pathExists(`${top}/signal-cli`)) {
    await Deno.mkdir(`${layout}/bin`, { recursive: true });
    await Deno.rename(`${top}/signal-cli`, `${layout}/bin/signal-cli`);
  } else {
    throw new ActionableError(
      `${asset.name} does not contain signal-cli (no bin/signal-cli inside). Nothing was installed.`,
    );
  }
  await Deno.chmod(`${layout}/bin/signal-cli`, 0o755);
}

/** "12.5 MiB / 80.0 MiB (15%)" */
export function formatProgress(done: number, total: number | undefined): string {
  const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
  return total ? `${mib(done)} / ${mib(total)} (${Math.floor((done / total) * 100)}%)` : mib(done);
}
