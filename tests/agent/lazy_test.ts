/**
 * The model library loads only when a turn asks the model: `--version`,
 * `--help` and onboarding never pay for it. Only lib/agent/model-call.ts
 * names the library, and only turn.ts loads that module, with import().
 */
import assert from "node:assert/strict";

const LIB = new URL("../../lib/", import.meta.url).pathname;
const LIBRARY =
  /from\s+["'](ai|@ai-sdk\/[^"']+)["']|import\s*\(\s*["'](ai|@ai-sdk\/[^"']+)["']\s*\)/;

async function* sources(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const p = `${dir}${e.name}`;
    if (e.isDirectory) yield* sources(`${p}/`);
    else if (p.endsWith(".ts")) yield p;
  }
}

Deno.test("only model-call.ts names the model library, and nothing imports it statically", async () => {
  for await (const path of sources(LIB)) {
    const text = await Deno.readTextFile(path);
    const rel = path.slice(LIB.length);
    if (rel !== "agent/model-call.ts") {
      assert.ok(!LIBRARY.test(text), `${rel} imports the model library`);
    } else {
      assert.ok(!/^import\s+(?!type)[^;]*from\s+["'](ai|@ai-sdk\/)/m.test(text), rel);
    }
    assert.ok(
      !/^import\s+(?!type)[^;]*from\s+["'][^"']*model-call\.ts["']/m.test(text),
      `${rel} imports model-call.ts statically`,
    );
  }
});

Deno.test("preloadModelLibrary loads the library and every provider package without error", async () => {
  const { preloadModelLibrary } = await import("../../lib/agent/preload.ts");
  await preloadModelLibrary();
  // Loaded: the library's entry point is now in the module cache and resolves at once.
  const ai = await import("ai");
  assert.equal(typeof ai.streamText, "function");
});
