/**
 * Black-box: what the CLI does with bad input and hostile surroundings. A bad
 * flag exits 2 naming it; a broken config, a held lock, a missing HOME or an
 * unusable state dir exit non-zero with a message (no stack trace) and leave
 * the files as they were. Also --version and --help.
 */
import assert from "node:assert/strict";
import { VERSION } from "../../lib/version.ts";
import { tempDir } from "../helpers/host.ts";
import {
  allOutput,
  hasStackTrace,
  listDir,
  MAIN_TS,
  ONBOARD_FLAGS,
  parentDenoDir,
  readJson,
  runCli,
  snapshotTree,
} from "./cli.ts";
import { onboarded } from "../helpers/onboarded.ts";

Deno.test("bad flags exit 2, name the flag and write nothing", async (t) => {
  await using home = await tempDir();
  const cases: { args: string[]; named: RegExp[]; name?: string }[] = [
    { args: [...ONBOARD_FLAGS, "--gateway-port", "0"], named: [/--gateway-port/] },
    { args: [...ONBOARD_FLAGS, "--gateway-port", "abc"], named: [/--gateway-port/] },
    { args: [...ONBOARD_FLAGS, "--gateway-bind", "nowhere"], named: [/--gateway-bind/] },
    {
      args: [...ONBOARD_FLAGS, "--gateway-auth", "none", "--gateway-bind", "lan"],
      named: [/--gateway-auth/, /--gateway-bind/],
    },
    { args: [...ONBOARD_FLAGS, "--tailscale", "funnel"], named: [/--tailscale/, /password/] },
    { args: [...ONBOARD_FLAGS, "--frobnicate"], named: [/--frobnicate/] },
    { args: [...ONBOARD_FLAGS, "--flow", "fast"], named: [/--flow/] },
    {
      args: [
        "--non-interactive",
        "--accept-risk",
        "--auth-choice",
        "apiKey",
        "--anthropic-api-key",
        "not-a-key",
      ],
      named: [/--anthropic-api-key/, /sk-ant-/],
      name: "--anthropic-api-key not-a-key",
    },
  ];
  for (const c of cases) {
    await t.step(c.name ?? c.args.slice(ONBOARD_FLAGS.length).join(" "), async () => {
      const r = await runCli(["onboard", ...c.args], { home: home.path });
      assert.equal(r.code, 2, `exit ${r.code}\n${r.stdout}${r.stderr}`);
      for (const re of c.named) assert.match(r.stderr, re);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
      assert.deepEqual(await listDir(home.path), [], "a rejected run wrote into HOME");
    });
  }
});

Deno.test("onboard --non-interactive alone exits 2 listing every missing flag", async () => {
  await using home = await tempDir();
  const r = await runCli(["onboard", "--non-interactive"], { home: home.path });
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /--accept-risk/);
  assert.match(r.stderr, /--auth-choice/);
  assert.deepEqual(await listDir(home.path), []);
});

Deno.test("a broken config stops onboard (exit 1, run openclaw doctor), byte for byte kept", async () => {
  await using home = await tempDir();
  const state = `${home.path}/.openclaw`;
  await Deno.mkdir(state, { mode: 0o700 });
  const broken = '{\n  "gateway": { "port": 18789 \n  // unfinished\n';
  await Deno.writeTextFile(`${state}/openclaw.json`, broken, { mode: 0o600 });
  const r = await runCli(["onboard", ...ONBOARD_FLAGS], { home: home.path });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /(openclaw|main\.ts) doctor/);
  assert.match(r.stderr, /Nothing was changed/);
  assert.ok(!hasStackTrace(r.stderr), r.stderr);
  assert.equal(await Deno.readTextFile(`${state}/openclaw.json`), broken);
  assert.deepEqual(await listDir(state), ["openclaw.json"], "no .bak, lock or other file");
});

Deno.test("--workspace naming an existing regular file is rejected", async () => {
  await using home = await tempDir();
  await Deno.writeTextFile(`${home.path}/notes.txt`, "keep me\n");
  const r = await runCli(["onboard", ...ONBOARD_FLAGS, "--workspace", "~/notes.txt"], {
    home: home.path,
  });
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /--workspace/);
  assert.match(r.stderr, /not a folder/);
  assert.equal(await Deno.readTextFile(`${home.path}/notes.txt`), "keep me\n");
  assert.deepEqual(await listDir(home.path), ["notes.txt"]);
});

Deno.test("the lock: a live holder stops the run; a stale lock is taken over", async (t) => {
  await using home = await tempDir();
  const state = `${home.path}/.openclaw`;
  const lockPath = `${state}/openclaw.json.lock`;
  await onboarded(home.path);
  const lockFor = (pid: number) =>
    JSON.stringify({
      pid,
      hostname: Deno.hostname(),
      command: "openclaw onboard",
      startedAt: new Date().toISOString(),
    }) + "\n";

  await t.step("held by a live process", async () => {
    const sleeper = new Deno.Command("sleep", {
      args: ["30"],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    try {
      await Deno.writeTextFile(lockPath, lockFor(sleeper.pid), { mode: 0o600 });
      const before = await snapshotTree(home.path);
      const r = await runCli(["onboard", ...ONBOARD_FLAGS, "--gateway-port", "19005"], {
        home: home.path,
        // A busy lock is waited for (10 s by default); the refusal is what this step checks,
        // so no waiting for the wait to run out.
        env: { OPENCLAW_LOCK_WAIT_MS: "0" },
      });
      assert.notEqual(r.code, 0, r.stdout);
      assert.ok(r.stderr.includes(`pid ${sleeper.pid}`), r.stderr);
      assert.match(r.stderr, /(openclaw|main\.ts) onboard/);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
      assert.deepEqual(await snapshotTree(home.path), before, "a locked-out run changed files");
    } finally {
      sleeper.kill("SIGKILL");
      await sleeper.status;
    }
  });

  await t.step("left by a process that has exited", async () => {
    const gone = new Deno.Command("true", { stdin: "null", stdout: "null", stderr: "null" })
      .spawn();
    await gone.status;
    await Deno.writeTextFile(lockPath, lockFor(gone.pid), { mode: 0o600 });
    const r = await runCli(["onboard", ...ONBOARD_FLAGS, "--gateway-port", "19005"], {
      home: home.path,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await readJson(`${state}/openclaw.json`)).gateway.port, 19005);
    assert.ok(!(await listDir(state)).includes("openclaw.json.lock"), "the lock was left behind");
  });
});

Deno.test("no HOME: a clear message, exit non-zero, no stack trace", async () => {
  await using home = await tempDir();
  const r = await runCli(["onboard", ...ONBOARD_FLAGS], { home: home.path, noHome: true });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /HOME is not set/);
  assert.match(r.stderr, /Set HOME/);
  assert.ok(!hasStackTrace(r.stderr), r.stderr);
  assert.deepEqual(await listDir(home.path), []);
  // Commands that need no state still work.
  const version = await runCli(["--version"], { home: home.path, noHome: true });
  assert.equal(version.code, 0, version.stderr);
  assert.equal(version.stdout.trim(), VERSION);
});

Deno.test("a relative or empty HOME is refused like a missing one; nothing is written", async (t) => {
  for (const bad of ["", "relative/home", "./here", "~"]) {
    await t.step(JSON.stringify(bad), async () => {
      await using home = await tempDir();
      const r = await runCli(["onboard", ...ONBOARD_FLAGS], {
        home: home.path,
        env: { HOME: bad },
      });
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /HOME/);
      assert.match(r.stderr, /absolute path|not set/);
      assert.match(r.stderr, /export HOME=/);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
      assert.deepEqual(await listDir(home.path), [], "something was written under the cwd");
    });
  }
});

Deno.test({
  name: "an unusable state dir: a clear message naming it, no stack trace",
  fn: async () => {
    await using home = await tempDir();
    let env: Record<string, string> = {};
    let stateDir: string;
    if (Deno.uid() === 0) {
      await Deno.writeTextFile(`${home.path}/afile`, "a file, not a folder\n");
      stateDir = `${home.path}/afile/state`;
      env = { OPENCLAW_STATE_DIR: stateDir };
    } else {
      stateDir = `${home.path}/.openclaw`;
      await Deno.mkdir(stateDir, { mode: 0o700 });
      await Deno.chmod(stateDir, 0o500);
    }
    try {
      for (
        const args of [
          ["onboard", ...ONBOARD_FLAGS],
          ["reset", "--scope", "config", "--yes", "--non-interactive"],
        ]
      ) {
        const r = await runCli(args, { home: home.path, env });
        assert.notEqual(r.code, 0, `${args[0]}: ${r.stdout}`);
        assert.ok(!hasStackTrace(r.stderr), `${args[0]} printed a stack trace:\n${r.stderr}`);
        assert.ok(
          r.stderr.includes(stateDir) || r.stderr.includes(stateDir.replace(home.path, "~")),
          `${args[0]} does not name the state dir:\n${r.stderr}`,
        );
      }
      // doctor only reads (a read-only state dir is fine for it), but never crashes.
      const doctor = await runCli(["doctor"], { home: home.path, env });
      assert.ok(!hasStackTrace(doctor.stderr), `doctor printed a stack trace:\n${doctor.stderr}`);
    } finally {
      if (Deno.uid() !== 0) await Deno.chmod(stateDir, 0o700);
    }
  },
});

Deno.test("--version, --help and onboard --help", async () => {
  await using home = await tempDir();
  for (const flag of ["--version", "-V"]) {
    const r = await runCli([flag], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${VERSION}\n`);
  }

  const help = await runCli(["--help"], { home: home.path });
  assert.equal(help.code, 0, help.stderr);
  for (const word of ["onboard", "configure", "doctor", "reset", "--profile", "--version"]) {
    assert.ok(help.stdout.includes(word), `--help does not list ${word}`);
  }

  const onboard = await runCli(["onboard", "--help"], { home: home.path });
  assert.equal(onboard.code, 0, onboard.stderr);
  for (
    const flag of [
      "--non-interactive",
      "--accept-risk",
      "--flow",
      "--reset",
      "--reset-scope",
      "--auth-choice",
      "--anthropic-api-key",
      "--workspace",
      "--skip-bootstrap",
      "--gateway-port",
      "--gateway-bind",
      "--gateway-auth",
      "--gateway-token",
      "--gateway-password",
      "--tailscale",
      "--json",
      "--dry-run",
    ]
  ) {
    assert.ok(onboard.stdout.includes(flag), `onboard --help does not list ${flag}`);
  }
  assert.ok(!allOutput(onboard).includes("Error"), onboard.stderr);
  assert.deepEqual(await listDir(home.path), [], "help wrote into HOME");
});

/** Run the CLI with its standard output already closed, as `openclaw … | head` ends up. */
async function runWithClosedStdout(args: string[], home: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", "-A", MAIN_TS, ...args],
    cwd: home,
    clearEnv: true,
    env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", DENO_DIR: parentDenoDir(), HOME: home },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  await child.stdout.cancel(); // the reader is gone before the first write
  const err = new TextDecoder().decode((await new Response(child.stderr).arrayBuffer()) as never);
  return { code: (await child.status).code, stderr: err };
}

Deno.test("a closed stdout (--help | head) ends quietly: no stack, no 'unexpected error'", async (t) => {
  await using home = await tempDir();
  for (const args of [["--help"], ["doctor", "--help"], ["--version"], ["doctor"]]) {
    await t.step(args.join(" "), async () => {
      const r = await runWithClosedStdout(args, home.path);
      assert.equal(r.stderr, "", "stderr says something");
      assert.equal(r.code, 0);
    });
  }
});

Deno.test("a broken config stops every command that reads it: path, first problem, doctor; exit 1", async (t) => {
  const configs: [string, string, RegExp][] = [
    ["syntax", '{ "gateway": { "port": 18789\n "bind": "loopback" } }\n', /line 2, column 2/],
    ["schema", '{ "gateway": { "port": 70000 } }\n', /gateway\.port/],
    ["workspace", '{ "agents": { "defaults": { "workspace": "/etc" } } }\n', /system folder/],
  ];
  const commands = [
    ["status"],
    ["health"],
    ["status", "--deep"],
    ["pairing", "list"],
    ["pairing", "list", "telegram"],
    ["pairing", "approve", "telegram", "ABCDEFGH"],
    ["skills", "list"],
    ["skills", "check"],
    ["daemon", "status"],
    ["agents", "list"],
    ["channels", "list"],
  ];
  // One HOME per broken config; the 33 runs go four at a time (each is a whole process).
  const homes = await Promise.all(configs.map(async ([, text]) => {
    const home = await tempDir();
    await Deno.mkdir(`${home.path}/.openclaw`, { recursive: true, mode: 0o700 });
    await Deno.writeTextFile(`${home.path}/.openclaw/openclaw.json`, text, { mode: 0o600 });
    return home;
  }));
  try {
    const jobs = configs.flatMap((config, i) =>
      commands.map((args) => ({ config, args, home: homes[i].path }))
    );
    const results = await inBatches(jobs, 4, (j) => runCli(j.args, { home: j.home }));
    for (const [n, { config: [kind, , problem], args }] of jobs.entries()) {
      await t.step(`${kind}: ${args.join(" ")}`, () => {
        const r = results[n];
        assert.equal(r.code, 1, allOutput(r));
        assert.match(r.stderr, /~\/\.openclaw\/openclaw\.json is not valid/);
        assert.match(r.stderr, problem);
        assert.match(r.stderr, /(openclaw|main\.ts) doctor/);
        assert.ok(!hasStackTrace(r.stderr), r.stderr);
      });
    }
  } finally {
    for (const h of homes) await h[Symbol.asyncDispose]();
  }
});

/** Run `fn` over `items`, at most `size` at a time, keeping the order of the results. */
async function inBatches<T, R>(
  items: T[],
  size: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}
