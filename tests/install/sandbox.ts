/**
 * A hermetic place to run install.sh: a temp HOME, a temp TMPDIR, and a PATH
 * that holds only the tools the script may use (links to the real ones) plus
 * fake `uname`, `sysctl` and `ldd` that make this machine look like the
 * platform under test. Nothing outside the sandbox is touched.
 */
import { fileURLToPath } from "node:url";
import { parentDenoDir } from "../e2e/cli.ts";

export const INSTALL_SH = fileURLToPath(new URL("../../install.sh", import.meta.url));

export type Platform =
  | "linux-x86_64"
  | "linux-aarch64"
  | "macos-x86_64"
  | "macos-arm64"
  | "macos-rosetta"
  | "linux-musl"
  | "linux-armv7"
  | "linux-no-ldd"
  | "freebsd"
  | "windows";

/** The real tools install.sh (and the launcher) may use. */
export const BASE_TOOLS = [
  "mkdir",
  "mktemp",
  "rm",
  "rmdir",
  "mv",
  "cp",
  "chmod",
  "tar",
  "gzip",
  "awk",
  "sed",
  "grep",
  "head",
  "tail",
  "tr",
  "date",
  "dirname",
  "basename",
  "readlink",
  "cat",
  "id",
  "curl",
  "sha256sum",
];

interface Fakes {
  os: string;
  cpu: string;
  /** sysctl -n hw.optional.arm64 (macOS only); undefined: no sysctl at all. */
  arm64?: string;
  /** ldd --version output and exit code; undefined: no ldd. */
  ldd?: { text: string; code: number };
}

const GLIBC = { text: "ldd (Debian GLIBC 2.36-9+deb12u4) 2.36\nCopyright (C) 2022\n", code: 0 };
const MUSL = { text: "musl libc (x86_64)\nVersion 1.2.4\nDynamic Program Loader\n", code: 1 };

const PLATFORMS: Record<Platform, Fakes> = {
  "linux-x86_64": { os: "Linux", cpu: "x86_64", ldd: GLIBC },
  "linux-aarch64": { os: "Linux", cpu: "aarch64", ldd: GLIBC },
  "macos-x86_64": { os: "Darwin", cpu: "x86_64", arm64: "0" },
  "macos-arm64": { os: "Darwin", cpu: "arm64", arm64: "1" },
  "macos-rosetta": { os: "Darwin", cpu: "x86_64", arm64: "1" },
  "linux-musl": { os: "Linux", cpu: "x86_64", ldd: MUSL },
  "linux-armv7": { os: "Linux", cpu: "armv7l", ldd: GLIBC },
  "linux-no-ldd": { os: "Linux", cpu: "x86_64" },
  freebsd: { os: "FreeBSD", cpu: "amd64" },
  windows: { os: "MINGW64_NT-10.0-19045", cpu: "x86_64" },
};

/** The build each supported platform should get. */
export const EXPECTED_TARGET: Partial<Record<Platform, string>> = {
  "linux-x86_64": "x86_64-unknown-linux-gnu",
  "linux-aarch64": "aarch64-unknown-linux-gnu",
  "macos-x86_64": "x86_64-apple-darwin",
  "macos-arm64": "aarch64-apple-darwin",
  "macos-rosetta": "aarch64-apple-darwin",
};

export interface Sandbox extends AsyncDisposable {
  root: string;
  home: string;
  /** The only folder on PATH. */
  bin: string;
  /** TMPDIR of the runs; tests assert it ends empty. */
  tmp: string;
  /** Put a tool on PATH: a link to the real one, or a script. */
  addTool(name: string, script?: string): Promise<void>;
  removeTool(name: string): Promise<void>;
}

export interface SandboxOptions {
  platform?: Platform;
  /** Real tools to leave out (e.g. "curl" to test the wget fallback). */
  without?: string[];
  /** More real tools to link. */
  with?: string[];
}

export async function makeSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const root = await Deno.makeTempDir({ prefix: "openclaw-install-test-" });
  const home = `${root}/home`;
  const bin = `${root}/bin`;
  const tmp = `${root}/tmp`;
  for (const d of [home, bin, tmp]) await Deno.mkdir(d);
  const addTool = async (name: string, script?: string) => {
    const path = `${bin}/${name}`;
    if (script !== undefined) {
      await Deno.writeTextFile(path, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
      return;
    }
    const real = realTool(name);
    if (!real) throw new Error(`test machine lacks ${name}`);
    await Deno.symlink(real, path);
  };
  for (const tool of [...BASE_TOOLS, ...opts.with ?? []]) {
    if (!opts.without?.includes(tool)) await addTool(tool);
  }
  const fakes = PLATFORMS[opts.platform ?? "linux-x86_64"];
  await addTool(
    "uname",
    `case "$1" in -s) echo '${fakes.os}' ;; -m) echo '${fakes.cpu}' ;; *) echo '${fakes.os}' ;; esac`,
  );
  if (fakes.arm64 !== undefined) {
    await addTool(
      "sysctl",
      `if [ "$*" = "-n hw.optional.arm64" ]; then echo '${fakes.arm64}'; else exit 1; fi`,
    );
  }
  if (fakes.ldd) {
    await Deno.writeTextFile(`${root}/ldd.txt`, fakes.ldd.text);
    await addTool("ldd", `cat '${root}/ldd.txt' >&2\nexit ${fakes.ldd.code}`);
  }
  return {
    root,
    home,
    bin,
    tmp,
    addTool,
    removeTool: (name) => Deno.remove(`${bin}/${name}`),
    async [Symbol.asyncDispose]() {
      await Deno.remove(root, { recursive: true }).catch(() => {});
    },
  };
}

export function realTool(name: string): string | undefined {
  for (const dir of ["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"]) {
    try {
      if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
    } catch {
      // not here
    }
  }
  return undefined;
}

export const SHELLS = ["dash", "bash"] as const;
export type Shell = typeof SHELLS[number];

/** Whether the test machine has a program (tests that need a missing one skip). */
export function hasTool(name: string): boolean {
  return realTool(name) !== undefined;
}

export interface InstallResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run install.sh (or any script) under `shell` in the sandbox, with no terminal. */
export async function runInstall(
  sb: Sandbox,
  args: string[],
  opts: { shell?: Shell; env?: Record<string, string>; script?: string } = {},
): Promise<InstallResult> {
  const shell = realTool(opts.shell ?? "dash");
  if (!shell) throw new Error(`no ${opts.shell}`);
  const out = await new Deno.Command(shell, {
    args: [opts.script ?? INSTALL_SH, ...args],
    cwd: sb.home,
    clearEnv: true,
    env: {
      HOME: sb.home,
      PATH: sb.bin,
      TMPDIR: sb.tmp,
      SHELL: "/bin/bash",
      NO_COLOR: "1",
      DENO_DIR: parentDenoDir(),
      ...opts.env,
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
