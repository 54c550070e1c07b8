/**
 * The few calls openclaw makes to a BlueBubbles server's REST API: ping,
 * server info, send a text. BlueBubbles takes its password as the
 * `password` query parameter on every call, so a URL here holds the
 * password: errors name the path only, never the URL.
 */

/** A message the server accepted answers within this; a hung server must not hold a turn forever. */
const CALL_TIMEOUT_MS = 30_000;

export class BlueBubblesApiError extends Error {
  constructor(readonly status: number, what: string) {
    super(what);
  }
}

export interface BlueBubblesServerInfo {
  server_version?: string;
  os_version?: string;
  private_api?: boolean;
}

export class BlueBubblesApi {
  constructor(
    private readonly serverUrl: string,
    private readonly password: string,
    private readonly newTempGuid: () => string,
  ) {}

  private async call<T>(
    method: "GET" | "POST",
    path: string,
    body: unknown,
    signal: AbortSignal,
  ): Promise<T> {
    const url = `${this.serverUrl.replace(/\/+$/, "")}${path}?password=${
      encodeURIComponent(this.password)
    }`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any([signal, AbortSignal.timeout(CALL_TIMEOUT_MS)]),
      });
    } catch (err) {
      if (signal.aborted) throw err;
      // fetch's message names the URL, and the URL holds the password: say what failed instead.
      throw new Error(
        `the BlueBubbles server did not answer ${method} ${path} (${errorName(err)})`,
      );
    }
    const data = await res.json().catch(() => undefined) as
      | { status?: number; message?: string; data?: T; error?: { message?: string } }
      | undefined;
    if (!res.ok) {
      const why = typeof data?.message === "string" ? `: ${data.message.slice(0, 200)}` : "";
      throw new BlueBubblesApiError(
        res.status,
        `BlueBubbles ${method} ${path} ${res.status}${why}`,
      );
    }
    return data?.data as T;
  }

  ping(signal: AbortSignal): Promise<unknown> {
    return this.call("GET", "/api/v1/ping", undefined, signal);
  }

  async serverInfo(signal: AbortSignal): Promise<BlueBubblesServerInfo> {
    const info = await this.call<BlueBubblesServerInfo>(
      "GET",
      "/api/v1/server/info",
      undefined,
      signal,
    );
    return info && typeof info === "object" ? info : {};
  }

  /**
   * Send a text into a chat. `tempGuid` is how BlueBubbles tells one send from
   * another (it de-duplicates by it), so each call gets a fresh one.
   */
  async sendText(chatGuid: string, text: string, signal: AbortSignal): Promise<void> {
    await this.call("POST", "/api/v1/message/text", {
      chatGuid,
      tempGuid: this.newTempGuid(),
      message: text,
    }, signal);
  }
}

function errorName(err: unknown): string {
  if (err instanceof DOMException && err.name === "TimeoutError") return "timed out";
  return err instanceof TypeError ? "connection failed" : (err as Error)?.name ?? "error";
}
