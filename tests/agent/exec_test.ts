import assert from "node:assert/strict";
import { agentHarness } from "./harness.ts";
import type { RecordedRequest } from "./standins.ts";
import type { CommandResult } from "../../lib/host.ts";

function toolNamesOffered(req: RecordedRequest): string[] {
  return (req.body.tools ?? []).map((t: { name?: string; function?: { name: string } }) =>
    t.name ?? t.function?.name
  );
}

const runLs = { toolCalls: [{ name: "exec", input: { command: "ls -la" } }] };

Deno.test("tools.exec off: the model is not offered exec and nothing runs", async () => {
  await using h = await agentHarness({ wire: "anthropic", config: { tools: { exec: "off" } } });
  h.model.reply({ text: "ok" });
  await h.agent.turn({ message: "run ls", origin: { surface: "cli" } });
  const offered = toolNamesOffered(h.model.requests[0]);
  assert.ok(offered.includes("write_file"));
  assert.ok(!offered.includes("exec"));
  assert.equal(h.host.calls.length, 0);
});

Deno.test("tools.exec on: the command runs in the workspace with the timeout, output capped", async () => {
  const runner = (): CommandResult => ({ code: 0, stdout: "x".repeat(5000), stderr: "" });
  await using h = await agentHarness({
    wire: "openai",
    config: { tools: { exec: "on", execTimeoutSeconds: 7, execMaxOutputChars: 1000 } },
    runner,
  });
  h.model.reply(runLs, { text: "Listed." });
  const r = await h.agent.turn({ message: "run ls", origin: { surface: "cli" } });
  assert.equal(r.ok, true, r.text);
  assert.equal(h.host.calls.length, 1);
  const call = h.host.calls[0];
  assert.deepEqual([call.cmd, call.args], ["sh", ["-c", "ls -la"]]);
  assert.equal(call.opts?.cwd, await Deno.realPath(h.workspace));
  assert.equal(call.opts?.timeoutMs, 7000);
  const result = JSON.stringify(h.model.requests[1].body.messages.at(-1));
  assert.ok(result.includes("exit code 0"));
  assert.ok(result.includes("x".repeat(1000)));
  assert.ok(!result.includes("x".repeat(1001)));
  assert.ok(result.includes("output cut: 4000 more characters"));
  assert.ok(h.logs.some((l) => l.endsWith("tool exec")));
  assert.ok(!h.logs.join("\n").includes("ls -la"));
});

Deno.test("tools.exec on: a command stopped at the timeout is reported as such", async () => {
  // The runner answers as the host does when it stops a program at its deadline (SIGTERM).
  await using h = await agentHarness({
    wire: "anthropic",
    config: { tools: { exec: "on", execTimeoutSeconds: 2 } },
    runner: () => ({ code: 143, stdout: "partial", stderr: "" }),
  });
  h.model.reply(runLs, { text: "It hung." });
  await h.agent.turn({ message: "run", origin: { surface: "cli" } });
  const result = JSON.stringify(h.model.requests[1].body.messages.at(-1));
  assert.ok(result.includes("stopped after 2 s"));
  assert.ok(result.includes("partial"));
});

Deno.test("tools.exec ask (the default): held until the owner replies /approve", async () => {
  await using h = await agentHarness({
    wire: "anthropic",
    runner: () => ({ code: 0, stdout: "file-a\nfile-b", stderr: "" }),
  });
  h.model.reply(runLs, { text: "May I run ls -la? Reply /approve." }, { text: "Two files." });
  const first = await h.agent.turn({ message: "what is here?", origin: { surface: "cli" } });
  assert.equal(first.text, "May I run ls -la? Reply /approve.");
  assert.equal(h.host.calls.length, 0);
  assert.ok(JSON.stringify(h.model.requests[1].body.messages.at(-1)).includes("/approve"));
  const second = await h.agent.turn({ message: "/approve", origin: { surface: "cli" } });
  assert.equal(second.text, "Two files.");
  assert.equal(h.host.calls.length, 1);
  assert.ok(JSON.stringify(h.model.requests[2].body.messages.at(-1)).includes("file-b"));
  const third = await h.agent.turn({ message: "/approve", origin: { surface: "cli" } });
  assert.equal(third.text, "Nothing is waiting for approval.");
  assert.equal(h.model.requests.length, 3);
});

Deno.test("tools.exec ask: /deny drops the held command without running it", async () => {
  await using h = await agentHarness({ wire: "openai" });
  h.model.reply(runLs, { text: "May I?" });
  await h.agent.turn({ message: "ls", origin: { surface: "telegram", peerId: "7" } });
  const r = await h.agent.turn({ message: "/deny", origin: { surface: "telegram", peerId: "7" } });
  assert.equal(r.text, "Dropped; the command was not run.");
  assert.equal(h.host.calls.length, 0);
});

Deno.test("tools.exec on: a command whose output never ends does not hold the turn", async () => {
  // What a background child holding the pipe looks like from here: the run never settles.
  await using h = await agentHarness({
    wire: "openai",
    config: { tools: { exec: "on", execTimeoutSeconds: 0.01 } },
    runner: () => new Promise<CommandResult>(() => {}),
  });
  h.model.reply(runLs, { text: "It hung." });
  const r = await h.agent.turn({ message: "run", origin: { surface: "cli" } });
  assert.equal(r.text, "It hung.");
  assert.ok(JSON.stringify(h.model.requests[1].body.messages.at(-1)).includes("in the background"));
});
