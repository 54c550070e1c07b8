/**
 * wizard.lastRunCommit records the build: from a checkout, the commit git
 * reports for it (asked only when the config is written); in a compiled
 * binary, the commit scripts/compile.ts stamped into lib/version.ts.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { tempDir } from "../helpers/host.ts";
import { runCli } from "../e2e/cli.ts";
import { stampCommit, withStampedCommit } from "../../scripts/compile.ts";
import { COMMIT } from "../../lib/version.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const FLAGS = [
  "onboard",
  "--non-interactive",
  "--accept-risk",
  "--auth-choice",
  "skip",
  "--skip-health",
  "--skip-daemon",
  "--skip-channels",
  "--skip-skills",
];

Deno.test("from a checkout, onboarding stamps the checkout's commit", async () => {
  await using home = await tempDir();
  const git = await new Deno.Command("git", {
    args: ["rev-parse", "--short", "HEAD"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "null",
  }).output();
  const expected = new TextDecoder().decode(git.stdout).trim();
  assert.match(expected, /^[0-9a-f]{4,40}$/, "this test runs in a git checkout");
  const r = await runCli(FLAGS, { home: home.path });
  assert.equal(r.code, 0, r.stderr);
  const config = JSON.parse(await Deno.readTextFile(`${home.path}/.openclaw/openclaw.json`));
  assert.equal(config.wizard.lastRunCommit, expected);
});

Deno.test("a dry run does not ask git (nothing is written)", async () => {
  await using home = await tempDir();
  // No git on PATH: a dry run must not need it.
  const r = await runCli([...FLAGS, "--dry-run"], {
    home: home.path,
    env: { PATH: "/nonexistent" },
  });
  assert.equal(r.code, 0, r.stderr);
});

Deno.test("compile stamps the commit into lib/version.ts and restores it after", async () => {
  // The source says dev (unless a compile running beside this test has it stamped right now).
  assert.match(COMMIT, /^(dev|[0-9a-f]{4,40})$/);
  const real = await Deno.readTextFile(`${ROOT}/lib/version.ts`);
  assert.match(real, /^export const COMMIT: string = "[^"]*";$/m);
  const source = real.replace(/^(export const COMMIT: string = )"[^"]*";$/m, '$1"dev";');
  const stamped = stampCommit(source, "abc1234");
  assert.match(stamped, /export const COMMIT: string = "abc1234";/);
  assert.equal(stamped.replace("abc1234", "dev"), source, "only the commit changes");
  assert.throws(() => stampCommit("export const VERSION = 1;", "abc1234"), /COMMIT/);

  await using dir = await tempDir();
  await Deno.mkdir(`${dir.path}/lib`);
  await Deno.writeTextFile(`${dir.path}/lib/version.ts`, source);
  let during = "";
  await assert.rejects(
    withStampedCommit(dir.path, "def5678", async () => {
      during = await Deno.readTextFile(`${dir.path}/lib/version.ts`);
      throw new Error("compile failed");
    }),
    /compile failed/,
  );
  assert.match(during, /"def5678"/);
  assert.equal(await Deno.readTextFile(`${dir.path}/lib/version.ts`), source, "restored");
});
