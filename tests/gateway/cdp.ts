/**
 * Headless Chromium driven over the DevTools protocol (its own WebSocket),
 * no library needed: launch with a fresh profile, open a page, evaluate
 * expressions in it, wait for conditions. The browser is killed and its
 * profile removed on dispose.
 */
export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export async function chromiumAvailable(): Promise<boolean> {
  try {
    return (await Deno.stat(CHROMIUM)).isFile;
  } catch {
    return false;
  }
}

export class Browser implements AsyncDisposable {
  private nextId = 1;
  private pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  readonly consoleErrors: string[] = [];

  private constructor(
    private readonly child: Deno.ChildProcess,
    private readonly profile: string,
    private readonly ws: WebSocket,
  ) {
    ws.onmessage = (e) => {
      const msg = JSON.parse(String(e.data));
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(msg.error.message));
        else p?.resolve(msg.result);
      } else if (msg.method === "Runtime.exceptionThrown") {
        this.consoleErrors.push(JSON.stringify(msg.params.exceptionDetails));
      }
    };
  }

  /** Launch Chromium on `url` and attach to its page. */
  static async open(url: string): Promise<Browser> {
    const profile = await Deno.makeTempDir({ prefix: "openclaw-chromium-" });
    const child = new Deno.Command(CHROMIUM, {
      args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, "--remote-debugging-port=0", url],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    try {
      const port = await devToolsPort(profile);
      const page = await pageTarget(port);
      const ws = new WebSocket(page.webSocketDebuggerUrl);
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = () => reject(new Error("could not attach to the page"));
      });
      const b = new Browser(child, profile, ws);
      await b.send("Runtime.enable");
      return b;
    } catch (err) {
      child.kill("SIGKILL");
      await child.status;
      await Deno.remove(profile, { recursive: true }).catch(() => {});
      throw err;
    }
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Evaluate an expression in the page (awaiting promises) and return its value. */
  // deno-lint-ignore no-explicit-any -- page values are checked by the tests
  async eval(expression: string): Promise<any> {
    const r = await this.send("Runtime.evaluate", {
      expression,
      awaitPromise: true,
      returnByValue: true,
    }) as { result: { value?: unknown }; exceptionDetails?: { text: string } };
    if (r.exceptionDetails) throw new Error(`page error: ${JSON.stringify(r.exceptionDetails)}`);
    return r.result.value;
  }

  /** Poll an expression until it is truthy. */
  // deno-lint-ignore no-explicit-any -- see eval
  async waitFor(expression: string, timeoutMs = 10_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const v = await this.eval(expression).catch(() => undefined);
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for: ${expression}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async [Symbol.asyncDispose]() {
    try {
      this.ws.close();
    } catch {
      // closed
    }
    try {
      this.child.kill("SIGKILL");
    } catch {
      // gone
    }
    await this.child.status;
    await Deno.remove(this.profile, { recursive: true }).catch(() => {});
  }
}

/** Chromium writes the port it picked into <profile>/DevToolsActivePort. */
async function devToolsPort(profile: string): Promise<number> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      const first = (await Deno.readTextFile(`${profile}/DevToolsActivePort`)).split("\n")[0];
      if (/^\d+$/.test(first)) return Number(first);
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("Chromium did not open its DevTools port within 20 s");
}

async function pageTarget(port: number): Promise<{ webSocketDebuggerUrl: string }> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    const page = list.find((t: { type: string }) => t.type === "page");
    if (page) return page;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("Chromium opened no page");
}
