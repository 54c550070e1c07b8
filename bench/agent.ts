/**
 * The agent's figures for `deno task bench`: `openclaw gateway run` with a
 * model and the Telegram channel configured (against the Bot API stand-in
 * on 127.0.0.1), timed from spawn to "Gateway running"; its RSS once idle
 * with the agent built; and, one DM at a time, the time from the message
 * being offered to the bot to the first request the gateway makes for it
 * (to the model stand-in when one is given, else the reply to the chat).
 */
import { fileURLToPath } from "node:url";
import { dm, GOOD_TELEGRAM_TOKEN, telegramStandIn } from "../tests/channels/standins.ts";
import { freePort, percentile, rssMiB, waitForLine } from "./gateway.ts";
import { anthropicStandIn } from "../tests/agent/standins.ts";
import { writeAgentState } from "../tests/helpers/agent-state.ts";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const TOKEN = "bench-token-0123456789abcdef";

export interface AgentBenchResult {
  /** Spawn to "Gateway running" on stdout (ms). */
  readyMs: number;
  /** RSS 1 s after ready (the agent is built in the background by then), MiB. */
  rssIdleMiB: number | null;
  /** RSS after the messages (the model library loaded by the first turn), MiB. */
  rssAfterMiB: number | null;
  messages: number;
  /** What ends a latency sample: "model request" (the stand-in saw it) or "reply sent". */
  until: string;
  inboundP50Ms: number;
  inboundP99Ms: number;
}

/** A model API stand-in: its base URL, the env that points the gateway at it, and a request hook. */
export interface ModelStandIn extends AsyncDisposable {
  env: Record<string, string>;
  /** Resolves at the next request the stand-in receives. */
  nextRequest(): Promise<void>;
}

export interface AgentBenchOptions {
  messages: number;
  /** The model API stand-in the agent is pointed at (its env); absent: latency ends at the reply. */
  model?: ModelStandIn;
  /** Config keys added to the bench's (e.g. agents.defaults.workspace). */
  config?: Record<string, unknown>;
  /** Prepare the state folder before the gateway starts (auth profiles, workspace files). */
  setup?: (stateDir: string) => Promise<void>;
}

export async function benchAgent(
  env: Record<string, string>,
  opts: AgentBenchOptions,
): Promise<AgentBenchResult> {
  const home = await Deno.makeTempDir({ prefix: "openclaw-bench-agent-" });
  await using api = telegramStandIn();
  const port = freePort();
  await Deno.mkdir(`${home}/.openclaw`, { mode: 0o700 });
  await Deno.writeTextFile(
    `${home}/.openclaw/openclaw.json`,
    JSON.stringify({
      gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: TOKEN } },
      agents: { defaults: { model: "anthropic/claude-sonnet-4-5" } },
      channels: { telegram: { botToken: GOOD_TELEGRAM_TOKEN, dmPolicy: "open" } },
      ...opts.config,
    }),
    { mode: 0o600 },
  );
  await opts.setup?.(`${home}/.openclaw`);
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "gateway", "run"],
    env: {
      ...env,
      HOME: home,
      OPENCLAW_TELEGRAM_API_BASE: api.base,
      ...opts.model?.env,
    },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  try {
    await waitForLine(child.stdout, "Gateway running");
    const readyMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 1000));
    const rssIdleMiB = await rssMiB(child.pid);
    const samples: number[] = [];
    for (let i = 0; i < opts.messages + 3; i++) {
      const sentBefore = api.sent.length;
      const hop = opts.model
        ? opts.model.nextRequest()
        : api.waitForSend(() => api.sent.length > sentBefore, 30_000);
      const t = performance.now();
      api.push(dm(7001, `message ${i}`));
      await hop;
      // The first three warm the path (the agent's first turn builds what it caches).
      if (i >= 3) samples.push(performance.now() - t);
      // Let the reply go out before the next message, so turns do not queue behind each other.
      await api.waitForSend(() => api.sent.length > sentBefore, 30_000);
    }
    const rssAfterMiB = await rssMiB(child.pid);
    const round = (x: number) => Math.round(x * 100) / 100;
    return {
      readyMs: Math.round(readyMs),
      rssIdleMiB: rssIdleMiB === null ? null : round(rssIdleMiB),
      rssAfterMiB: rssAfterMiB === null ? null : round(rssAfterMiB),
      messages: opts.messages,
      until: opts.model ? "model request" : "reply sent",
      inboundP50Ms: round(percentile(samples, 50)),
      inboundP99Ms: round(percentile(samples, 99)),
    };
  } finally {
    try {
      child.kill("SIGTERM");
    } catch {
      // already gone
    }
    await child.status;
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
}

/**
 * The bench as the issue asks for it: the Anthropic Messages stand-in answering at once, an API
 * key profile and a workspace with SOUL.md; latency ends when the stand-in sees the request.
 */
export async function benchAgentWithModel(env: Record<string, string>): Promise<AgentBenchResult> {
  await using model = anthropicStandIn();
  const seen = () => model.requests.length;
  const stand: ModelStandIn = {
    env: { OPENCLAW_ANTHROPIC_BASE_URL: `${model.base}/v1` },
    nextRequest: async () => {
      const before = seen();
      const deadline = Date.now() + 30_000;
      while (seen() === before) {
        if (Date.now() > deadline) throw new Error("the model stand-in saw no request in 30 s");
        await new Promise((r) => setTimeout(r, 1));
      }
    },
    [Symbol.asyncDispose]: () => model.close(),
  };
  return await benchAgent(env, {
    messages: 50,
    model: stand,
    setup: async (state) => {
      await writeAgentState(state, { soul: "Be brief.", anthropicKey: "sk-ant-bench-0" });
    },
  });
}
