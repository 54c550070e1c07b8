/**
 * Writing one HTTP/1.1 response from a standard `Response`: the status
 * line, its headers, the real `content-length` (HEAD gets GET's headers and
 * no body), and `Connection: close` — every plain HTTP exchange ends the
 * connection, so no keep-alive state is kept per peer.
 */

const REASONS: Record<number, string> = {
  101: "Switching Protocols",
  200: "OK",
  400: "Bad Request",
  403: "Forbidden",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  411: "Length Required",
  413: "Content Too Large",
  426: "Upgrade Required",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

const encoder = new TextEncoder();

/** The bytes of a response; `withBody` false for HEAD (headers as for GET, no body). */
export async function serializeResponse(res: Response, withBody: boolean): Promise<Uint8Array> {
  const body = new Uint8Array(await res.arrayBuffer());
  let head = `HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ""}\r\n`;
  for (const [name, value] of res.headers) {
    if (name !== "content-length" && name !== "connection") head += `${name}: ${value}\r\n`;
  }
  head += `content-length: ${body.length}\r\nconnection: close\r\n\r\n`;
  const headBytes = encoder.encode(head);
  if (!withBody || body.length === 0) return headBytes;
  const out = new Uint8Array(headBytes.length + body.length);
  out.set(headBytes);
  out.set(body, headBytes.length);
  return out;
}

/** A short plain-text response (refusals). */
export function textResponse(status: number, text: string, headers: Record<string, string> = {}) {
  return new Response(text, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  });
}

/** Write every byte (a TCP write may take only part). */
export async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  while (bytes.length > 0) bytes = bytes.subarray(await conn.write(bytes));
}
