import assert from "node:assert/strict";
import { resolveWorkspacePath, workspaceProblem } from "../../lib/config/workspace-path.ts";
import { workspaceValidator } from "../../lib/config/validators.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { tempDir, testHost } from "../helpers/host.ts";

const CTX = { home: "/home/ann", stateDir: "/home/ann/.openclaw" };

Deno.test("~ and relative paths resolve under HOME, never the working folder", () => {
  assert.equal(resolveWorkspacePath("ws", "/home/ann"), "/home/ann/ws");
  assert.equal(resolveWorkspacePath("./a/../b", "/home/ann"), "/home/ann/b");
  assert.equal(resolveWorkspacePath("~/ws/", "/home/ann"), "/home/ann/ws");
  assert.equal(resolveWorkspacePath("  /srv/ws  ", "/home/ann"), "/srv/ws");
});

Deno.test("system folders are refused, with a message saying what to do", () => {
  for (const p of ["/proc/self", "/etc", "/usr/local/x", "/var/lib/x", "/dev/shm", "/boot", "/"]) {
    const problem = workspaceProblem(p, CTX);
    assert.ok(problem, `${p} accepted`);
    assert.match(problem, /~\/\.openclaw\/workspace/);
  }
  assert.match(workspaceProblem("../../../etc", CTX)!, /system folder/);
  assert.match(workspaceProblem("/home", CTX)!, /shared/);
  assert.equal(workspaceProblem("/srv/agent", CTX), undefined);
  assert.equal(workspaceProblem("/tmp/agent-ws", CTX), undefined);
});

Deno.test("a home under /var (a service user) may hold a workspace", () => {
  const ctx = { home: "/var/lib/svc", stateDir: "/var/lib/svc/.openclaw" };
  assert.equal(workspaceProblem("ws", ctx), undefined);
  assert.match(workspaceProblem("/var/lib/other", ctx)!, /system folder/);
});

Deno.test("the state dir is refused except its own workspaces", () => {
  for (
    const p of [
      "~/.openclaw",
      "~/.openclaw/credentials",
      "~/.openclaw/agents/main",
      "~/.openclaw/agents/main/agent",
      "~/.openclaw/logs",
      "~",
    ]
  ) {
    assert.ok(workspaceProblem(p, CTX), `${p} accepted`);
  }
  for (
    const p of [
      "~/.openclaw/workspace",
      "~/.openclaw/workspace-work",
      "~/.openclaw/agents/work/workspace",
      "~/.openclaw/workspace/sub",
    ]
  ) {
    assert.equal(workspaceProblem(p, CTX), undefined, p);
  }
  assert.match(
    workspaceProblem("/home", { home: "/x/ann", stateDir: "/home/st" })!,
    /holds openclaw's state|shared/,
  );
  assert.match(
    workspaceProblem("/data", { home: "/x/ann", stateDir: "/data/st" })!,
    /holds openclaw's state/,
  );
});

Deno.test("the prompt's validator: a file, and a symlink into the state dir, are refused", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path });
  const paths = resolvePaths(host);
  await Deno.mkdir(`${paths.stateDir}/credentials`, { recursive: true });
  await Deno.writeTextFile(`${dir.path}/file`, "x");
  await Deno.symlink(`${paths.stateDir}/credentials`, `${dir.path}/sneaky`);
  const validate = workspaceValidator(host, paths);
  assert.match(validate("file")!, /not a folder/);
  assert.match(validate("~/sneaky")!, /leads to .*credentials.*state folder/);
  assert.equal(validate("fresh-ws"), undefined);
});
