/**
 * The onboarding wizard over the gateway's wizard.* RPC, with a real
 * WebSocket client: a complete run writes the same config as the terminal
 * flow; stale step ids and invalid answers are refused (the step stays
 * pending with the error); secrets are not echoed; cancel; idle expiry; one
 * session at a time.
 */
import assert from "node:assert/strict";
import { RawClient, type TestGateway, testGateway, TOKEN } from "./harness.ts";
import { runOnboard } from "../../lib/onboard/run.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { ScriptedPrompter } from "../../lib/wizard/scripted-prompter.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import { exists } from "../e2e/cli.ts";
import { FakeClock, settle } from "../helpers/clock.ts";

const KEY = "sk-ant-api03-wizard-rpc-0123456789";

/** The advanced flow's answers, keyed by question id (the same for both runs). */
const ANSWERS: Record<string, unknown> = {
  "risk.accept": true,
  flow: "advanced",
  "auth.provider": "anthropic",
  "auth.method": "apiKey",
  "auth.anthropicApiKey": KEY,
  "auth.model": "anthropic/claude-sonnet-4-5",
  workspace: "~/agent-ws",
  "gateway.port": "19555",
  "gateway.bind": "lan",
  "gateway.auth": "password",
  "gateway.password": "a-long-gateway-password",
  "gateway.tailscale": "off",
  "channels.select": [],
  "daemon.install": false,
  "skills.nodeManager": "npm",
  "skills.install": [],
};

// deno-lint-ignore no-explicit-any -- RPC payloads are checked field by field
type Any = any;

async function connected(gw: TestGateway): Promise<RawClient> {
  const c = await RawClient.open(gw.url);
  assert.equal((await c.connect({ token: TOKEN })).ok, true);
  return c;
}

async function rpc(c: RawClient, method: string, params?: unknown): Promise<Any> {
  const res = await c.request(method, params);
  if (!res.ok) throw Object.assign(new Error(res.error.message), { code: res.error.code });
  return res.payload;
}

/** Answer every step from `answers` (notes acknowledged) until the session ends. */
async function drive(c: RawClient, view: Any, answers: Record<string, unknown>): Promise<Any> {
  const seen: Any[] = [];
  while (!view.done) {
    const step = view.step;
    seen.push(step);
    let value: unknown;
    if (step.type === "note") value = undefined;
    else if (step.questionId in answers) value = answers[step.questionId];
    else throw new Error(`unexpected question ${step.questionId}: ${step.message}`);
    view = await rpc(c, "wizard.next", {
      sessionId: view.sessionId,
      answer: { stepId: step.id, value },
    });
    assert.equal(
      view.step?.error,
      undefined,
      `answer to ${step.questionId} refused: ${view.step?.error}`,
    );
  }
  view.seen = seen;
  return view;
}

async function read(path: string, home: string): Promise<string> {
  return (await Deno.readTextFile(path)).replaceAll(home, "<HOME>");
}

Deno.test("a full onboarding over wizard.* writes the same files as the terminal flow", async () => {
  await using gw = await testGateway();
  await using c = await connected(gw);
  const start = await rpc(c, "wizard.start", {});
  assert.equal(start.status, "running");
  const end = await drive(c, start, ANSWERS);
  assert.equal(end.status, "done", end.error);
  assert.equal(end.message, "Onboarding complete.");
  assert.ok(end.output.join("\n").includes("--non-interactive"), "the equivalent command");

  // Steps carry their type, question id and options; a secret's step hides its value.
  const steps = end.seen as Any[];
  const bind = steps.find((s) => s.questionId === "gateway.bind");
  assert.equal(bind.type, "select");
  assert.ok(bind.options.some((o: Any) => o.value === "lan"));
  const pw = steps.find((s) => s.questionId === "gateway.password");
  assert.equal(pw.sensitive, true);
  assert.equal("initialValue" in pw, false);
  assert.ok(steps.some((s) => s.type === "note" && s.title === "Summary"));

  // The terminal flow with the same answers, in another temp HOME.
  await using other = await tempDir();
  const host = testHost({ home: other.path, env: { OPENCLAW_SKIP_AUTH_CHECK: "1" } });
  const paths = resolvePaths(host);
  const code = await runOnboard({
    host,
    paths,
    options: parseOnboardOptions({ skipHealth: true }),
    prompter: new ScriptedPrompter(ANSWERS),
    command: "onboard",
  });
  assert.equal(code, 0);
  assert.equal(
    await read(gw.paths.configPath, gw.home),
    await read(paths.configPath, other.path),
  );
  const profiles = (p: string) => `${p}/main/agent/auth-profiles.json`;
  assert.equal(
    await read(profiles(gw.paths.agentsDir), gw.home),
    await read(profiles(paths.agentsDir), other.path),
  );
  assert.ok(await exists(`${gw.home}/agent-ws/AGENTS.md`));
  const cfg = JSON.parse(await Deno.readTextFile(gw.paths.configPath));
  assert.equal(cfg.gateway.port, 19555);
  assert.equal(cfg.gateway.auth.mode, "password");
  // Nothing secret reached the gateway's log.
  const logs = gw.logs.join("\n");
  assert.ok(!logs.includes(KEY) && !logs.includes("a-long-gateway-password"), logs);
});

Deno.test("a stale step id is refused and the current step stays pending", async () => {
  await using gw = await testGateway();
  await using c = await connected(gw);
  const first = await rpc(c, "wizard.start", {});
  assert.equal(first.step.type, "note"); // the security note
  const second = await rpc(c, "wizard.next", {
    sessionId: first.sessionId,
    answer: { stepId: first.step.id },
  });
  assert.equal(second.step.questionId, "risk.accept");
  const stale = await c.request("wizard.next", {
    sessionId: first.sessionId,
    answer: { stepId: first.step.id, value: true },
  });
  assert.equal(stale.ok, false);
  assert.equal(stale.error.code, "STALE_STEP");
  const status = await rpc(c, "wizard.status", { sessionId: first.sessionId });
  assert.equal(status.step.id, second.step.id);
  const unknown = await c.request("wizard.status", { sessionId: "no-such-session" });
  assert.equal(unknown.error.code, "NOT_FOUND");
  await rpc(c, "wizard.cancel", { sessionId: first.sessionId });
});

Deno.test("an invalid answer keeps the step pending with the validator's message", async () => {
  await using gw = await testGateway();
  await using c = await connected(gw);
  let view = await rpc(c, "wizard.start", {});
  const answers: Record<string, unknown> = { ...ANSWERS };
  while (view.step.questionId !== "gateway.port") {
    const s = view.step;
    view = await rpc(c, "wizard.next", {
      sessionId: view.sessionId,
      answer: { stepId: s.id, value: s.type === "note" ? undefined : answers[s.questionId] },
    });
  }
  const portStep = view.step;
  const bad = await rpc(c, "wizard.next", {
    sessionId: view.sessionId,
    answer: { stepId: portStep.id, value: "70000" },
  });
  assert.equal(bad.step.id, portStep.id, "same step, still pending");
  assert.match(bad.step.error, /1 to 65535/);
  const wrongType = await rpc(c, "wizard.next", {
    sessionId: view.sessionId,
    answer: { stepId: portStep.id, value: 19000 },
  });
  assert.match(wrongType.step.error, /text/);
  const good = await rpc(c, "wizard.next", {
    sessionId: view.sessionId,
    answer: { stepId: portStep.id, value: "19000" },
  });
  assert.equal(good.step.questionId, "gateway.bind");
  const badOption = await rpc(c, "wizard.next", {
    sessionId: view.sessionId,
    answer: { stepId: good.step.id, value: "moon" },
  });
  assert.match(badOption.step.error, /Pick one of/);
  // "← Back" returns to the port question with the previous answer offered.
  const back = await rpc(c, "wizard.next", {
    sessionId: view.sessionId,
    answer: { stepId: good.step.id, back: true },
  });
  assert.equal(back.step.questionId, "gateway.port");
  assert.equal(back.step.initialValue, "19000");
  await rpc(c, "wizard.cancel", { sessionId: view.sessionId });
});

Deno.test("cancel ends the session, writes nothing, and frees the slot; one session at a time", async () => {
  await using gw = await testGateway();
  await using c = await connected(gw);
  const view = await rpc(c, "wizard.start", {});
  const busy = await c.request("wizard.start", {});
  assert.equal(busy.error.code, "BUSY");
  const cancelled = await rpc(c, "wizard.cancel", { sessionId: view.sessionId });
  assert.equal(cancelled.status, "cancelled");
  assert.equal(cancelled.done, true);
  assert.equal(await exists(gw.paths.configPath), false);
  assert.equal(await exists(gw.paths.lockPath), false, "the config lock is released");
  const again = await rpc(c, "wizard.start", {});
  assert.equal(again.status, "running");
  await rpc(c, "wizard.cancel", { sessionId: again.sessionId });
});

Deno.test("an idle session expires: cancelled, nothing written, a new one may start", async () => {
  const clock = new FakeClock();
  await using gw = await testGateway({ limits: { wizardIdleMs: 150 }, clock });
  await using c = await connected(gw);
  const view = await rpc(c, "wizard.start", {});
  await clock.advance(149);
  assert.equal((await rpc(c, "wizard.status", {})).active, true, "not expired before its time");
  await clock.advance(1);
  const st = await endOf(c, view.sessionId);
  assert.equal(st.status, "cancelled");
  assert.match(st.error, /expired/);
  const next = await c.request("wizard.next", {
    sessionId: view.sessionId,
    answer: { stepId: view.step.id },
  });
  assert.equal(next.ok, false);
  assert.equal(await exists(gw.paths.configPath), false);
  const fresh = await rpc(c, "wizard.start", {});
  assert.equal(fresh.status, "running");
  await rpc(c, "wizard.cancel", { sessionId: fresh.sessionId });
});

/** wizard.status once the session has ended (the expiry's cancel unwinds the flow first). */
async function endOf(c: RawClient, sessionId: string, timeoutMs = 5000): Promise<Any> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const st = await rpc(c, "wizard.status", { sessionId });
    if (st.status !== "running" || Date.now() > deadline) return st;
    await settle();
  }
}

async function lockReleased(gw: TestGateway, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (await exists(gw.paths.lockPath)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

Deno.test("when the client that started a session disconnects, the session is cancelled and the lock freed", async () => {
  await using gw = await testGateway();
  const a = await connected(gw);
  const view = await rpc(a, "wizard.start", {});
  assert.equal(view.status, "running");
  assert.equal(await exists(gw.paths.lockPath), true, "the running session holds the config lock");
  a.ws.close();
  await a.waitClosed();
  assert.equal(await lockReleased(gw), true, "the lock is released right away, not after 15 min");
  assert.equal(await exists(gw.paths.configPath), false, "nothing was written");
  await using b = await connected(gw);
  const fresh = await rpc(b, "wizard.start", {});
  assert.equal(fresh.status, "running");
  await rpc(b, "wizard.cancel", { sessionId: fresh.sessionId });
});

Deno.test("any authenticated client sees the active session in wizard.status and can cancel it", async () => {
  await using gw = await testGateway();
  await using a = await connected(gw);
  const view = await rpc(a, "wizard.start", {});
  await using b = await connected(gw);
  const st = await rpc(b, "wizard.status", {});
  assert.equal(st.active, true);
  assert.equal(st.sessionId, view.sessionId);
  assert.equal(st.status, "running");
  assert.equal(st.ownerConnected, true);
  assert.equal(typeof st.idleExpiresInMs, "number");
  const cancelled = await rpc(b, "wizard.cancel", {});
  assert.equal(cancelled.status, "cancelled");
  assert.equal(await lockReleased(gw), true);
  const none = await rpc(b, "wizard.status", {});
  assert.equal(none.active, false);
  const nothing = await b.request("wizard.cancel", {});
  assert.equal(nothing.error.code, "NOT_FOUND");
});

Deno.test("workspace answers: system folders and the state dir are refused; a relative path is under HOME", async () => {
  await using gw = await testGateway();
  await using c = await connected(gw);
  let view = await rpc(c, "wizard.start", {});
  while (view.step.questionId !== "workspace") {
    const s = view.step;
    view = await rpc(c, "wizard.next", {
      sessionId: view.sessionId,
      answer: { stepId: s.id, value: s.type === "note" ? undefined : ANSWERS[s.questionId] },
    });
  }
  const step = view.step;
  const refused: [string, RegExp][] = [
    ["/proc/self", /system folder/],
    ["/etc", /system folder/],
    ["/usr/local/ws", /system folder/],
    ["/", /not \/ or your home folder/],
    [gw.paths.stateDir, /openclaw's state folder/],
    [`${gw.paths.stateDir}/credentials`, /openclaw's state folder/],
    ["~/.openclaw/agents", /openclaw's state folder/],
  ];
  for (const [value, why] of refused) {
    const r = await rpc(c, "wizard.next", {
      sessionId: view.sessionId,
      answer: { stepId: step.id, value },
    });
    assert.equal(r.step?.id, step.id, `${value} was accepted`);
    assert.match(r.step.error, why, value);
  }
  const end = await drive(c, view, { ...ANSWERS, workspace: "rel-ws" });
  assert.equal(end.status, "done", end.error);
  const config = JSON.parse(await Deno.readTextFile(gw.paths.configPath));
  assert.equal(config.agents.defaults.workspace, `${gw.home}/rel-ws`);
  assert.ok(await exists(`${gw.home}/rel-ws`));
  assert.ok(!await exists(`${Deno.cwd()}/rel-ws`), "resolved against the gateway's folder");
});
