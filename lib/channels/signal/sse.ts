/**
 * Server-Sent Events, as signal-cli's daemon streams its incoming envelopes
 * at /api/v1/events: lines of `field: value`, an event ends at a blank
 * line, its `data:` lines joined with newlines. Comments (`:` lines, the
 * keep-alives) are skipped. An event larger than `maxEventBytes` is dropped
 * whole (reported through onOversize): a stream must not fill the memory.
 */

export async function* sseData(
  body: ReadableStream<Uint8Array>,
  maxEventBytes: number,
  onOversize: () => void = () => {},
): AsyncGenerator<string> {
  const decoder = new TextDecoderStream();
  const reader = body.pipeThrough(decoder).getReader();
  let pending = "";
  let data: string[] = [];
  let size = 0;
  let oversize = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) return;
      pending += value;
      if (pending.length > maxEventBytes && !pending.includes("\n")) {
        // One endless line: drop what came so far, keep dropping until its end.
        pending = "";
        oversize = true;
        continue;
      }
      let nl: number;
      while ((nl = pending.indexOf("\n")) !== -1) {
        const line = pending.slice(0, nl).replace(/\r$/, "");
        pending = pending.slice(nl + 1);
        if (line === "") {
          if (oversize) onOversize();
          else if (data.length) yield data.join("\n");
          data = [];
          size = 0;
          oversize = false;
          continue;
        }
        if (oversize || !line.startsWith("data:")) continue;
        const v = line.slice(5).replace(/^ /, "");
        size += v.length;
        if (size > maxEventBytes) {
          oversize = true;
          data = [];
        } else {
          data.push(v);
        }
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
