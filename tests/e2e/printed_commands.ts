/**
 * "Every command openclaw prints runs as printed": pull the commands out of
 * what a run printed (each starts with the prefix the run would use), and
 * run them through sh with OPENCLAW_PARSE_ONLY=1, so the real command tree
 * checks commands, flags and arguments without starting anything.
 */
import { parentDenoDir } from "./cli.ts";

/** Top-level commands: a bare `openclaw <one of these>` is a command the user cannot run. */
const COMMANDS =
  "onboard|configure|doctor|reset|agents|gateway|health|status|skills|daemon|uninstall|channels|pairing|dashboard";

/** `openclaw doctor` where the program was not started as `openclaw` (titles "openclaw x ·" aside). */
export function bareCommands(text: string): string[] {
  const re = new RegExp(`(^|[\\s\`'"(:])openclaw (${COMMANDS})\\b(?! ·)[^\\n\`]*`, "gm");
  return [...text.matchAll(re)].map((m) => m[0].trim());
}

/** Every command in `text` that starts with `prefix`, as the user would copy it. */
export function extractCommands(text: string, prefix: string): string[] {
  const found: string[] = [];
  for (const line of text.split("\n")) {
    // A shell line built around the command ("mkdir -p … && nohup <command> >> log &") is copied whole.
    const at = line.indexOf(prefix);
    if (at > 0 && line.slice(0, at).includes("&&") && line[at - 1] !== "`") {
      found.push(line.trim());
      continue;
    }
    let from = at;
    while (from >= 0) {
      const next = line.indexOf(prefix, from + prefix.length);
      const quoted = from > 0 && line[from - 1] === "`";
      let end = next >= 0 ? next : line.length;
      if (quoted) end = Math.min(end, line.indexOf("`", from) >= 0 ? line.indexOf("`", from) : end);
      let cmd = line.slice(from, end).trim();
      // Prose after a command: "…; next", " (or …)", a closing period.
      cmd = cmd.replace(/;$/, "").replace(/\s+\(.*$/, "").replace(/[.,]$/, "").trim();
      found.push(cmd);
      from = next;
    }
  }
  return [...new Set(found)];
}

export interface ParseResult {
  command: string;
  code: number;
  output: string;
}

/**
 * Run each command through sh as printed, placeholders (`<code>`) filled in,
 * with the tree only parsing. A command is accepted when it exits 0 saying "parsed:".
 */
export async function parseCheck(
  commands: string[],
  env: { HOME: string; PATH: string },
): Promise<ParseResult[]> {
  return await Promise.all(commands.map(async (command) => {
    // A line that runs in the background is checked in the foreground; its output goes to its log.
    const runnable = command.replace(/<[^>]+>/g, "x").replace(/\s*…$/, "").replace(/\s*&$/, "");
    const log = runnable.match(/>>\s*(\S+)/)?.[1]?.replace(/^'|'$/g, "");
    const out = await new Deno.Command("sh", {
      args: ["-c", runnable],
      cwd: env.HOME,
      clearEnv: true,
      env: {
        ...env,
        DENO_DIR: parentDenoDir(),
        NO_COLOR: "1",
        OPENCLAW_PARSE_ONLY: "1",
      },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const d = new TextDecoder();
    const logged = log ? await Deno.readTextFile(log).catch(() => "") : "";
    const output = d.decode(out.stdout) + d.decode(out.stderr) + logged;
    return {
      command,
      code: out.code === 0 && output.includes("parsed:") ? 0 : out.code || 1,
      output,
    };
  }));
}
