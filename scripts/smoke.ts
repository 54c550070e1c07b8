/**
 * The smoke test `deno task compile` runs on the binary it built for this machine's target
 * before publishing anything: a binary built on the wrong runtime (e.g. the deno CLI renamed
 * and passed as DENORT_BIN) compiles fine but answers `deno 2.9.6`, and only running it shows
 * that. Two checks, each with a time limit, in a fresh temp HOME so nothing real is touched:
 *
 *   openclaw --version      prints exactly the version (lib/version.ts)
 *   openclaw onboard ...    a non-interactive onboarding succeeds and writes the config
 */

/** Long enough for a cold start of a ~60 MB binary on a loaded machine; a hang ends here. */
export const SMOKE_TIMEOUT_MS = 120_000;

/** The onboarding the smoke test runs: nothing asked, nothing installed, no network. */
export function onboardArgs(workspace: string): string[] {
  return [
    "onboard",
    "--non-interactive",
    "--accept-risk",
    "--mode",
    "local",
    "--auth-choice",
    "skip",
    "--skip-daemon",
    "--skip-health",
    "--skip-channels",
    "--skip-skills",
    "--no-hello",
    "--workspace",
    workspace,
  ];
}

interface Ran {
  code: number | "timeout";
  stdout: string;
  stderr: string;
}

async function run(binary: string, args: string[], home: string, timeoutMs: number): Promise<Ran> {
  const child = new Deno.Command(binary, {
    args,
    // Only what a user's shell would surely have: the real HOME and config must not leak in.
    clearEnv: true,
    env: { HOME: home, PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
  }, timeoutMs);
  try {
    const out = await child.output();
    const dec = new TextDecoder();
    return {
      code: timedOut ? "timeout" : out.code,
      stdout: dec.decode(out.stdout),
      stderr: dec.decode(out.stderr),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** What the binary printed, shortened for one error message. */
function answered(r: Ran): string {
  const text = (r.stdout + r.stderr).trim();
  if (!text) return "nothing";
  const short = text.length > 600 ? `${text.slice(0, 600)}…` : text;
  return JSON.stringify(short);
}

/**
 * Run both checks on `binary`. Returns undefined when it passed, else one message saying
 * which check failed and what the binary answered.
 */
export async function smokeTest(
  binary: string,
  version: string,
  timeoutMs = SMOKE_TIMEOUT_MS,
): Promise<string | undefined> {
  const home = await Deno.makeTempDir({ prefix: "openclaw-smoke-" });
  try {
    let r: Ran;
    try {
      r = await run(binary, ["--version"], home, timeoutMs);
    } catch (err) {
      return `\`openclaw --version\` could not be started: ${(err as Error).message}`;
    }
    if (r.code === "timeout") {
      return `\`openclaw --version\` did not finish within ${timeoutMs / 1000} s`;
    }
    if (r.code !== 0 || r.stdout.trim() !== version || r.stderr.trim() !== "") {
      return `\`openclaw --version\` answered ${answered(r)} (exit ${r.code}); ` +
        `expected exactly "${version}"`;
    }
    const args = onboardArgs(`${home}/workspace`);
    r = await run(binary, args, home, timeoutMs);
    if (r.code === "timeout") {
      return `\`openclaw onboard --non-interactive\` did not finish within ${timeoutMs / 1000} s`;
    }
    if (r.code !== 0) {
      return `\`openclaw ${args.join(" ")}\` in a temp HOME exited ${r.code} and answered ` +
        answered(r);
    }
    const wrote = await Deno.stat(`${home}/.openclaw/openclaw.json`).then(() => true, () => false);
    if (!wrote) {
      return `\`openclaw onboard --non-interactive\` exited 0 but wrote no ` +
        `~/.openclaw/openclaw.json (it answered ${answered(r)})`;
    }
    return undefined;
  } finally {
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
}
