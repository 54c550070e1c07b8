/**
 * keepConnected: transient failures are retried after growing, jittered
 * waits that start over once a connection worked; a refused credential
 * stops the channel with one line and a stopped state; abort ends it.
 */
import assert from "node:assert/strict";
import { backoff, CredentialRejected, keepConnected } from "../../lib/channels/reconnect.ts";
import { ChannelStatusBoard } from "../../lib/channels/status-board.ts";
import type { ChannelEvent } from "../../lib/channels/channel-runtime.ts";

Deno.test("backoff: doubles up to the cap, each wait between half and all of it, reset starts over", () => {
  const low = backoff({ baseMs: 1000, maxMs: 8000, random: () => 0 });
  assert.deepEqual([1, 2, 3, 4, 5].map(() => low.next()), [500, 1000, 2000, 4000, 4000]);
  const high = backoff({ baseMs: 1000, maxMs: 8000, random: () => 0.999999 });
  assert.deepEqual([1, 2, 3, 4, 5].map(() => high.next()), [1000, 2000, 4000, 8000, 8000]);
  high.reset();
  assert.equal(high.next(), 1000);
});

Deno.test("keepConnected: retries transient errors, resets after a connection, stops on a refused credential", async () => {
  const board = new ChannelStatusBoard();
  const status = board.reporter("demo");
  const events: ChannelEvent[] = [];
  const waits: number[] = [];
  const script: (() => Promise<void> | void)[] = [];
  let attempt = 0;
  script.push(() => Promise.reject(new Error("ECONNRESET")));
  script.push(() => Promise.reject(new Error("502 from the platform")));
  script.push(() => {}); // connects (below), then the connection closes
  script.push(() => Promise.reject(new CredentialRejected("the bot token (401)")));
  await keepConnected({
    label: "Demo",
    signal: new AbortController().signal,
    status,
    emit: (e) => void events.push(e),
    fix: "Fix channels.demo.token.",
    backoff: backoff({ baseMs: 100, random: () => 0 }),
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    session: async (_signal, connected) => {
      const step = script[attempt++];
      if (attempt === 3) connected("as @demo");
      await step();
    },
  });
  assert.equal(attempt, 4);
  assert.deepEqual(waits, [50, 100, 50], "the third wait starts over after the connection");
  const [s] = board.snapshot();
  assert.equal(s.state, "stopped");
  assert.equal(
    s.detail,
    "Demo rejected the bot token (401); the Demo channel stopped. Fix channels.demo.token.",
  );
  const errors = events.filter((e) => e.type === "error").map((e) =>
    (e as { message: string }).message
  );
  assert.deepEqual(errors.slice(0, 2), [
    "Demo: ECONNRESET; reconnecting in 1 s",
    "Demo: 502 from the platform; reconnecting in 1 s",
  ]);
  assert.equal(errors.at(-1), s.detail);
});

Deno.test("keepConnected: an abort ends it at once, without an error line", async () => {
  const stopper = new AbortController();
  const events: ChannelEvent[] = [];
  const done = keepConnected({
    label: "Demo",
    signal: stopper.signal,
    status: new ChannelStatusBoard().reporter("demo"),
    emit: (e) => void events.push(e),
    fix: "",
    session: (signal, connected) => {
      connected();
      return new Promise((resolve) => signal.addEventListener("abort", () => resolve()));
    },
  });
  stopper.abort();
  await done;
  assert.deepEqual(events, []);
});
