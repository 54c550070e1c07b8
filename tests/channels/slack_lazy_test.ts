/**
 * The Slack SDK loads only when Slack runs: the one import of its packages
 * in the program is the dynamic one in lib/channels/slack/runtime.ts, so
 * `openclaw --help` and a gateway without Slack never load it.
 */
import assert from "node:assert/strict";
import { denoInfo, ROOT } from "../helpers/deno-info.ts";

Deno.test("lazy slack: only runtime.ts imports the Slack SDK, and only dynamically", async () => {
  const { modules } = await denoInfo("main.ts");
  const importers = modules.flatMap((m) =>
    (m.dependencies ?? []).filter((d) => d.code?.specifier.startsWith("npm:@slack/"))
      .map((d) => ({
        from: m.specifier.replace(`file://${ROOT}`, ""),
        what: d.specifier,
        dynamic: Boolean(d.isDynamic),
      }))
  );
  assert.deepEqual(importers, [
    { from: "lib/channels/slack/runtime.ts", what: "@slack/socket-mode", dynamic: true },
    { from: "lib/channels/slack/runtime.ts", what: "@slack/web-api", dynamic: true },
  ]);
});
