/**
 * The command tree loads only the command a run names (lib/cli/program.ts), yet
 * help, suggestions and global options see every command as before.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { runCli } from "./cli.ts";
import { commandsFor } from "../../lib/cli/program.ts";

const ALL = [
  "onboard",
  "configure",
  "doctor",
  "reset",
  "agents",
  "agent",
  "gateway",
  "health",
  "status",
  "skills",
  "daemon",
  "uninstall",
  "channels",
  "pairing",
  "dashboard",
];

const names = (args: string[]) => commandsFor(args).map(([name]) => name);

Deno.test("commandsFor: the named command only, after any global options", () => {
  assert.deepEqual(names(["onboard"]), ["onboard"]);
  assert.deepEqual(names(["onboard", "--help"]), ["onboard"]);
  assert.deepEqual(names(["--profile", "work", "status", "--json"]), ["status"]);
  assert.deepEqual(names(["--profile=work", "--no-color", "gateway", "run"]), ["gateway"]);
  // A profile named like a command is the profile's value, not the command.
  assert.deepEqual(names(["--profile", "status", "doctor"]), ["doctor"]);
});

Deno.test("commandsFor: every command for help, no command or a misspelt one", () => {
  for (
    const args of [[], ["--help"], ["-h"], ["help", "onboard"], ["stauts"], ["--profile", "w"]]
  ) {
    assert.deepEqual(names(args), ALL, args.join(" "));
  }
});

Deno.test("--help still lists every command; a misspelt one still gets its suggestion", async () => {
  await using home = await tempDir();
  const help = await runCli(["--help"], { home: home.path });
  assert.equal(help.code, 0, help.stderr);
  for (const name of ALL) assert.match(help.stdout, new RegExp(`^  ${name}\\b`, "m"), name);

  const typo = await runCli(["--profile", "work", "stauts"], { home: home.path });
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /Did you mean status\?/);
});
