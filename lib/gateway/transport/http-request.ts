/**
 * Reading one HTTP/1.1 request head from a TCP connection, with a size cap
 * (a peer cannot make the gateway buffer an endless header). The caller
 * owns the time limit: it closes the connection when the head is late,
 * which ends the pending read. Bodies are never read: the gateway serves
 * only GET/HEAD and WebSocket upgrades, and answers with `Connection: close`.
 */

export interface RequestHead {
  method: string;
  /** The path of the request target, without the query. */
  path: string;
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
  const path = target.startsWith("/") ? target.split("?")[0] : pathOfAbsolute(target);
  return { method: m[1], path, headers };
}

/** An absolute-form target (`http://host/path`) names its path after the authority. */
function pathOfAbsolute(target: string): string {
  try {
    return new URL(target).pathname;
  } catch {
    throw new HttpRequestError(400, "Malformed request target.");
  }
}
