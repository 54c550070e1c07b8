/**
 * Black-box: `onboard --dry-run` prints the plan with its secrets elided and
 * writes nothing at all — on a fresh HOME not even ~/.openclaw, on an
 * existing setup not a byte.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { allOutput, listDir, ONBOARD_FLAGS, runCli, snapshotTree, TEST_API_KEY } from "./cli.ts";
import { onboarded } from "../helpers/onboarded.ts";

Deno.test("dry run: the plan is printed, secrets elided, and HOME stays empty", async () => {
  await using home = await tempDir();
  const r = await runCli(["onboard", ...ONBOARD_FLAGS, "--dry-run"], { home: home.path });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!allOutput(r).includes(TEST_API_KEY), "the full API key was printed");
  assert.match(r.stdout, /Dry run: nothing was written/);
  assert.match(r.stdout, /auth-profiles\.json \(mode 600\)/);
  assert.match(r.stdout, /Workspace ~\/\.openclaw\/workspace with its first-run files/);
  assert.match(r.stdout, /Config ~\/\.openclaw\/openclaw\.json:/);
  assert.match(r.stdout, /gateway\.port = 18789/);
  assert.match(r.stdout, /gateway\.bind = "loopback"/);
  // The generated token is shown elided: a few characters, an ellipsis, the last four.
  assert.match(r.stdout, /gateway\.auth\.token = "…[0-9a-f]{4}"/);
  assert.doesNotMatch(allOutput(r), /[0-9a-f]{48}/, "a full gateway token was printed");
  assert.deepEqual(await listDir(home.path), [], "the dry run wrote into HOME");
});

Deno.test("dry run --json: a summary with dryRun true, no secret, HOME stays empty", async () => {
  await using home = await tempDir();
  const r = await runCli(["onboard", ...ONBOARD_FLAGS, "--dry-run", "--json"], {
    home: home.path,
  });
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.ok, true);
  assert.equal(summary.dryRun, true);
  assert.equal(summary.authChoice, "apiKey");
  assert.equal(summary.gateway.port, 18789);
  assert.equal(summary.configChanged, undefined);
  assert.ok(!allOutput(r).includes(TEST_API_KEY), "the full API key was printed");
  assert.doesNotMatch(allOutput(r), /[0-9a-f]{48}/, "a full gateway token was printed");
  assert.deepEqual(await listDir(home.path), [], "the dry run wrote into HOME");
});

Deno.test("dry run over an existing setup changes nothing, with or without --reset", async () => {
  await using home = await tempDir();
  await onboarded(home.path);
  const before = await snapshotTree(home.path);
  for (
    const extra of [
      ["--gateway-port", "19009", "--dry-run"],
      ["--reset-scope", "full", "--dry-run"],
    ]
  ) {
    const r = await runCli(["onboard", ...ONBOARD_FLAGS, ...extra], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!allOutput(r).includes(TEST_API_KEY));
    assert.deepEqual(await snapshotTree(home.path), before, `${extra.join(" ")} changed files`);
  }
});

Deno.test({
  name: "dry run: the plan names the API key in its elided …0000 form",
  fn: async () => {
    await using home = await tempDir();
    const r = await runCli(["onboard", ...ONBOARD_FLAGS, "--dry-run"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /…0000/);
    assert.ok(!allOutput(r).includes(TEST_API_KEY));
  },
});
