/**
 * The command tree. Each command lives in its own file and loads what it
 * needs when it runs; this file only wires commander, the global flags and
 * the one error handler that turns typed errors into messages and exit codes.
 */
import { Command, CommanderError } from "commander";
import { VERSION } from "../version.ts";
import { describeUnexpected, OpenclawError } from "../errors.ts";
import { HomeMissingError, realHost, writeAll } from "../host.ts";
import { isBrokenPipe } from "../platform/broken-pipe.ts";

export interface GlobalOptions {
  profile?: string;
  color: boolean;
  /** --secrets-file of the commands that take secrets (lib/cli/secret-inputs.ts). */
  secretsFile?: string;
}

/** Adds one top-level command (and its subcommands) to the program. */
type Register = (program: Command, setExit: (code: number) => void) => Command;

/**
 * Every top-level command, in `--help` order, each loaded only when wanted: compiling every
 * command's module (and what it imports) cost ~30 ms of each start, though a run needs one.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ["onboard", async () => (await import("./onboard.ts")).registerOnboard],
  ["configure", async () => (await import("./configure.ts")).registerConfigure],
  ["doctor", async () => (await import("./doctor.ts")).registerDoctor],
  ["reset", async () => (await import("./reset.ts")).registerReset],
  ["agents", async () => (await import("./agents.ts")).registerAgents],
  ["agent", async () => (await import("./agent.ts")).registerAgent],
  ["gateway", async () => (await import("./gateway.ts")).registerGateway],
  ["health", async () => (await import("./health.ts")).registerHealth],
  ["status", async () => (await import("./status.ts")).registerStatus],
  ["skills", async () => (await import("./skills.ts")).registerSkills],
  ["daemon", async () => (await import("./daemon.ts")).registerDaemon],
  ["uninstall", async () => (await import("./uninstall.ts")).registerUninstall],
  ["channels", async () => (await import("./channels.ts")).registerChannels],
  ["pairing", async () => (await import("./pairing.ts")).registerPairing],
  ["dashboard", async () => (await import("./dashboard.ts")).registerDashboard],
];

/** The global options that take a value (the next argument, or after `=`). */
const GLOBAL_VALUE_OPTIONS = ["--profile"];
const GLOBAL_FLAGS = ["--no-color"];

/**
 * The commands this run needs: only the named one when the first word after the global
 * options is a command; every one otherwise (help, no command, a misspelt one, whose
 * suggestion needs the whole tree).
 */
export function commandsFor(args: readonly string[]): typeof COMMANDS {
  let i = 0;
  while (i < args.length) {
    const a = args[i];
    if (GLOBAL_FLAGS.includes(a)) i += 1;
    else if (GLOBAL_VALUE_OPTIONS.includes(a)) i += 2;
    else if (GLOBAL_VALUE_OPTIONS.some((o) => a.startsWith(`${o}=`))) i += 1;
    else break;
  }
  const named = COMMANDS.find(([name]) => name === args[i]);
  return named ? [named] : COMMANDS;
}

/** What a command action returns: its exit code. */
export type ActionResult = Promise<number>;

export async function runCli(args: string[]): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => void (exitCode = code);
  const program = new Command("openclaw")
    .description("Set up and run your personal AI gateway.")
    .version(VERSION, "-V, --version", "print the version")
    .option("--profile <name>", "keep state under ~/.openclaw-<name> instead of ~/.openclaw")
    .option("--no-color", "no colours in output (also: NO_COLOR=1)")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => writeAll(Deno.stdout, s),
      writeErr: (s) => writeAll(Deno.stderr, s),
    })
    .hook("preAction", (cmd, action) => {
      const globals = cmd.optsWithGlobals() as GlobalOptions;
      if (!globals.color) Deno.env.set("NO_COLOR", "1");
      // Tests check that every command openclaw prints parses against this very tree
      // (commands, flags, arguments) without running it: a gateway would never end.
      if (Deno.env.get("OPENCLAW_PARSE_ONLY") === "1") throw new ParsedOnly(commandPath(action));
    });

  const registers = await Promise.all(commandsFor(args).map(([, load]) => load()));
  for (const register of registers) {
    const cmd = register(program, setExit);
    cmd.exitOverride().configureOutput(program.configureOutput());
  }

  try {
    await program.parseAsync(args, { from: "user" });
    return exitCode;
  } catch (err) {
    return handleError(err);
  }
}

/** Thrown instead of running the action when OPENCLAW_PARSE_ONLY=1. */
class ParsedOnly extends Error {}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

function handleError(err: unknown): number {
  if (err instanceof ParsedOnly) {
    console.log(`parsed: ${err.message}`);
    return 0;
  }
  if (err instanceof CommanderError) {
    if (
      err.code === "commander.helpDisplayed" || err.code === "commander.version" ||
      err.code === "commander.help"
    ) {
      return 0;
    }
    // commander already printed the message; usage errors exit 2.
    return 2;
  }
  if (err instanceof OpenclawError) {
    if (err.message) console.error(err.message);
    return err.exitCode;
  }
  // Nobody reads our output any more (`| head`): nothing to report, and no one to report it to.
  if (isBrokenPipe(err)) return 0;
  if (err instanceof HomeMissingError) {
    console.error(err.message);
    return err.exitCode;
  }
  console.error(`openclaw: unexpected error\n${describeUnexpected(err)}`);
  return 1;
}

/** The host and state paths every command starts from, honouring --profile. */
export async function commandSetup(cmd: Command) {
  const globals = cmd.optsWithGlobals() as GlobalOptions;
  const { resolvePaths, validateProfileName } = await import("../config/paths.ts");
  if (globals.profile !== undefined) {
    const problem = validateProfileName(globals.profile);
    if (problem) {
      const { UsageError } = await import("../errors.ts");
      throw new UsageError(`--profile: ${problem}`, ["--profile"]);
    }
  }
  let host = realHost();
  if (globals.secretsFile !== undefined) {
    const { withSecretsFile } = await import("./secrets-file.ts");
    host = await withSecretsFile(host, globals.secretsFile);
  }
  // Every command printed from here on starts the way this one was started.
  const [{ detectInvocation, setInvocation }, { currentRuntime }] = await Promise.all([
    import("../platform/invocation.ts"),
    import("../daemon/command.ts"),
  ]);
  setInvocation(
    await detectInvocation(host, currentRuntime(), globals.profile).catch(() => ({
      kind: "path" as const,
      prefix: "openclaw",
      profile: globals.profile,
    })),
  );
  return { host, paths: resolvePaths(host, globals.profile), globals };
}
