/**
 * Reading an HTTP answer whose size a remote party decides: at most
 * `maxBytes` are read, then the body is cancelled and an error says so. A
 * homeserver or daemon that sends without end must not fill the memory.
 */

export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${Math.round(maxBytes / 1024)} KiB`);
  }
}

/** The body as text, or BodyTooLarge once more than `maxBytes` arrived. */
export async function readBoundedText(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get("content-length"));
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new BodyTooLarge(maxBytes);
  }
  if (!res.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(all);
}

/** The body parsed as JSON; undefined when it is not JSON (the caller decides what that means). */
export async function readBoundedJson(res: Response, maxBytes: number): Promise<unknown> {
  const text = await readBoundedText(res, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
