import assert from "node:assert/strict";
import { agentHarness } from "./harness.ts";
import { systemTextOf } from "./standins.ts";
import { seedWorkspace } from "../../lib/workspace/seed.ts";
import { pathExists } from "../../lib/platform/files.ts";

Deno.test("the BOOTSTRAP.md ritual: the agent fills IDENTITY.md and USER.md, then removes BOOTSTRAP.md", async () => {
  await using h = await agentHarness({ wire: "anthropic" });
  // A real first-run workspace, as onboarding seeds it.
  await Deno.remove(h.workspace, { recursive: true });
  await seedWorkspace(h.workspace);
  assert.ok(await pathExists(`${h.workspace}/BOOTSTRAP.md`));

  h.model.reply({ text: "Hi! I'm new here. What should I call you?" });
  await h.agent.turn({ message: "hello", origin: { surface: "telegram", peerId: "9" } });
  const first = systemTextOf(h.model.requests[0]);
  assert.ok(first.includes("## BOOTSTRAP.md"));
  assert.ok(first.includes("remove it with the delete_file tool"));

  h.model.reply(
    {
      toolCalls: [
        { name: "write_file", input: { path: "IDENTITY.md", content: "Name: Pebble 🦦" } },
        {
          name: "write_file",
          input: { path: "USER.md", content: "Name: Ada\nTimezone: Europe/Paris" },
        },
      ],
    },
    { toolCalls: [{ name: "delete_file", input: { path: "BOOTSTRAP.md" } }] },
    { text: "Nice to meet you, Ada. I'm Pebble." },
  );
  const r = await h.agent.turn({
    message: "Call me Ada, Paris time. You are Pebble, an otter.",
    origin: { surface: "telegram", peerId: "9" },
  });
  assert.equal(r.ok, true, r.text);
  assert.equal(await pathExists(`${h.workspace}/BOOTSTRAP.md`), false);
  assert.equal(await Deno.readTextFile(`${h.workspace}/IDENTITY.md`), "Name: Pebble 🦦");
  assert.match(await Deno.readTextFile(`${h.workspace}/USER.md`), /Ada/);

  h.model.reply({ text: "Morning, Ada." });
  await h.agent.turn({ message: "good morning", origin: { surface: "telegram", peerId: "9" } });
  const after = systemTextOf(h.model.requests.at(-1)!);
  assert.ok(!after.includes("## BOOTSTRAP.md"));
  assert.ok(after.includes("Name: Pebble"));
  assert.ok(after.includes("Timezone: Europe/Paris"));
});
