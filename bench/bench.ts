/**
 * `deno task bench`: how fast openclaw starts and onboards, and how much
 * memory it takes.
 *
 *   deno task bench [--runs N] [--json] [--only floor,version,onboard]
 *
 * Cases (each run N times after 2 warm-ups, every run must exit 0):
 *   floor    `deno run` of an empty script: what the runtime itself costs
 *   version  `deno run -A main.ts --version`
 *   onboard  a full non-interactive onboard into a fresh temp HOME
 *
 *   gateway  `health` round-trip p50/p99 and RSS with 1,000 idle connections
 *            (bench/gateway.ts; one run, 2,000 requests)
 *
 * Wall time is the median of N plain runs, timed from here. Peak memory is the
 * largest max-RSS over N more runs under GNU time (`time -f "%e %M"`), kept
 * apart because the wrapper itself adds a few milliseconds to every start.
 * Without GNU time, only wall time is reported.
 */
import { fileURLToPath } from "node:url";
import { whichOnPath } from "../lib/host.ts";
import { benchGateway, type GatewayBenchResult } from "./gateway.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url)).replace(/\/$/, "");
const WARMUPS = 2;
const DEFAULT_RUNS = 15;
const MIB = 1024 * 1024;

export const CASE_NAMES = ["floor", "version", "onboard", "gateway"] as const;
export type CaseName = typeof CASE_NAMES[number];

/** The targets the numbers are held to. */
export const TARGETS = [
  { name: "--version median", case: "version", metric: "medianMs", limit: 25, unit: "ms" },
  { name: "onboard median", case: "onboard", metric: "medianMs", limit: 150, unit: "ms" },
  { name: "onboard peak RSS", case: "onboard", metric: "peakRssMiB", limit: 100, unit: "MiB" },
] as const;

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
    if (gnuTime) {
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
  ];

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

  let gateway: GatewayBenchResult | undefined;
  if (opts.only.includes("gateway")) {
    progress("gateway: health round-trips and 1,000 idle connections…");
    gateway = await benchGateway(env, { requests: 2000, connections: 1000 });
    progress("\r\x1b[K");
  }
  const targets = [...judge(results), ...(gateway ? judgeGateway(gateway) : [])];
  if (opts.json) {
    console.log(JSON.stringify(
      {
        deno: Deno.version.deno,
        target: Deno.build.target,
        runs: opts.runs,
        warmups: WARMUPS,
        gnuTime: gnuTime ?? null,
        cases: results,
        gateway: gateway ?? null,
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
  if (gateway) {
    console.log(
      `\nGateway: health p50 ${gateway.healthP50Ms} ms, p99 ${gateway.healthP99Ms} ms, ` +
        `max ${gateway.healthMaxMs} ms over ${gateway.healthRequests} requests; RSS ` +
        `${gateway.rssStartMiB ?? "n/a"} MiB idle, ${gateway.rssIdleMiB ?? "n/a"} MiB with ` +
        `${gateway.idleConnections} connections.`,
    );
  }
  if (gnuTime) {
    console.log(`\nPeak RSS: ${opts.runs} separate run(s) per case under ${gnuTime} -f "%e %M".`);
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
