/**
 * The JSON WebSocket connection Slack and Mattermost share: frames that are
 * not JSON objects or too large are dropped, a socket closing before the
 * platform accepted it fails, a silent one ends (with an error or on
 * purpose, as the channel chose), and aborting ends it cleanly. Silence is
 * decided by a clock the test moves, not by waiting.
 */
import assert from "node:assert/strict";
import { serveLocal } from "../helpers/local-server.ts";
import { type JsonSocketOptions, serveJsonSocket } from "../../lib/channels/json-socket.ts";

/** A WebSocket server that sends `frames` once a client connects, then closes if `close`. */
function socketServer(frames: string[], close = false) {
  const server = serveLocal((req) => {
    const { socket, response } = Deno.upgradeWebSocket(req);
    socket.onopen = () => {
      for (const f of frames) socket.send(f);
      if (close) socket.close();
    };
    return response;
  });
  return { url: server.base.replace(/^http/, "ws"), [Symbol.asyncDispose]: () => server.close() };
}

function options(url: string, extra: Partial<JsonSocketOptions> = {}): JsonSocketOptions {
  return {
    url,
    signal: new AbortController().signal,
    now: () => 0,
    maxFrame: 100,
    notReady: "closed before hello",
    onFrame: () => {},
    ...extra,
  };
}

Deno.test("json socket: only JSON objects within the bound reach the channel", async () => {
  const big = JSON.stringify({ type: "big", pad: "x".repeat(200) });
  await using srv = socketServer(["not json", "[1,2]", big, '{"type":"hello"}'], true);
  const seen: unknown[] = [];
  await serveJsonSocket(options(srv.url, {
    onFrame: (f, ctl) => {
      seen.push(f);
      ctl.ready();
    },
  }));
  assert.deepEqual(seen, [{ type: "hello" }]);
});

Deno.test("json socket: closing before ready() fails with the channel's words", async () => {
  await using srv = socketServer([], true);
  await assert.rejects(serveJsonSocket(options(srv.url)), /closed before hello \(close code/);
});

Deno.test("json socket: a silent socket ends, on purpose or as a failure", async () => {
  await using srv = socketServer(['{"type":"hello"}']);
  let now = 0;
  const silent = (onSilence: "fail" | { close: string }) =>
    serveJsonSocket(options(srv.url, {
      now: () => now,
      onFrame: (_f, ctl) => {
        ctl.ready();
        now = 10_000; // long past silentMs: the next tick sees silence
      },
      keepalive: { everyMs: 5, silentMs: 1000, onSilence },
    }));
  assert.equal(await silent({ close: "refresh" }), "refresh");
  now = 0;
  await assert.rejects(silent("fail"), /went silent/);
});

Deno.test("json socket: aborting ends it and resolves", async () => {
  await using srv = socketServer(['{"type":"hello"}']);
  const stop = new AbortController();
  const ended = serveJsonSocket(options(srv.url, {
    signal: stop.signal,
    onFrame: (_f, ctl) => {
      ctl.ready();
      stop.abort();
    },
  }));
  assert.equal(await ended, undefined);
});
