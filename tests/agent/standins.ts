/**
 * Model API stand-ins on 127.0.0.1 that speak the real wire formats, for the
 * agent's tests and the surfaces' (gateway chat.*, Telegram, Control UI,
 * `openclaw agent`):
 * - anthropicStandIn(): the Anthropic Messages API, POST /v1/messages, JSON
 *   or SSE streaming (`stream: true`), text and `tool_use` blocks;
 * - openaiStandIn(): an OpenAI-compatible Chat Completions API,
 *   POST /chat/completions (any prefix), JSON or streaming chunks, tool calls;
 * - tokenStandIn(): an OAuth token endpoint (refresh_token grant).
 * Each is scripted per test with a queue of replies (text, tool calls, an
 * HTTP error, or a hang that lasts until close()) and records every request
 * (method, path, headers, parsed body). Reach them through the documented
 * overrides: OPENCLAW_ANTHROPIC_BASE_URL=<base>/v1, OPENCLAW_<PROVIDER>_BASE_URL=<base>/v1
 * for an OpenAI-compatible provider (xai, …) or a models.providers.<id>.baseUrl,
 * OPENCLAW_OPENAI_OAUTH_TOKEN_URL=<token base>/oauth/token.
 */
import { serveLocal } from "../helpers/local-server.ts";

export type ScriptedReply =
  /** An answer; streamed in `chunks` (default: the text cut in two) when the request streams. */
  | { text: string; chunks?: string[] }
  /** The model asks for tools (with optional text before); the next request carries the results. */
  | { toolCalls: { name: string; input: Record<string, unknown> }[]; text?: string }
  /** An HTTP error with the provider's error body. */
  | { status: number; message?: string }
  /** Never answer: the request stays open until the client gives up or close() runs. */
  | { hang: true };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  // deno-lint-ignore no-explicit-any
  body: any;
}

export interface ModelStandIn extends AsyncDisposable {
  /** http://127.0.0.1:<port> (no path). */
  base: string;
  requests: RecordedRequest[];
  /** Queue replies, used one per model request in order; when empty, the answer is "ok". */
  reply(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

type Wire = (reply: ScriptedReply, body: RecordedRequest["body"], n: number) => Response;

function standIn(isModelPath: (path: string) => boolean, wire: Wire): ModelStandIn {
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ReadableStreamDefaultController<Uint8Array>>();
  let n = 0;
  const server = serveLocal(async (req) => {
    const url = new URL(req.url);
    const text = await req.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the raw text
    }
    requests.push({
      method: req.method,
      path: url.pathname,
      headers: Object.fromEntries(req.headers),
      body,
    });
    if (req.method !== "POST" || !isModelPath(url.pathname)) {
      return Response.json({ error: { message: "not found" } }, { status: 404 });
    }
    const reply = queue.shift() ?? { text: "ok" };
    if ("hang" in reply) {
      return new Response(
        new ReadableStream<Uint8Array>({
          start: (c) => void hanging.add(c),
          cancel: () => {},
        }),
        { headers: { "content-type": "text/event-stream" } },
      );
    }
    return wire(reply, body, ++n);
  });
  const close = async () => {
    for (const c of hanging) {
      try {
        c.close();
      } catch {
        // the client already went away
      }
    }
    await server.close();
  };
  return {
    base: server.base,
    requests,
    reply: (...r) => void queue.push(...r),
    close,
    [Symbol.asyncDispose]: close,
  };
}

const encoder = new TextEncoder();

function sseResponse(events: string[]): Response {
  return new Response(encoder.encode(events.join("")), {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}

function halves(text: string): string[] {
  const i = Math.ceil(text.length / 2);
  return text.length < 2 ? [text] : [text.slice(0, i), text.slice(i)];
}

// ---- Anthropic Messages API -------------------------------------------------------------

export function anthropicStandIn(): ModelStandIn {
  return standIn((p) => /\/v1\/messages$/.test(p), anthropicWire);
}

const anthropicWire: Wire = (reply, body, n) => {
  if ("status" in reply) {
    const type = reply.status === 401
      ? "authentication_error"
      : reply.status === 429
      ? "rate_limit_error"
      : reply.status === 400
      ? "invalid_request_error"
      : "api_error";
    return Response.json(
      { type: "error", error: { type, message: reply.message ?? `error ${reply.status}` } },
      { status: reply.status },
    );
  }
  if ("hang" in reply) throw new Error("unreachable");
  const model = String(body?.model ?? "claude-standin");
  const blocks: ({ type: "text"; text: string } | {
    type: "tool_use";
    id: string;
    name: string;
    input: Record<string, unknown>;
  })[] = [];
  if ("toolCalls" in reply) {
    if (reply.text) blocks.push({ type: "text", text: reply.text });
    reply.toolCalls.forEach((c, i) =>
      blocks.push({ type: "tool_use", id: `toolu_${n}_${i}`, name: c.name, input: c.input })
    );
  } else blocks.push({ type: "text", text: reply.text });
  const stopReason = "toolCalls" in reply ? "tool_use" : "end_turn";
  const usage = { input_tokens: 10, output_tokens: 5 };
  if (!body?.stream) {
    return Response.json({
      id: `msg_${n}`,
      type: "message",
      role: "assistant",
      model,
      content: blocks,
      stop_reason: stopReason,
      stop_sequence: null,
      usage,
    });
  }
  const ev = (type: string, data: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const events = [ev("message_start", {
    message: {
      id: `msg_${n}`,
      type: "message",
      role: "assistant",
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 0 },
    },
  })];
  blocks.forEach((b, index) => {
    if (b.type === "text") {
      events.push(ev("content_block_start", { index, content_block: { type: "text", text: "" } }));
      const pieces = !("toolCalls" in reply) && reply.chunks ? reply.chunks : halves(b.text);
      for (const text of pieces) {
        events.push(ev("content_block_delta", { index, delta: { type: "text_delta", text } }));
      }
    } else {
      events.push(ev("content_block_start", {
        index,
        content_block: { type: "tool_use", id: b.id, name: b.name, input: {} },
      }));
      for (const partial_json of halves(JSON.stringify(b.input))) {
        events.push(ev("content_block_delta", {
          index,
          delta: { type: "input_json_delta", partial_json },
        }));
      }
    }
    events.push(ev("content_block_stop", { index }));
  });
  events.push(ev("message_delta", {
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: 5 },
  }));
  events.push(ev("message_stop", {}));
  return sseResponse(events);
};

// ---- OpenAI-compatible Chat Completions -------------------------------------------------

export function openaiStandIn(): ModelStandIn {
  return standIn(
    (p) => /\/(chat\/completions|responses)$/.test(p),
    (reply, body, n) =>
      body && "input" in body ? responsesWire(reply, body, n) : openaiWire(reply, body, n),
  );
}

const openaiWire: Wire = (reply, body, n) => {
  if ("status" in reply) {
    const code = reply.status === 429
      ? "rate_limit_exceeded"
      : reply.status === 401
      ? "invalid_api_key"
      : reply.status === 400
      ? "context_length_exceeded"
      : "server_error";
    return Response.json(
      { error: { message: reply.message ?? `error ${reply.status}`, type: code, code } },
      { status: reply.status },
    );
  }
  if ("hang" in reply) throw new Error("unreachable");
  const model = String(body?.model ?? "gpt-standin");
  const id = `chatcmpl-${n}`;
  const created = 1_700_000_000;
  const toolCalls = "toolCalls" in reply
    ? reply.toolCalls.map((c, i) => ({
      id: `call_${n}_${i}`,
      type: "function",
      function: { name: c.name, arguments: JSON.stringify(c.input) },
    }))
    : undefined;
  const text = "toolCalls" in reply ? reply.text ?? "" : reply.text;
  const finish = toolCalls ? "tool_calls" : "stop";
  const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
  if (!body?.stream) {
    return Response.json({
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{
        index: 0,
        message: {
          role: "assistant",
          content: text || null,
          ...(toolCalls ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: finish,
      }],
      usage,
    });
  }
  const chunk = (delta: Record<string, unknown>, finish_reason: string | null = null) =>
    `data: ${
      JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created,
        model,
        choices: [{ index: 0, delta, finish_reason }],
      })
    }\n\n`;
  const events = [chunk({ role: "assistant", content: "" })];
  const pieces = !("toolCalls" in reply) && reply.chunks ? reply.chunks : text ? halves(text) : [];
  for (const content of pieces) events.push(chunk({ content }));
  toolCalls?.forEach((c, index) => {
    events.push(chunk({
      tool_calls: [{
        index,
        id: c.id,
        type: "function",
        function: { name: c.function.name, arguments: "" },
      }],
    }));
    for (const args of halves(c.function.arguments)) {
      events.push(chunk({ tool_calls: [{ index, function: { arguments: args } }] }));
    }
  });
  events.push(chunk({}, finish));
  events.push(
    `data: ${
      JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage })
    }\n\n`,
  );
  events.push("data: [DONE]\n\n");
  return sseResponse(events);
};

// ---- OpenAI Responses API (openai/* with an API key, and the ChatGPT/Codex endpoint) ------

const responsesWire: Wire = (reply, body, n) => {
  if ("status" in reply || "hang" in reply) return openaiWire(reply, body, n);
  const model = String(body?.model ?? "gpt-standin");
  const usage = {
    input_tokens: 10,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 5,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 15,
  };
  const response = (status: string, output: unknown[]) => ({
    id: `resp_${n}`,
    object: "response",
    created_at: 1_700_000_000,
    model,
    status,
    output,
    ...(status === "completed" ? { usage } : {}),
  });
  const text = "toolCalls" in reply ? reply.text ?? "" : reply.text;
  const items: Record<string, unknown>[] = [];
  if (text) {
    items.push({
      type: "message",
      id: `msg_${n}`,
      role: "assistant",
      status: "completed",
      content: [{ type: "output_text", text, annotations: [] }],
    });
  }
  if ("toolCalls" in reply) {
    reply.toolCalls.forEach((c, i) =>
      items.push({
        type: "function_call",
        id: `fc_${n}_${i}`,
        call_id: `call_${n}_${i}`,
        name: c.name,
        arguments: JSON.stringify(c.input),
        status: "completed",
      })
    );
  }
  if (!body?.stream) return Response.json(response("completed", items));
  const ev = (type: string, data: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const events = [ev("response.created", { response: response("in_progress", []) })];
  items.forEach((item, output_index) => {
    if (item.type === "message") {
      events.push(ev("response.output_item.added", {
        output_index,
        item: { ...item, status: "in_progress", content: [] },
      }));
      const pieces = !("toolCalls" in reply) && reply.chunks ? reply.chunks : halves(text);
      for (const delta of pieces) {
        events.push(ev("response.output_text.delta", {
          item_id: item.id,
          output_index,
          content_index: 0,
          delta,
        }));
      }
    } else {
      events.push(ev("response.output_item.added", {
        output_index,
        item: { ...item, arguments: "", status: "in_progress" },
      }));
      events.push(ev("response.function_call_arguments.delta", {
        item_id: item.id,
        output_index,
        delta: item.arguments,
      }));
    }
    events.push(ev("response.output_item.done", { output_index, item }));
  });
  events.push(ev("response.completed", { response: response("completed", items) }));
  return sseResponse(events);
};

// ---- OAuth token endpoint ---------------------------------------------------------------

export interface TokenStandIn extends AsyncDisposable {
  base: string;
  /** The form bodies of every request, as key → value. */
  requests: Record<string, string>[];
  close(): Promise<void>;
}

/** Answers POST /oauth/token with `answer` (or `status` when given). */
export function tokenStandIn(
  answer: Record<string, unknown>,
  status = 200,
): TokenStandIn {
  const requests: Record<string, string>[] = [];
  const server = serveLocal(async (req) => {
    requests.push(Object.fromEntries(new URLSearchParams(await req.text())));
    return Response.json(status === 200 ? answer : { error: "invalid_grant" }, { status });
  });
  const close = () => server.close();
  return { base: server.base, requests, close, [Symbol.asyncDispose]: close };
}

/** The text of every system prompt part of a recorded request, either wire format. */
export function systemTextOf(req: RecordedRequest): string {
  const sys = req.body?.system;
  if (typeof sys === "string") return sys;
  if (Array.isArray(sys)) return sys.map((b: { text?: string }) => b.text ?? "").join("\n");
  const msgs = (req.body?.messages ?? []) as { role: string; content: unknown }[];
  return msgs.filter((m) => m.role === "system" || m.role === "developer")
    .map((m) => typeof m.content === "string" ? m.content : JSON.stringify(m.content)).join("\n");
}
