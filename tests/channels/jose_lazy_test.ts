/**
 * jose (the JWT library Google Chat and Teams verify their webhooks with)
 * loads only when one of them runs: the one import that brings its code is
 * the dynamic one in lib/channels/signed-webhook.ts, so `openclaw --help`
 * and a gateway without those channels never load it.
 */
import assert from "node:assert/strict";
import { denoInfo, ROOT } from "../helpers/deno-info.ts";

Deno.test("lazy jose: only a dynamic import in signed-webhook.ts brings its code", async () => {
  const { modules } = await denoInfo("main.ts");
  const rel = (s: string) => s.replace(`file://${ROOT}`, "");
  const importers = modules.flatMap((m) =>
    (m.dependencies ?? []).filter((d) => d.code?.specifier.startsWith("npm:jose@"))
      .map((d) => ({ from: rel(m.specifier), dynamic: Boolean(d.isDynamic) }))
  );
  assert.deepEqual(importers, [{ from: "lib/channels/signed-webhook.ts", dynamic: true }]);
});
