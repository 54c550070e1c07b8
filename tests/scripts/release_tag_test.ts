/** scripts/release-tag.ts: the release pipeline builds only a tag that names lib/version.ts's version. */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { tagFault } from "../../scripts/release-tag.ts";
import { VERSION } from "../../lib/version.ts";

const SCRIPT = fileURLToPath(new URL("../../scripts/release-tag.ts", import.meta.url));

Deno.test("release-tag: v<version> passes; another version, no v or a suffix is refused", () => {
  assert.equal(tagFault("v1.2.3", "1.2.3"), undefined);
  for (const tag of ["v1.2.4", "1.2.3", "v1.2.3-rc1", ""]) {
    assert.match(tagFault(tag, "1.2.3") ?? "", /must be "v1\.2\.3"/, tag);
  }
});

Deno.test("release-tag: prints version=<v> for $GITHUB_OUTPUT, or exits 1 saying why", async () => {
  const run = (tag: string) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", SCRIPT, tag],
      stdout: "piped",
      stderr: "piped",
    }).output();
  const good = await run(`v${VERSION}`);
  assert.equal(good.code, 0);
  assert.equal(new TextDecoder().decode(good.stdout), `version=${VERSION}\n`);
  const bad = await run("v999.0.0");
  assert.equal(bad.code, 1);
  assert.equal(new TextDecoder().decode(bad.stdout), "");
  assert.match(new TextDecoder().decode(bad.stderr), /release: the tag "v999\.0\.0" does not name/);
});
