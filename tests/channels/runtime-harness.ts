/**
 * One or more channel runtimes, as the gateway runs them, against the
 * platforms' stand-ins: a temp HOME, the agent replaced by a FakeAgent,
 * every log line, event and state recorded. With `gateway: true` a real
 * gateway listens on 127.0.0.1 too, so a platform that pushes its events
 * (Google Chat, Teams, BlueBubbles) POSTs to the gateway's port exactly as
 * in production. Stop everything with `await using`.
 *
 *   await using run = await runChannels({ config: { channels: { slack: {...} } },
 *     apiBase: { slack: standIn.base } });
 *   const code = await run.pairingCode("slack", "U123");
 *   await run.approve("slack", code);
 */
import { realHost, whichOnPath } from "../../lib/host.ts";
import type { Host } from "../../lib/host.ts";
import { resolvePaths, type StatePaths } from "../../lib/config/paths.ts";
import { startAgentChannels } from "../../lib/channels/agent-turns.ts";
import type { ChannelEvent } from "../../lib/channels/channel-runtime.ts";
import type { ChannelId } from "../../lib/channels/registry.ts";
import { PairingStore } from "../../lib/channels/pairing-store.ts";
import type { ChannelState, ChannelStatus } from "../../lib/channels/status-board.ts";
import { ChannelStatusBoard } from "../../lib/channels/status-board.ts";
import { FakeAgent } from "../agent/fake-agent.ts";
import { type TestGateway, testGateway } from "../gateway/harness.ts";
import { testHost } from "../helpers/host.ts";

export interface RunChannelsOptions {
  config: { channels: Record<string, unknown> };
  apiBase?: Partial<Record<ChannelId, string>>;
  /** The runtime's environment (PATH for a stand-in CLI, OPENCLAW_*_API_BASE …). Nothing else leaks in. */
  env?: Record<string, string>;
  /** What the host says it runs on (iMessage needs "darwin"). */
  platform?: typeof Deno.build.os;
  agent?: FakeAgent;
  /** Start a real gateway too and give the channels its webhook paths. */
  gateway?: boolean;
  home?: string;
}

export interface RunningChannels extends AsyncDisposable {
  home: string;
  host: Host;
  paths: StatePaths;
  agent: FakeAgent;
  logs: string[];
  events: { channel: string; event: ChannelEvent }[];
  board: ChannelStatusBoard;
  /** The gateway (with `gateway: true`): POST webhooks to `${gateway.httpUrl}…`. */
  gateway?: TestGateway;
  started: string[];
  /** The code of the pairing request a sender got (waits for it). */
  pairingCode(channel: string, senderId?: string, timeoutMs?: number): Promise<string>;
  /** What `openclaw pairing approve <channel> <code>` does. */
  approve(channel: string, code: string): Promise<void>;
  /** Waits until the channel is in `state`; returns its status. */
  waitForState(channel: string, state: ChannelState, timeoutMs?: number): Promise<ChannelStatus>;
  /** Waits for an event of the channel matching `pred`. */
  waitForEvent(
    channel: string,
    pred: (e: ChannelEvent) => boolean,
    timeoutMs?: number,
  ): Promise<ChannelEvent>;
  stop(): Promise<void>;
}

export async function runChannels(opts: RunChannelsOptions): Promise<RunningChannels> {
  const home = opts.home ?? await Deno.makeTempDir({ prefix: "openclaw-chan-" });
  const env = opts.env ?? {};
  const real = realHost();
  const host: Host = {
    ...real,
    home,
    platform: opts.platform ?? real.platform,
    env: (name) => name === "HOME" ? home : env[name],
    // `which` over the given PATH only (a stand-in CLI's folder), never the machine's.
    which: (cmd) => whichOnPath(cmd, env.PATH ?? ""),
  };
  const paths = resolvePaths(testHost({ home }));
  const agent = opts.agent ?? new FakeAgent();
  const logs: string[] = [];
  const events: { channel: string; event: ChannelEvent }[] = [];
  const gateway = opts.gateway ? await testGateway({ home, wizard: null }) : undefined;
  const board = gateway?.channels ?? new ChannelStatusBoard();
  const channels = await startAgentChannels({
    config: opts.config,
    paths,
    host,
    apiBase: opts.apiBase,
    agent: { get: () => Promise.resolve(agent) },
    log: (l) => void logs.push(l),
    // Typing is sent once per turn; no timer repeats it during a test.
    ticker: () => () => {},
    onEvent: (channel, event) => void events.push({ channel, event }),
    board,
    webhooks: gateway?.webhooks,
  });
  const store = new PairingStore(host, paths);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await channels.stop();
    await gateway?.[Symbol.asyncDispose]();
    if (!opts.home) await Deno.remove(home, { recursive: true }).catch(() => {});
  };
  const waitForEvent = (channel: string, pred: (e: ChannelEvent) => boolean, timeoutMs = 8000) =>
    poll(
      () => events.find((e) => e.channel === channel && pred(e.event))?.event,
      timeoutMs,
      () => `no matching ${channel} event; got:\n${describe(events, logs)}`,
    );
  return {
    home,
    host,
    paths,
    agent,
    logs,
    events,
    board,
    gateway,
    started: channels.started,
    pairingCode: async (channel, senderId, timeoutMs) => {
      const e = await waitForEvent(
        channel,
        (e) => e.type === "pairing-sent" && (!senderId || e.senderId === senderId),
        timeoutMs,
      );
      return (e as { code: string }).code;
    },
    approve: async (channel, code) => void await store.approve(channel, code),
    waitForState: (channel, state, timeoutMs = 8000) =>
      poll(
        () => board.snapshot().find((s) => s.channel === channel && s.state === state),
        timeoutMs,
        () =>
          `${channel} never became ${state}: ${JSON.stringify(board.snapshot())}\n${
            describe(events, logs)
          }`,
      ),
    waitForEvent,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

function describe(events: { channel: string; event: ChannelEvent }[], logs: string[]): string {
  return [...events.map((e) => `${e.channel}: ${JSON.stringify(e.event)}`), ...logs].join("\n");
}

async function poll<T>(get: () => T | undefined, timeoutMs: number, why: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const hit = get();
    if (hit !== undefined) return hit;
    if (Date.now() > deadline) throw new Error(why());
    await new Promise((r) => setTimeout(r, 20));
  }
}
