/**
 * Run skill installs: one after the other, through `host.run` (so tests use
 * a recording runner), each command and its output appended to a log file,
 * progress reported as it goes. One failure does not stop the others; every
 * install ends with a result that says what happened and, when it failed,
 * what to do. After an install the skill's programs are looked for again, so
 * "installed" means the program is really there.
 *
 * Nothing here asks a question: onboarding plans the installs in its skills
 * step and runs them right after its apply phase; `openclaw skills install`
 * runs one directly.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { tildify } from "../config/paths.ts";
import { ensureDir, SECRET_DIR_MODE, SECRET_FILE_MODE } from "../platform/files.ts";
import type { Recipe } from "./model.ts";
import type { NodeManager } from "./node-manager.ts";
import { describeRecipe, installerHelp, installerOf, packageCommand } from "./recipes.ts";
import { findBin, toolsDir } from "./check.ts";
import { runDownload } from "./download.ts";
import { cli } from "../platform/invocation.ts";

/** One planned install: a skill's recipe, and the programs it should bring. */
export interface InstallItem {
  skill: string;
  recipe: Recipe;
  nodeManager: NodeManager;
  /** The programs that were missing; looked for again afterwards. */
  bins: string[];
}

export interface InstallResult {
  skill: string;
  recipe: string;
  kind: Recipe["kind"];
  /** What ran, e.g. `npm install --global @mermaid-js/mermaid-cli`. */
  command: string;
  ok: boolean;
  /** Why it failed (one line, no secrets: commands carry none). */
  error?: string;
  /** What to do about it. */
  hint?: string;
  /** Programs still missing after a successful run (e.g. not on PATH yet). */
  stillMissing?: string[];
}

export interface InstallEvents {
  start?(item: InstallItem, index: number, total: number): void;
  done?(result: InstallResult, index: number, total: number): void;
}

export interface InstallRun {
  results: InstallResult[];
  logPath: string;
}

export function installLogPath(paths: StatePaths): string {
  return `${paths.logsDir}/skills-install.log`;
}

export async function runInstalls(
  host: Host,
  paths: StatePaths,
  items: InstallItem[],
  events: InstallEvents = {},
): Promise<InstallRun> {
  const logPath = installLogPath(paths);
  const log = await openLog(logPath);
  const results: InstallResult[] = [];
  try {
    await log.write(`\n=== ${host.now().toISOString()} skills install (${items.length})\n`);
    for (const [i, item] of items.entries()) {
      events.start?.(item, i, items.length);
      let result: InstallResult;
      try {
        result = await installOne(host, paths, item, log.write);
      } catch (err) {
        // An unexpected failure (disk full, permissions) ends this install, not the others.
        result = {
          ...base(item),
          ok: false,
          error: err instanceof Error ? err.message : String(err),
          hint: `see ${tildify(logPath, host.home)}`,
        };
      }
      await log.write(
        `--- ${item.skill}: ${result.ok ? "ok" : "FAILED"}${
          result.error ? ` (${result.error})` : ""
        }\n`,
      );
      results.push(result);
      events.done?.(result, i, items.length);
    }
  } finally {
    log.close();
  }
  return { results, logPath };
}

function base(item: InstallItem): Omit<InstallResult, "ok"> {
  return {
    skill: item.skill,
    recipe: item.recipe.id ?? item.recipe.kind,
    kind: item.recipe.kind,
    command: describeRecipe(item.recipe, item.nodeManager),
  };
}

async function installOne(
  host: Host,
  paths: StatePaths,
  item: InstallItem,
  log: (text: string) => Promise<void>,
): Promise<InstallResult> {
  const installer = installerOf(item.recipe, item.nodeManager);
  await log(`>>> ${item.skill}: ${describeRecipe(item.recipe, item.nodeManager)}\n`);
  if (!(await host.which(installer))) {
    await log(`${installer} not found on PATH\n`);
    return {
      ...base(item),
      ok: false,
      error: `${installer} not found`,
      hint: installerHelp(installer),
    };
  }

  const cmd = packageCommand(item.recipe, item.nodeManager);
  if (cmd) {
    const r = await runLogged(host, cmd.cmd, cmd.args, log);
    if (r.code !== 0) {
      return {
        ...base(item),
        ok: false,
        error: `${cmd.cmd} exited with code ${r.code}${telling(r.stderr || r.stdout)}`,
        hint: failureHint(installer, r.stderr + r.stdout, item.skill),
      };
    }
  } else if (item.recipe.kind === "download") {
    const r = await runDownload(host, {
      recipe: item.recipe,
      targetDir: toolsDir(paths, item.skill),
      workDir: `${paths.stateDir}/tools`,
      run: (c, a) => runLogged(host, c, a, log),
      log,
    });
    if (!r.ok) return { ...base(item), ok: false, error: r.error, hint: r.hint };
  }

  const stillMissing: string[] = [];
  for (const b of item.bins) if (!(await findBin(host, paths, b, item.skill))) stillMissing.push(b);
  if (stillMissing.length > 0) {
    return {
      ...base(item),
      ok: true,
      stillMissing,
      hint: `installed, but ${stillMissing.join(", ")} is not on PATH yet: ` +
        pathHint(installer, item.recipe, host, paths, item.skill),
    };
  }
  return { ...base(item), ok: true };
}

async function runLogged(
  host: Host,
  cmd: string,
  args: string[],
  log: (text: string) => Promise<void>,
) {
  await log(`$ ${[cmd, ...args].join(" ")}\n`);
  let r;
  try {
    r = await host.run(cmd, args);
  } catch (err) {
    // The program was on PATH but could not start (permissions, broken link).
    r = { code: 127, stdout: "", stderr: err instanceof Error ? err.message : String(err) };
  }
  if (r.stdout) await log(r.stdout.endsWith("\n") ? r.stdout : `${r.stdout}\n`);
  if (r.stderr) await log(r.stderr.endsWith("\n") ? r.stderr : `${r.stderr}\n`);
  await log(`(exit ${r.code})\n`);
  return r;
}

/** The most telling line of a failed command's output (not npm's boilerplate or stack frames). */
export function telling(text: string): string {
  const lines = text.split("\n").map((l) => l.trim()).filter((l) =>
    l && !/^npm (notice|warn)/i.test(l) && !/A complete log of this run/i.test(l) &&
    !/^(npm error\s+)?at /.test(l) && !/^(npm error\s+)?[{}]$/.test(l)
  );
  const line = lines.find((l) => /Error:|ERR!|^Error\b/.test(l)) ?? lines.pop();
  return line ? `: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}` : "";
}

/** Known failure shapes get a precise fix; anything else points at the log. */
export function failureHint(installer: string, output: string, skill: string): string {
  if ((installer === "npm" || installer === "pnpm") && /EACCES|permission denied/i.test(output)) {
    return `${installer} cannot write to its global folder. Give it one in your home: ` +
      (installer === "npm"
        ? "`npm config set prefix ~/.local` and add ~/.local/bin to PATH"
        : "`pnpm setup`") +
      `, then run \`${cli(`skills install ${skill}`)}\` again`;
  }
  if (/E404|404 Not Found|No available formula|No formulae or casks found/i.test(output)) {
    return "the package was not found: the skill's install recipe may name the wrong package";
  }
  if (/ENOTFOUND|EAI_AGAIN|Could not resolve host|network/i.test(output)) {
    return "the registry could not be reached: check the network (or a proxy), then try again";
  }
  return `the full output is in the install log; run \`${
    cli(`skills install ${skill}`)
  }\` to retry`;
}

function pathHint(
  installer: string,
  recipe: Recipe,
  host: Host,
  paths: StatePaths,
  skill: string,
): string {
  if (recipe.kind === "download") {
    return `it was unpacked into ${tildify(toolsDir(paths, skill), host.home)}`;
  }
  if (installer === "npm") return "add the folder `npm prefix -g`/bin to PATH";
  if (installer === "pnpm") return "run `pnpm setup` and open a new shell";
  if (installer === "bun") return "add ~/.bun/bin to PATH";
  return "open a new shell, or add Homebrew's bin folder to PATH";
}

interface Log {
  write(text: string): Promise<void>;
  close(): void;
}

async function openLog(path: string): Promise<Log> {
  await ensureDir(path.slice(0, path.lastIndexOf("/")), SECRET_DIR_MODE);
  const file = await Deno.open(path, {
    create: true,
    append: true,
    mode: SECRET_FILE_MODE,
  });
  const enc = new TextEncoder();
  return {
    async write(text) {
      let bytes = enc.encode(text);
      while (bytes.length > 0) bytes = bytes.subarray(await file.write(bytes));
    },
    close: () => file.close(),
  };
}
