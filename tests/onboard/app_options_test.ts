/**
 * The finish screen's app options (the reference's "summary and next steps,
 * including the app options"): the macOS, iOS and Android apps are named,
 * with what is true of them here.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { flagsRun, runWith } from "../auth/helpers.ts";

Deno.test("the finish screen names the macOS, iOS and Android apps", async () => {
  await using home = await tempDir();
  const out: string[] = [];
  const f = flagsRun({ authChoice: "skip" }, out);
  const r = await runWith(home.path, f.prompter, { raw: f.raw });
  assert.equal(r.code, 0);
  const text = (out.join("") + r.output).replace(/\s+/g, " ");
  const next = text.slice(text.indexOf("Next steps"));
  assert.match(next, /macOS/);
  assert.match(next, /iOS/);
  assert.match(next, /Android/);
  assert.match(next, /does not accept them yet/);
});
