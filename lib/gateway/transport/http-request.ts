/**
 * Reading one HTTP/1.1 request head from a TCP connection, with a size cap
 * (a peer cannot make the gateway buffer an endless header). The caller
 * owns the time limit: it closes the connection when the head is late,
 * which ends the pending read. Bodies are read only for the webhook paths
 * channels add (readRequestBody: a Content-Length within a cap); every
 * exchange ends with `Connection: close`.
 */

export interface RequestHead {
  method: string;
  /** The path of the request target, without the query. */
  path: string;
  /** The query, without its "?" ("" when none). */
  query: string;
  headers: Headers;
}

/** A request the gateway refuses before it reaches a handler (400, 431). */
export class HttpRequestError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const CR = 13;
const LF = 10;
const decoder = new TextDecoder();

/**
 * Reads until the blank line that ends the head. Returns the head and the
 * bytes that came after it (the first WebSocket frames, for an upgrade), or
 * null when the peer closed (or the caller closed the connection) first.
 */
export async function readRequestHead(
  conn: Deno.Conn,
  maxBytes: number,
): Promise<{ head: RequestHead; rest: Uint8Array } | null> {
  const buf = new Uint8Array(maxBytes);
  let filled = 0;
  let scanned = 0;
  while (true) {
    if (filled === maxBytes) {
      throw new HttpRequestError(431, `Request header larger than ${maxBytes} bytes.`);
    }
    let n: number | null;
    try {
      n = await conn.read(buf.subarray(filled));
    } catch {
      return null;
    }
    if (n === null) return null;
    filled += n;
    const end = headEnd(buf, Math.max(0, scanned - 3), filled);
    if (end >= 0) {
      return {
        head: parseRequestHead(decoder.decode(buf.subarray(0, end))),
        rest: buf.slice(end + 4, filled),
      };
    }
    scanned = filled;
  }
}

/** Index of the CRLFCRLF that ends the head, searching buf[from..to), or -1. */
function headEnd(buf: Uint8Array, from: number, to: number): number {
  for (let i = buf.indexOf(CR, from); i >= 0 && i + 3 < to; i = buf.indexOf(CR, i + 1)) {
    if (buf[i + 1] === LF && buf[i + 2] === CR && buf[i + 3] === LF) return i;
  }
  return -1;
}

/** The request line and header fields; anything malformed is a 400. */
export function parseRequestHead(text: string): RequestHead {
  const [requestLine, ...lines] = text.split("\r\n");
  const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(requestLine);
  if (!m) throw new HttpRequestError(400, "Malformed request line.");
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(":");
    // Folded lines (leading whitespace) and nameless fields are refused, as RFC 9112 allows.
    if (colon <= 0 || line[0] === " " || line[0] === "\t") {
      throw new HttpRequestError(400, "Malformed header field.");
    }
    try {
      headers.append(line.slice(0, colon), line.slice(colon + 1).trim());
    } catch {
      throw new HttpRequestError(400, "Malformed header field.");
    }
  }
  const target = m[2];
  const [path, query] = target.startsWith("/") ? splitTarget(target) : ofAbsolute(target);
  return { method: m[1], path, query, headers };
}

function splitTarget(target: string): [string, string] {
  const q = target.indexOf("?");
  return q < 0 ? [target, ""] : [target.slice(0, q), target.slice(q + 1)];
}

/** An absolute-form target (`http://host/path?q`) names its path after the authority. */
function ofAbsolute(target: string): [string, string] {
  try {
    const u = new URL(target);
    return [u.pathname, u.search.slice(1)];
  } catch {
    throw new HttpRequestError(400, "Malformed request target.");
  }
}

/**
 * The body of a request whose head was read: exactly Content-Length bytes
 * (`rest` holds those that came with the head), at most `maxBytes`. A body
 * without a length (chunked) is refused with 411, a larger one with 413,
 * before it is read; the caller's time limit closes a slow one.
 */
export async function readRequestBody(
  conn: Deno.Conn,
  head: RequestHead,
  rest: Uint8Array,
  maxBytes: number,
): Promise<Uint8Array | null> {
  if (head.headers.has("transfer-encoding")) {
    throw new HttpRequestError(411, "Send the body with a Content-Length.");
  }
  const raw = head.headers.get("content-length") ?? "0";
  if (!/^\d{1,12}$/.test(raw)) throw new HttpRequestError(400, "Malformed Content-Length.");
  const length = Number(raw);
  if (length > maxBytes) {
    throw new HttpRequestError(413, `Request body larger than ${maxBytes} bytes.`);
  }
  const body = new Uint8Array(length);
  let filled = Math.min(rest.length, length);
  body.set(rest.subarray(0, filled));
  while (filled < length) {
    let n: number | null;
    try {
      n = await conn.read(body.subarray(filled));
    } catch {
      return null;
    }
    if (n === null) return null;
    filled += n;
  }
  return body;
}
