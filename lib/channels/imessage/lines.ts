/**
 * The lines of a byte stream (imsg's JSON-RPC: one object per line). A line
 * longer than `maxLine` is skipped whole rather than buffered without end.
 */
export async function* lines(
  stream: ReadableStream<Uint8Array>,
  maxLine = 1024 * 1024,
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffered = "";
  let skipping = false;
  for await (const chunk of stream) {
    buffered += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (!skipping) yield line;
      skipping = false;
    }
    if (buffered.length > maxLine) {
      buffered = "";
      skipping = true;
    }
  }
}
