/**
 * How this program was started, and so how the user can start it again.
 * Every command openclaw prints for the user to type (next steps, advice,
 * the health note, the "same setup without questions" command, service
 * notes) is written as `cli("doctor --fix")`: this module alone decides the
 * words in front — `openclaw` when that name runs this program, the binary's
 * path when it is not on PATH, or for a source checkout the form that works
 * from any folder (`deno run -q -A /abs/checkout/main.ts`) until `deno task
 * link` puts a launcher on PATH — and keeps `--profile <name>`.
 *
 * The answer is a property of the process (one command line, one profile),
 * so it is set once by the command setup and read where texts are written;
 * until then (unit tests) commands read `openclaw …`.
 */
import type { Host } from "../host.ts";

export interface Invocation {
  /**
   * "path": `openclaw` on PATH runs this program; "binary": a binary not on PATH
   * (its path is printed); "launcher": this checkout's launcher exists but its folder is
   * not on PATH yet; "checkout": a source checkout with no launcher.
   */
  kind: "path" | "binary" | "launcher" | "checkout";
  /** The words that start openclaw, ready for a shell. */
  prefix: string;
  /** The global --profile of this run, kept in every printed command. */
  profile?: string;
  /** From an unlinked checkout: the command that puts `openclaw` on PATH. */
  linkCommand?: string;
}

/** What the running process is (see lib/daemon/command.ts currentRuntime). */
export interface RuntimeFacts {
  standalone: boolean;
  execPath: string;
  mainModule: string;
}

const DEFAULT: Invocation = { kind: "path", prefix: "openclaw" };
let current: Invocation = DEFAULT;

export function setInvocation(inv: Invocation): void {
  current = inv;
}

export function currentInvocation(): Invocation {
  return current;
}

/** A command for the user to type: `cli("doctor --fix")` → `openclaw --profile work doctor --fix`. */
export function cli(args = ""): string {
  return commandFor(current, args);
}

export function commandFor(inv: Invocation, args = ""): string {
  const words = [inv.prefix];
  if (inv.profile) words.push("--profile", inv.profile);
  if (args) words.push(args);
  return words.join(" ");
}

/** openclaw's top-level commands: what follows the prefix in a printed command. */
const COMMAND_NAMES =
  "onboard|configure|doctor|reset|agents|gateway|health|status|skills|daemon|uninstall|channels|pairing|dashboard";

/** Whether a text holds a command printed for the user (so must never be wrapped). */
export function holdsCommand(text: string): boolean {
  const prefix = current.prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`${prefix}( --profile \\S+)? (${COMMAND_NAMES})\\b`).test(text);
}

/** The launcher `deno task link` writes; the same folder install.sh installs into. */
export function launcherPath(home: string): string {
  return `${home}/.openclaw/bin/openclaw`;
}

/** Where a Deno copied out of npx's cache lives (see lib/daemon/command.ts). */
export function runtimeDenoPath(home: string): string {
  return `${home}/.openclaw/runtime/deno`;
}

/**
 * npx runs its package from a private cache (`~/.npm/_npx/<hash>/…`) that npm
 * cleans at will, and puts that cache's `.bin` on the PATH of its child only.
 */
export function isTransientPath(path: string): boolean {
  return /\/_npx\//.test(path) || /\/node_modules\/\.bin\/?$/.test(path);
}

export async function detectInvocation(
  host: Host,
  rt: RuntimeFacts,
  profile?: string,
): Promise<Invocation> {
  const path = userPath(host);
  const onPath = await firstExecutable("openclaw", path);
  if (rt.standalone) {
    if (onPath && await sameFile(onPath, rt.execPath)) {
      return { kind: "path", prefix: "openclaw", profile };
    }
    return { kind: "binary", prefix: showPath(host.home, rt.execPath), profile };
  }
  if (onPath && await isLauncherFor(onPath, rt.mainModule)) {
    return { kind: "path", prefix: "openclaw", profile };
  }
  const launcher = launcherPath(host.home);
  if (await isLauncherFor(launcher, rt.mainModule)) {
    return { kind: "launcher", prefix: showPath(host.home, launcher), profile };
  }
  const deno = await denoForUser(host, path);
  const checkout = rt.mainModule.replace(/\/main\.ts$/, "");
  // -q: without it Deno draws its download bar over the gateway's log lines on a terminal.
  return {
    kind: "checkout",
    prefix: `${deno} run -q -A ${showPath(host.home, rt.mainModule)}`,
    profile,
    linkCommand: `${deno} run -q -A ${showPath(host.home, `${checkout}/scripts/link.ts`)}`,
  };
}

/** The user's own PATH: without the folders npx adds for its child. */
function userPath(host: Host): string[] {
  return (host.env("PATH") ?? "").split(":").filter((d) => d && !isTransientPath(d));
}

/**
 * How the user runs Deno in their own shell: `deno` on PATH, the copy kept in
 * ~/.openclaw/runtime, or npx (which is how the README starts it).
 */
async function denoForUser(host: Host, path: string[]): Promise<string> {
  if (await firstExecutable("deno", path)) return "deno";
  const kept = runtimeDenoPath(host.home);
  if (await isExecutable(kept)) return showPath(host.home, kept);
  return `npx -y deno@${Deno.version.deno}`;
}

async function firstExecutable(name: string, dirs: string[]): Promise<string | undefined> {
  for (const dir of dirs) {
    if (await isExecutable(`${dir}/${name}`)) return `${dir}/${name}`;
  }
  return undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    const info = await Deno.stat(file);
    return info.isFile && ((info.mode ?? 0o111) & 0o111) !== 0;
  } catch {
    return false;
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    return (await Deno.realPath(a)) === (await Deno.realPath(b));
  } catch {
    return false;
  }
}

/** A launcher is a few lines of sh naming the checkout's main.ts; anything big is not ours. */
async function isLauncherFor(file: string, mainModule: string): Promise<boolean> {
  try {
    const info = await Deno.stat(file);
    if (!info.isFile || info.size > 4096) return false;
    const text = await Deno.readTextFile(file);
    return text.startsWith("#!") && text.includes(shellQuote(mainModule));
  } catch {
    return false;
  }
}

/** A path as the user would type it: `~/…` under HOME when that needs no quoting. */
export function showPath(home: string, path: string): string {
  if (path.startsWith(`${home}/`)) {
    const rest = path.slice(home.length + 1);
    if (/^[\w@%+=:,./-]+$/.test(rest)) return `~/${rest}`;
  }
  return shellQuote(path);
}

/** A word as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellQuote(s: string): string {
  return quoteWord(s, /^[\w@%+=:,./-]+$/);
}

/**
 * Like shellQuote, but a `~` may stay bare: for words where a leading `~/` is
 * meant to expand to HOME (tildified paths in a command line shown to the user).
 */
export function shellQuoteKeepingTilde(s: string): string {
  return quoteWord(s, /^[\w@%+=:,./~-]+$/);
}

function quoteWord(s: string, bare: RegExp): string {
  if (s !== "" && bare.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
