import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { isBrokenPipe } from "../../lib/platform/broken-pipe.ts";

const MODULE = fileURLToPath(new URL("../../lib/platform/broken-pipe.ts", import.meta.url));

Deno.test("isBrokenPipe: Deno's BrokenPipe and node's EPIPE, nothing else", () => {
  assert.ok(isBrokenPipe(new Deno.errors.BrokenPipe("x")));
  assert.ok(isBrokenPipe(Object.assign(new Error("write EPIPE"), { code: "EPIPE" })));
  assert.ok(!isBrokenPipe(new Error("EPIPE")));
  assert.ok(!isBrokenPipe(Object.assign(new Error("x"), { code: "ENOENT" })));
  assert.ok(!isBrokenPipe(undefined));
});

Deno.test("an uncaught broken pipe (thrown or rejected) ends the program quietly", async () => {
  const script = `
    import { ignoreUncaughtBrokenPipe } from ${JSON.stringify(MODULE)};
    ignoreUncaughtBrokenPipe();
    Promise.reject(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    setTimeout(() => { throw new Deno.errors.BrokenPipe("Broken pipe (os error 32)"); }, 0);
    setTimeout(() => console.error("still here"), 10);
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(new TextDecoder().decode(out.stderr), "still here\n");
  assert.equal(out.code, 0);
});

Deno.test("other uncaught errors still crash loudly", async () => {
  const script = `
    import { ignoreUncaughtBrokenPipe } from ${JSON.stringify(MODULE)};
    ignoreUncaughtBrokenPipe();
    setTimeout(() => { throw new Error("real bug"); }, 0);
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.notEqual(out.code, 0);
  assert.match(new TextDecoder().decode(out.stderr), /real bug/);
});
