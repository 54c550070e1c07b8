import assert from "node:assert/strict";
import { agentHarness } from "./harness.ts";
import type { RecordedRequest } from "./standins.ts";

/** Every tool result the model was sent, either wire format, as one string. */
function toolResults(req: RecordedRequest): string {
  return JSON.stringify(
    req.body.messages.filter((m: { role: string; content: unknown }) =>
      m.role === "tool" || (m.role === "user" && Array.isArray(m.content))
    ),
  );
}

for (const wire of ["anthropic", "openai"] as const) {
  Deno.test(`${wire}: the model writes a file through write_file and it appears in the workspace`, async () => {
    await using h = await agentHarness({ wire });
    h.model.reply(
      {
        toolCalls: [{ name: "write_file", input: { path: "notes/todo.md", content: "- otters" } }],
      },
      { text: "Written." },
    );
    const tools: string[] = [];
    const r = await h.agent.turn({
      message: "note otters",
      origin: { surface: "cli" },
      onToolCall: (n) => tools.push(n),
    });
    assert.equal(r.ok, true, r.text);
    assert.equal(r.text, "Written.");
    assert.equal(await Deno.readTextFile(`${h.workspace}/notes/todo.md`), "- otters");
    assert.deepEqual(tools, ["write_file"]);
    assert.equal(h.model.requests.length, 2);
    assert.ok(toolResults(h.model.requests[1]).includes("Wrote notes/todo.md"));
    // The tool is logged by name, its content is not.
    assert.ok(h.logs.some((l) => l.endsWith("tool write_file")));
    assert.ok(!h.logs.join("\n").includes("otters"));
  });
}

Deno.test("a path outside the workspace is refused and the model is told why", async () => {
  await using h = await agentHarness({ wire: "anthropic" });
  const outside = `${h.home}/outside.txt`;
  h.model.reply(
    { toolCalls: [{ name: "write_file", input: { path: "../../outside.txt", content: "x" } }] },
    { toolCalls: [{ name: "write_file", input: { path: outside, content: "x" } }] },
    { text: "Sorry." },
  );
  const r = await h.agent.turn({ message: "escape", origin: { surface: "cli" } });
  assert.equal(r.ok, true, r.text);
  await assert.rejects(() => Deno.stat(outside));
  for (const req of h.model.requests.slice(1)) {
    assert.match(toolResults(req), /Refused: .* is outside the workspace/);
  }
});

Deno.test("a symbolic link out of the workspace is refused for reading and for writing", async () => {
  await using h = await agentHarness({ wire: "openai" });
  const secretDir = `${h.home}/private`;
  await Deno.mkdir(secretDir);
  await Deno.writeTextFile(`${secretDir}/secret.txt`, "the-hidden-text");
  await Deno.symlink(secretDir, `${h.workspace}/link`);
  await Deno.symlink(`${secretDir}/secret.txt`, `${h.workspace}/file-link`);
  h.model.reply(
    {
      toolCalls: [
        { name: "read_file", input: { path: "file-link" } },
        { name: "write_file", input: { path: "link/new.txt", content: "x" } },
        { name: "list_files", input: { path: "link" } },
      ],
    },
    { text: "Could not." },
  );
  const r = await h.agent.turn({ message: "read it", origin: { surface: "cli" } });
  assert.equal(r.ok, true, r.text);
  const results = toolResults(h.model.requests[1]);
  assert.ok(!results.includes("the-hidden-text"));
  assert.equal(results.match(/outside the workspace \(through a symbolic link\)/g)?.length, 3);
  await assert.rejects(() => Deno.stat(`${secretDir}/new.txt`));
});

Deno.test("edit_file, read_file, list_files and delete_file work inside the workspace", async () => {
  await using h = await agentHarness({ wire: "anthropic", files: { "USER.md": "Name: ?" } });
  h.model.reply(
    {
      toolCalls: [{
        name: "edit_file",
        input: { path: "USER.md", old_text: "?", new_text: "Ada" },
      }],
    },
    { toolCalls: [{ name: "read_file", input: { path: "USER.md" } }] },
    { toolCalls: [{ name: "list_files", input: {} }] },
    { toolCalls: [{ name: "delete_file", input: { path: "memory" } }] },
    { text: "Done." },
  );
  const r = await h.agent.turn({ message: "I am Ada", origin: { surface: "cli" } });
  assert.equal(r.ok, true, r.text);
  assert.equal(await Deno.readTextFile(`${h.workspace}/USER.md`), "Name: Ada");
  assert.ok(toolResults(h.model.requests[2]).includes("Name: Ada"));
  assert.ok(toolResults(h.model.requests[3]).includes("memory/"));
  assert.ok(toolResults(h.model.requests[4]).includes("is a folder"));
  assert.ok((await Deno.stat(`${h.workspace}/memory`)).isDirectory);
});
