/**
 * The two Mattermost REST v4 calls the runtime makes, with the bot token
 * as a Bearer header (never in a URL): who the bot is (GET /users/me) and
 * a post into a channel or thread (POST /posts).
 */
import type { MattermostBot } from "./events.ts";

/** Mattermost answered with an HTTP error; `status` says which. */
export class MattermostApiError extends Error {
  constructor(readonly status: number, what: string) {
    super(`Mattermost answered ${status} to ${what}`);
  }
}

/** Usernames: letters, digits and . _ - (the bot's goes into a pattern). */
const USERNAME = /^[a-z0-9._-]{1,64}$/i;

export class MattermostApi {
  constructor(private readonly base: string, private readonly token: string) {}

  /** The bot's id and username. */
  async me(signal: AbortSignal): Promise<MattermostBot> {
    const body = await this.call("GET", "/users/me", undefined, signal) as Record<string, unknown>;
    const id = typeof body?.id === "string" && /^[a-z0-9]{26}$/.test(body.id) ? body.id : "";
    const username = typeof body?.username === "string" && USERNAME.test(body.username)
      ? body.username
      : "";
    if (!id || !username) throw new Error("users/me did not name the bot");
    return { id, username };
  }

  async post(
    post: { channel_id: string; message: string; root_id?: string },
    signal: AbortSignal,
  ): Promise<void> {
    await this.call("POST", "/posts", post, signal);
  }

  private async call(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal,
  ): Promise<unknown> {
    const res = await fetch(`${this.base}/api/v4${path}`, {
      method,
      signal,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new MattermostApiError(res.status, `${method} /api/v4${path}`);
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`Mattermost's answer to ${method} /api/v4${path} is not JSON`);
    }
  }
}
