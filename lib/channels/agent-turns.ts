/**
 * The channels wired to the agent: an accepted DM becomes one agent turn
 * whose reply goes back to that chat, with "typing" shown (and repeated)
 * while the model works. One turn at a time per sender, in order; senders
 * do not wait for each other, and the polling loop never waits for a model.
 * Errors are the short text the agent gives (or a generic one); the gateway
 * keeps running. One log line per turn: who, how it ended, how long; never
 * the message or the reply.
 */
import type { Agent } from "../agent/types.ts";
import {
  type ChannelRuntimeOptions,
  type ChannelRuntimes,
  startChannelRuntimes,
} from "./runtime.ts";
import type { ChannelReplier, InboundMessage } from "./channel-runtime.ts";

/** Run `fn` every `ms` until the returned function is called (tests inject a manual one). */
export type Ticker = (ms: number, fn: () => void) => () => void;

export const realTicker: Ticker = (ms, fn) => {
  const t = setInterval(fn, ms);
  return () => clearInterval(t);
};

/** Telegram shows "typing" for about 5 s; renewing it every 4 s keeps it on without gaps. */
export const TYPING_EVERY_MS = 4000;

export interface AgentChannelsOptions extends Omit<ChannelRuntimeOptions, "onMessage"> {
  agent: { get(): Promise<Agent> };
  log: (line: string) => void;
  ticker?: Ticker;
}

export async function startAgentChannels(opts: AgentChannelsOptions): Promise<ChannelRuntimes> {
  const turns = new ChannelTurns(opts.agent, opts.log, opts.ticker ?? realTicker);
  const channels = await startChannelRuntimes({
    ...opts,
    onMessage: (m, reply) => turns.accept(m, reply),
  });
  return {
    started: channels.started,
    board: channels.board,
    stop: async () => {
      await channels.stop();
      await turns.stop();
    },
  };
}

export class ChannelTurns {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly stopper = new AbortController();

  constructor(
    private readonly agent: { get(): Promise<Agent> },
    private readonly log: (line: string) => void,
    private readonly ticker: Ticker,
  ) {}

  /** Queue the message's turn behind that sender's previous one; returns at once. */
  accept(m: InboundMessage, reply: ChannelReplier): void {
    const key = `${m.channel}:${m.senderId}`;
    const next = (this.queues.get(key) ?? Promise.resolve()).then(() => this.answer(m, reply));
    this.queues.set(key, next);
    void next.finally(() => this.queues.get(key) === next && this.queues.delete(key));
  }

  /** Cancel the turns running and wait for them to end. */
  async stop(): Promise<void> {
    this.stopper.abort();
    await Promise.allSettled([...this.queues.values()]);
  }

  private async answer(m: InboundMessage, reply: ChannelReplier): Promise<void> {
    const who = `${m.channel}: ${m.senderId}`;
    const signal = this.stopper.signal;
    if (signal.aborted) return;
    const started = performance.now();
    const typing = () => void reply.typing().catch(() => {});
    typing();
    const stopTyping = this.ticker(TYPING_EVERY_MS, typing);
    let text: string;
    let outcome: string;
    try {
      const agent = await this.agent.get();
      const result = await agent.turn({
        origin: { surface: m.channel, peerId: m.senderId },
        message: m.text,
        signal,
      });
      text = result.text.trim();
      outcome = result.ok ? "answered" : `turn failed (${result.error?.kind ?? "unknown"})`;
    } catch (err) {
      // The agent promises a result, not an exception; if one comes, the sender still hears back.
      this.log(`${who}: the agent failed: ${(err as Error)?.message ?? err}`);
      text = "Sorry, something went wrong on my side. Try again in a moment.";
      outcome = "turn failed (agent error)";
    } finally {
      stopTyping();
    }
    if (signal.aborted) return this.log(`${who}: turn stopped with the gateway`);
    const ms = Math.round(performance.now() - started);
    try {
      if (text) await reply.send(text);
      this.log(`${who}: ${outcome} in ${ms} ms${text ? "" : " (empty reply, nothing sent)"}`);
    } catch (err) {
      // A network error names the URL, and Telegram's URL holds the bot token.
      const why = String((err as Error)?.message ?? err).replace(/bot\d+:[\w-]+/g, "bot<token>");
      this.log(`${who}: ${outcome} in ${ms} ms, but sending failed: ${why}`);
    }
  }
}
