/**
 * `deno task bench`: how fast openclaw starts and onboards, and how much
 * memory it takes.
 *
 *   deno task bench [--runs N] [--json] [--only floor,version,onboard,prompt,cold]
 *
 * Cases (each run N times after 2 warm-ups, every run must exit 0):
 *   floor    `deno run` of an empty script: what the runtime itself costs
 *   version  `deno run -A main.ts --version`
 *   onboard  a full non-interactive onboard into a fresh temp HOME
 *   prompt   `deno run -A main.ts onboard` in a pseudo-terminal (util-linux
 *            `script`), from start until the first question is on screen
 *
 *   cold     one run on an empty Deno cache (a temp DENO_DIR): `--version`, then
 *            the non-interactive onboard; the npm packages it fetched (MiB)
 *            and the time. Needs the npm registry (behind a TLS proxy whose
 *            certificate is only in the system store: DENO_TLS_CA_STORE=system).
 *
 *   gateway  `health` round-trip p50/p99 and RSS with 1,000 idle connections
 *            (bench/gateway.ts; one run, 2,000 requests)
 *   agent    the gateway with a model and Telegram configured: spawn to ready,
 *            idle RSS, and inbound DM → first request for it, p50/p99
 *            (bench/agent.ts; against stand-ins on 127.0.0.1, 50 messages)
 *
 * Wall time is the median of N plain runs, timed from here. Peak memory is the
 * largest max-RSS over N more runs under GNU time (`time -f "%e %M"`), kept
 * apart because the wrapper itself adds a few milliseconds to every start.
 * Without GNU time, only wall time is reported.
 */
import { fileURLToPath } from "node:url";
import { whichOnPath } from "../lib/host.ts";
import { benchGateway, type GatewayBenchResult } from "./gateway.ts";
import { type AgentBenchResult, benchAgentWithModel } from "./agent.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url)).replace(/\/$/, "");
const WARMUPS = 2;
const DEFAULT_RUNS = 15;
const MIB = 1024 * 1024;

export const CASE_NAMES = [
  "floor",
  "version",
  "onboard",
  "prompt",
  "cold",
  "gateway",
  "agent",
] as const;
export type CaseName = typeof CASE_NAMES[number];

/** The targets the numbers are held to. */
export const TARGETS = [
  { name: "--version median", case: "version", metric: "medianMs", limit: 25, unit: "ms" },
  { name: "onboard median", case: "onboard", metric: "medianMs", limit: 150, unit: "ms" },
  { name: "onboard peak RSS", case: "onboard", metric: "peakRssMiB", limit: 100, unit: "MiB" },
  {
    name: "start to first prompt median",
    case: "prompt",
    metric: "medianMs",
    limit: 300,
    unit: "ms",
  },
] as const;

/** The cold start's target: what a first run downloads before onboarding is done. */
export const COLD_TARGETS = [
  { name: "cold cache: npm packages fetched", metric: "npmMiB", limit: 20, unit: "MiB" },
] as const;

/** The text of the wizard's first question (the risk prompt), which ends the prompt case. */
export const FIRST_PROMPT = "I understand the risks. Continue?";

export interface ColdResult {
  /** `--version` then the non-interactive onboard, on an empty cache. */
  ms: number;
  /** Bytes under DENO_DIR/npm afterwards, in MiB. */
  npmMiB: number;
  /** The npm packages fetched (name@version). */
  packages: string[];
  /** Whether Deno printed its "Ignored build scripts" box. */
  buildScriptWarning: boolean;
}

export function judgeCold(c: ColdResult): TargetResult[] {
  return COLD_TARGETS.map((t) => ({
    name: t.name,
    limit: t.limit,
    unit: t.unit,
    value: c[t.metric],
    pass: c[t.metric] <= t.limit,
  }));
}

/** Total size of the files under `dir` (bytes), like `du -sb`. */
export async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  const entries = await Array.fromAsync(Deno.readDir(dir)).catch(() => [] as Deno.DirEntry[]);
  for (const e of entries) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) total += await dirBytes(path);
    else if (e.isFile) total += (await Deno.lstat(path)).size;
  }
  return total;
}

/** name@version of each package in a Deno npm cache folder (registry/[scope/]name/version). */
export async function cachedPackages(npmDir: string): Promise<string[]> {
  const out: string[] = [];
  const list = async (d: string) =>
    (await Array.fromAsync(Deno.readDir(d)).catch(() => [])).filter((e) => e.isDirectory)
      .map((e) => e.name);
  for (const registry of await list(npmDir)) {
    for (const first of await list(`${npmDir}/${registry}`)) {
      const names = first.startsWith("@")
        ? (await list(`${npmDir}/${registry}/${first}`)).map((n) => `${first}/${n}`)
        : [first];
      for (const name of names) {
        for (const v of await list(`${npmDir}/${registry}/${name}`)) out.push(`${name}@${v}`);
      }
    }
  }
  return out.sort();
}

/** The gateway's targets: loopback health latency and memory with many idle clients. */
export const GATEWAY_TARGETS = [
  { name: "health p99", metric: "healthP99Ms", limit: 5, unit: "ms" },
  { name: "RSS, 1,000 idle connections", metric: "rssIdleMiB", limit: 150, unit: "MiB" },
] as const;

export function judgeGateway(g: GatewayBenchResult): TargetResult[] {
  return GATEWAY_TARGETS.map((t) => {
    const value = g[t.metric];
    return {
      name: t.name,
      limit: t.limit,
      unit: t.unit,
      value,
      pass: value === null ? null : value <= t.limit,
    };
  });
}

const ONBOARD_ARGS = [
  "onboard",
  "--non-interactive",
  "--accept-risk",
  "--auth-choice",
  "apiKey",
  "--anthropic-api-key",
  "sk-ant-bench-0000000000000000",
  "--skip-daemon",
  "--skip-health",
  "--skip-channels",
  "--skip-skills",
  "--json",
];

const USAGE = `Usage: deno task bench [--runs N] [--json] [--only ${CASE_NAMES.join(",")}]

  --runs N   measured runs per case (default ${DEFAULT_RUNS}), after ${WARMUPS} warm-ups
  --json     print the figures as JSON only
  --only     a comma-separated subset of the cases
`;

interface Options {
  runs: number;
  json: boolean;
  only: CaseName[];
}

interface Case {
  name: CaseName;
  label: string;
  /** Arguments to deno. */
  args: string[];
  cwd: string;
  /** Give each run its own empty HOME (deleted afterwards). */
  freshHome: boolean;
  /** Run in a pseudo-terminal and stop the clock when this text is on screen. */
  untilScreen?: string;
}

export interface CaseResult {
  label: string;
  command: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Largest max-RSS over the memory runs; null without GNU time. */
  peakRssMiB: number | null;
  samplesMs: number[];
}

class BenchFailure extends Error {}

export function parseArgs(args: string[]): Options | "help" {
  const opts: Options = { runs: DEFAULT_RUNS, json: false, only: [...CASE_NAMES] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (v === undefined || v === "") throw new BenchFailure(`${flag} needs a value.\n\n${USAGE}`);
      return v;
    };
    if (flag === "-h" || flag === "--help") return "help";
    else if (flag === "--json") opts.json = true;
    else if (flag === "--runs") {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) {
        throw new BenchFailure(`--runs needs a whole number of at least 1, not "${v}".`);
      }
      opts.runs = n;
    } else if (flag === "--only") {
      const names = value().split(",").map((s) => s.trim()).filter(Boolean);
      for (const n of names) {
        if (!(CASE_NAMES as readonly string[]).includes(n)) {
          throw new BenchFailure(`Unknown case "${n}". Cases: ${CASE_NAMES.join(", ")}.`);
        }
      }
      opts.only = CASE_NAMES.filter((n) => names.includes(n));
    } else throw new BenchFailure(`Unknown argument "${arg}".\n\n${USAGE}`);
  }
  return opts;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** GNU time, if it is here and really GNU (BSD time has no -f). */
async function findGnuTime(): Promise<string | undefined> {
  const candidates = ["/usr/bin/time", await whichOnPath("gtime", Deno.env.get("PATH") ?? "")];
  for (const bin of candidates) {
    if (!bin) continue;
    const out = `${await Deno.makeTempDir({ prefix: "openclaw-bench-" })}/t`;
    try {
      const res = await new Deno.Command(bin, {
        args: ["-f", "%e %M", "-o", out, "true"],
        stdout: "null",
        stderr: "null",
      }).output();
      if (res.code === 0 && parseTimeOutput(await Deno.readTextFile(out)) !== undefined) return bin;
    } catch {
      // not runnable; try the next
    } finally {
      await Deno.remove(out.slice(0, -2), { recursive: true }).catch(() => {});
    }
  }
  return undefined;
}

/** Max RSS in KiB from GNU time's `%e %M` line (the last line; notes may precede it). */
export function parseTimeOutput(text: string): number | undefined {
  const last = text.trim().split("\n").pop() ?? "";
  const m = last.match(/^(\d+(?:\.\d+)?) (\d+)$/);
  return m ? Number(m[2]) : undefined;
}

/** Deno's cache folder, so runs with a fresh HOME still find the cached npm packages. */
async function denoDir(): Promise<string | undefined> {
  const set = Deno.env.get("DENO_DIR");
  if (set) return set;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
    stderr: "null",
  }).output();
  try {
    return JSON.parse(new TextDecoder().decode(out.stdout)).denoDir;
  } catch {
    return undefined;
  }
}

/** The environment for a run: ours, without OPENCLAW_* (they would redirect state). */
function baseEnv(cache: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(Deno.env.toObject())) {
    if (!k.startsWith("OPENCLAW_")) env[k] = v;
  }
  env.NO_COLOR = "1";
  env.DENO_NO_UPDATE_CHECK = "1";
  if (cache) env.DENO_DIR = cache;
  return env;
}

interface Run {
  ms: number;
  rssKiB?: number;
}

const shellQuote = (a: string) => `'${a.replaceAll("'", `'\\''`)}'`;

/**
 * Milliseconds from starting `argv` in a pseudo-terminal (util-linux `script`, 120×50) until
 * `marker` is on its screen; then Ctrl-C ends it. The program sees a real terminal, as a user's.
 */
export async function timeToScreen(
  argv: string[],
  marker: string,
  opts: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<number> {
  const inner = `stty cols 120 rows 50 2>/dev/null; exec ${argv.map(shellQuote).join(" ")}`;
  const child = new Deno.Command("script", {
    args: ["-qfec", inner, "/dev/null"],
    cwd: opts.cwd,
    env: opts.env,
    clearEnv: true,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const start = performance.now();
  const stdin = child.stdin.getWriter();
  const reader = child.stdout.getReader();
  const decoder = new TextDecoder();
  const stderr = new Response(child.stderr).text();
  let screen = "";
  let ms: number | undefined;
  const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 30_000);
  try {
    while (ms === undefined) {
      const { value, done } = await reader.read();
      if (done) break;
      // deno-lint-ignore no-control-regex
      screen += decoder.decode(value, { stream: true }).replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
      if (screen.includes(marker)) ms = performance.now() - start;
    }
    await stdin.write(new Uint8Array([3])).catch(() => {});
    await stdin.close().catch(() => {});
    while (!(await reader.read()).done) { /* drain until it exits */ }
  } finally {
    clearTimeout(timer);
    await child.status;
  }
  await stderr;
  if (ms === undefined) {
    throw new BenchFailure(
      `"${marker}" never appeared on the screen of: ${argv.join(" ")}\n` +
        (screen.trim().split("\n").slice(-15).join("\n") || "(no output)"),
    );
  }
  return ms;
}

async function runOnce(c: Case, env: Record<string, string>, gnuTime?: string): Promise<Run> {
  let home: string | undefined;
  const runEnv = { ...env };
  if (c.freshHome) {
    home = await Deno.makeTempDir({ prefix: "openclaw-bench-home-" });
    runEnv.HOME = home;
    for (const k of ["XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"]) {
      delete runEnv[k];
    }
  }
  if (c.untilScreen) {
    try {
      runEnv.TERM = runEnv.TERM || "xterm-256color";
      const ms = await timeToScreen([Deno.execPath(), ...c.args], c.untilScreen, {
        cwd: c.cwd,
        env: runEnv,
      });
      return { ms };
    } finally {
      if (home) await Deno.remove(home, { recursive: true }).catch(() => {});
    }
  }
  const timeDir = gnuTime ? await Deno.makeTempDir({ prefix: "openclaw-bench-" }) : undefined;
  const deno = Deno.execPath();
  const [cmd, args] = gnuTime
    ? [gnuTime, ["-f", "%e %M", "-o", `${timeDir}/t`, deno, ...c.args]]
    : [deno, c.args];
  try {
    const start = performance.now();
    const out = await new Deno.Command(cmd, {
      args,
      cwd: c.cwd,
      env: runEnv,
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const ms = performance.now() - start;
    if (out.code !== 0 || out.signal) {
      const dec = new TextDecoder();
      const stderr = dec.decode(out.stderr).trim();
      const stdout = dec.decode(out.stdout).trim();
      throw new BenchFailure(
        `${c.label} failed (${out.signal ? `signal ${out.signal}` : `exit ${out.code}`}): ` +
          `deno ${c.args.join(" ")}\n` +
          (stderr || stdout || "(no output)"),
      );
    }
    const rssKiB = timeDir
      ? parseTimeOutput(await Deno.readTextFile(`${timeDir}/t`).catch(() => ""))
      : undefined;
    return { ms, rssKiB };
  } finally {
    if (home) await Deno.remove(home, { recursive: true }).catch(() => {});
    if (timeDir) await Deno.remove(timeDir, { recursive: true }).catch(() => {});
  }
}

async function measure(
  c: Case,
  runs: number,
  env: Record<string, string>,
  gnuTime: string | undefined,
  progress: (s: string) => void,
): Promise<CaseResult> {
  for (let i = 0; i < WARMUPS; i++) await runOnce(c, env);
  const samples: number[] = [];
  let peak: number | undefined;
  for (let i = 0; i < runs; i++) {
    progress(`\r${c.label}: run ${i + 1}/${runs}   `);
    samples.push((await runOnce(c, env)).ms);
    if (gnuTime && !c.untilScreen) {
      const { rssKiB } = await runOnce(c, env, gnuTime);
      if (rssKiB !== undefined) peak = Math.max(peak ?? 0, rssKiB);
    }
  }
  progress("\r\x1b[K");
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    label: c.label,
    command: `deno ${c.args.join(" ")}`,
    medianMs: round(median(samples)),
    minMs: round(Math.min(...samples)),
    maxMs: round(Math.max(...samples)),
    peakRssMiB: peak === undefined ? null : round((peak * 1024) / MIB),
    samplesMs: samples.map(round),
  };
}

export interface TargetResult {
  name: string;
  limit: number;
  unit: string;
  value: number | null;
  pass: boolean | null;
}

export function judge(results: Partial<Record<CaseName, CaseResult>>): TargetResult[] {
  return TARGETS.filter((t) => results[t.case]).map((t) => {
    const value = results[t.case]![t.metric];
    return {
      name: t.name,
      limit: t.limit,
      unit: t.unit,
      value,
      pass: value === null ? null : value <= t.limit,
    };
  });
}

function fmt(value: number | null, unit: string): string {
  return value === null ? "n/a" : `${value.toFixed(1)} ${unit}`;
}

export function table(
  results: Partial<Record<CaseName, CaseResult>>,
  targets: TargetResult[],
): string {
  const rows = [["case", "median", "min", "max", "peak RSS"]];
  for (const r of Object.values(results)) {
    rows.push([
      r.label,
      fmt(r.medianMs, "ms"),
      fmt(r.minMs, "ms"),
      fmt(r.maxMs, "ms"),
      fmt(r.peakRssMiB, "MiB"),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((cell, i) => i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])).join("   ");
  const out = rows.map(line);
  if (targets.length) {
    out.push("", "targets");
    const names = targets.map((t) => `${t.name} <= ${t.limit} ${t.unit}`);
    const w = Math.max(...names.map((n) => n.length));
    targets.forEach((t, i) => {
      const verdict = t.pass === null ? "SKIP (not measured)" : t.pass ? "PASS" : "FAIL";
      out.push(`  ${names[i].padEnd(w)}   ${fmt(t.value, t.unit).padStart(9)}   ${verdict}`);
    });
  }
  return out.join("\n");
}

export async function main(argv: string[]): Promise<number> {
  let opts: Options | "help";
  try {
    opts = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof BenchFailure)) throw err;
    console.error(err.message);
    return 2;
  }
  if (opts === "help") {
    console.log(USAGE);
    return 0;
  }

  const gnuTime = await findGnuTime();
  if (!gnuTime) {
    console.error(
      "GNU time was not found, so peak memory is not measured (wall time only). " +
        "Install it with: apt-get install time",
    );
  }
  const env = baseEnv(await denoDir());
  const scratch = await Deno.makeTempDir({ prefix: "openclaw-bench-" });
  const empty = `${scratch}/empty.ts`;
  await Deno.writeTextFile(empty, "");
  const cases: Case[] = [
    {
      name: "floor",
      label: "deno run (empty script)",
      args: ["run", "-A", "--no-config", empty],
      cwd: scratch,
      freshHome: false,
    },
    {
      name: "version",
      label: "openclaw --version",
      args: ["run", "-A", "main.ts", "--version"],
      cwd: ROOT,
      freshHome: false,
    },
    {
      name: "onboard",
      label: "onboard (non-interactive)",
      args: ["run", "-A", "main.ts", ...ONBOARD_ARGS],
      cwd: ROOT,
      freshHome: true,
    },
    {
      name: "prompt",
      label: "onboard: start to first prompt",
      args: ["run", "-A", "main.ts", "onboard"],
      cwd: ROOT,
      freshHome: true,
      untilScreen: FIRST_PROMPT,
    },
  ];
  if (opts.only.includes("prompt") && !await whichOnPath("script", env.PATH ?? "")) {
    console.error(
      "`script` (util-linux) was not found, so the first-prompt case is skipped. " +
        "Install it with: apt-get install bsdutils",
    );
    opts.only = opts.only.filter((n) => n !== "prompt");
  }

  const tty = Deno.stderr.isTerminal();
  const encoder = new TextEncoder();
  const progress = (s: string) => {
    if (tty) Deno.stderr.writeSync(encoder.encode(s));
  };
  const results: Partial<Record<CaseName, CaseResult>> = {};
  try {
    for (const c of cases) {
      if (!opts.only.includes(c.name)) continue;
      results[c.name] = await measure(c, opts.runs, env, gnuTime, progress);
    }
  } catch (err) {
    progress("\r\x1b[K");
    if (!(err instanceof BenchFailure)) throw err;
    console.error(err.message);
    return 1;
  } finally {
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }

  let cold: ColdResult | undefined;
  if (opts.only.includes("cold")) {
    progress("cold: an empty Deno cache, --version then onboard (downloads from npm)…");
    try {
      cold = await benchCold(env);
    } catch (err) {
      progress("\r\x1b[K");
      if (!(err instanceof BenchFailure)) throw err;
      console.error(err.message);
      return 1;
    }
    progress("\r\x1b[K");
  }

  let gateway: GatewayBenchResult | undefined;
  if (opts.only.includes("gateway")) {
    progress("gateway: health round-trips and 1,000 idle connections…");
    gateway = await benchGateway(env, { requests: 2000, connections: 1000 });
    progress("\r\x1b[K");
  }
  let agent: AgentBenchResult | undefined;
  if (opts.only.includes("agent")) {
    progress("agent: gateway start with the agent, idle RSS, inbound DM latency…");
    agent = await benchAgentWithModel(env);
    progress("\r\x1b[K");
  }
  const targets = [
    ...judge(results),
    ...(cold ? judgeCold(cold) : []),
    ...(gateway ? judgeGateway(gateway) : []),
  ];
  if (opts.json) {
    console.log(JSON.stringify(
      {
        deno: Deno.version.deno,
        target: Deno.build.target,
        runs: opts.runs,
        warmups: WARMUPS,
        gnuTime: gnuTime ?? null,
        cases: results,
        cold: cold ?? null,
        gateway: gateway ?? null,
        agent: agent ?? null,
        targets,
      },
      null,
      2,
    ));
    return 0;
  }
  console.log(
    `openclaw bench: ${opts.runs} run(s) per case after ${WARMUPS} warm-ups ` +
      `(deno ${Deno.version.deno}, ${Deno.build.target})\n`,
  );
  console.log(table(results, targets));
  if (cold) {
    console.log(
      `\nCold start (empty Deno cache): --version and a non-interactive onboard took ` +
        `${(cold.ms / 1000).toFixed(1)} s and fetched ${cold.npmMiB} MiB in ` +
        `${cold.packages.length} npm packages` +
        (cold.buildScriptWarning ? `; Deno printed its "Ignored build scripts" box.` : "."),
    );
  }
  if (gateway) {
    console.log(
      `\nGateway: health p50 ${gateway.healthP50Ms} ms, p99 ${gateway.healthP99Ms} ms, ` +
        `max ${gateway.healthMaxMs} ms over ${gateway.healthRequests} requests; RSS ` +
        `${gateway.rssStartMiB ?? "n/a"} MiB idle, ${gateway.rssIdleMiB ?? "n/a"} MiB with ` +
        `${gateway.idleConnections} connections.`,
    );
  }
  if (agent) {
    console.log(
      `\nAgent: gateway ready in ${agent.readyMs} ms with the agent configured; RSS ` +
        `${agent.rssIdleMiB ?? "n/a"} MiB idle, ${
          agent.rssAfterMiB ?? "n/a"
        } MiB after the turns; ` +
        `inbound DM → ${agent.until}: p50 ` +
        `${agent.inboundP50Ms} ms, p99 ${agent.inboundP99Ms} ms over ${agent.messages} messages.`,
    );
  }
  if (gnuTime) {
    console.log(`\nPeak RSS: ${opts.runs} separate run(s) per case under ${gnuTime} -f "%e %M".`);
  }
  return 0;
}

/**
 * A first run: an empty DENO_DIR and HOME, `--version`, then the non-interactive onboard, as
 * someone who just cloned the repository. Measures what it downloaded and how long it took.
 */
export async function benchCold(
  env: Record<string, string>,
  opts: { root?: string; deno?: string } = {},
): Promise<ColdResult> {
  const scratch = await Deno.makeTempDir({ prefix: "openclaw-bench-cold-" });
  const runEnv: Record<string, string> = {
    ...env,
    DENO_DIR: `${scratch}/deno`,
    HOME: `${scratch}/home`,
  };
  for (const k of ["XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"]) {
    delete runEnv[k];
  }
  await Deno.mkdir(runEnv.HOME);
  const deno = opts.deno ?? Deno.execPath();
  let stderr = "";
  try {
    const start = performance.now();
    for (const args of [["--version"], ONBOARD_ARGS]) {
      const out = await new Deno.Command(deno, {
        args: ["run", "-A", "main.ts", ...args],
        cwd: opts.root ?? ROOT,
        env: runEnv,
        clearEnv: true,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      const err = new TextDecoder().decode(out.stderr);
      stderr += err;
      if (!out.success) {
        const tls = /invalid peer certificate|UnknownIssuer/.test(err)
          ? "\nThe npm registry's certificate is not trusted: behind a TLS proxy whose " +
            "certificate is in the system store, run with DENO_TLS_CA_STORE=system."
          : "";
        throw new BenchFailure(
          `cold start failed (exit ${out.code}): deno run -A main.ts ${args.join(" ")}\n` +
            `${err.trim().split("\n").slice(-10).join("\n")}${tls}`,
        );
      }
    }
    const ms = performance.now() - start;
    const npmDir = `${runEnv.DENO_DIR}/npm`;
    return {
      ms: Math.round(ms),
      npmMiB: Math.round((await dirBytes(npmDir)) / MIB * 10) / 10,
      packages: await cachedPackages(npmDir),
      buildScriptWarning: /Ignored build scripts/.test(stderr),
    };
  } finally {
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
