/**
 * Discord's REST rate limits as the channel keeps them: a route whose
 * X-RateLimit-Remaining reached 0 waits X-RateLimit-Reset-After before its
 * next request; a 429 waits its retry_after and is retried; a 401 is an error with its
 * status (the runtime stops on it), and no error text holds the token.
 */
import assert from "node:assert/strict";
import { DiscordApiError, DiscordRest } from "../../lib/channels/discord/rest.ts";
import { serveLocal } from "../helpers/local-server.ts";

const TOKEN = "rest-test-token";

/** A server answering each request with the next of `answers`, recording arrival times. */
function scripted(answers: (() => Response)[]) {
  const arrivals: { path: string; at: number }[] = [];
  const server = serveLocal((req) => {
    arrivals.push({ path: new URL(req.url).pathname, at: performance.now() });
    if (req.headers.get("authorization") !== `Bot ${TOKEN}`) {
      return Response.json({ message: "401: Unauthorized" }, { status: 401 });
    }
    return (answers.shift() ?? (() => Response.json({})))();
  });
  return { server, arrivals };
}

Deno.test("discord rest: a bucket at 0 remaining holds that route until it resets", async () => {
  const { server, arrivals } = scripted([
    () =>
      Response.json({}, {
        headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": "0.08" },
      }),
  ]);
  try {
    const rest = new DiscordRest(server.base, TOKEN);
    const signal = new AbortController().signal;
    await rest.createMessage("1", "one", signal);
    // Both at once: the held route waits for its reset, the other route goes first.
    await Promise.all([rest.createMessage("1", "two", signal), rest.typing("1", signal)]);
    const posts = arrivals.filter((a) => a.path.endsWith("/messages"));
    assert.equal(posts.length, 2);
    assert.ok(posts[1].at - posts[0].at >= 70, `waited ${posts[1].at - posts[0].at} ms`);
    assert.deepEqual(
      arrivals.map((a) => a.path.split("/").at(-1)),
      ["messages", "typing", "messages"],
      "the typing route did not wait behind the held one",
    );
  } finally {
    await server.close();
  }
});

Deno.test("discord rest: a global 429 is waited out (retry_after), then the request is retried", async () => {
  const { server, arrivals } = scripted([
    () =>
      Response.json({ message: "rate limited", retry_after: 0.08, global: true }, {
        status: 429,
        headers: { "X-RateLimit-Global": "true" },
      }),
  ]);
  try {
    const rest = new DiscordRest(server.base, TOKEN);
    const signal = new AbortController().signal;
    await rest.createMessage("1", "one", signal);
    assert.equal(arrivals.length, 2, "retried once");
    assert.ok(arrivals[1].at - arrivals[0].at >= 70, `waited ${arrivals[1].at - arrivals[0].at}`);
  } finally {
    await server.close();
  }
});

Deno.test("discord rest: a refused token is a 401 error that does not repeat the token", async () => {
  const { server } = scripted([]);
  try {
    const rest = new DiscordRest(server.base, "wrong-token-value");
    const err = await rest.gatewayBot(new AbortController().signal).catch((e) => e);
    assert.ok(err instanceof DiscordApiError);
    assert.equal(err.status, 401);
    assert.ok(!err.message.includes("wrong-token-value"));
  } finally {
    await server.close();
  }
});
