/**
 * The agent (and the model library behind it) loads only when a turn is
 * made: no literal import chain from the program reaches lib/agent/create.ts,
 * and the two places that load it do so lazily: the gateway's agent source
 * (when the gateway starts or chat.send asks) and `openclaw agent` without a
 * gateway. So `--version`, `--help` and onboarding never pay for it.
 */
import assert from "node:assert/strict";
import { denoInfo, ROOT } from "../helpers/deno-info.ts";

Deno.test("lazy agent: only dynamic imports reach lib/agent/create.ts, from the two places that run turns", async () => {
  const { modules } = await denoInfo("main.ts");
  const rel = (s: string) => s.replace(`file://${ROOT}`, "");
  const importers = modules.flatMap((m) =>
    (m.dependencies ?? []).filter((d) => d.code?.specifier.endsWith("/lib/agent/create.ts"))
      .map((d) => ({ from: rel(m.specifier), dynamic: Boolean(d.isDynamic) }))
  );
  assert.deepEqual(importers.sort((a, b) => a.from.localeCompare(b.from)), [
    { from: "lib/cli/agent-run.ts", dynamic: true },
    { from: "lib/gateway/agent-source.ts", dynamic: true },
  ]);

  // And what main.ts reaches through literal static imports holds nothing of lib/agent but types.
  const byId = new Map(modules.map((m) => [m.specifier, m]));
  const seen = new Set<string>();
  const stack = [`file://${ROOT}main.ts`];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const d of byId.get(id)?.dependencies ?? []) {
      if (d.code && !d.isDynamic) stack.push(d.code.specifier);
    }
  }
  const agentModules = [...seen].map(rel).filter((s) => s.startsWith("lib/agent/"));
  assert.deepEqual(agentModules, []);
});
