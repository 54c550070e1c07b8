/**
 * HTTP paths on the gateway's port for platforms that push their events
 * (Google Chat, Microsoft Teams, BlueBubbles). A channel adds its path when
 * it starts and removes it when it stops; the server answers a POST to a
 * path in this table with the channel's handler, after reading a bounded
 * body. These requests come from the platform (often through Tailscale
 * funnel or a reverse proxy, under a public Host name), not from a browser,
 * so the Control UI's Host/Origin guards do not apply: each handler
 * authenticates the request itself (a signed token, a password), before it
 * looks at anything else.
 */

/** One pushed request, body read. Everything in it is untrusted. */
export interface WebhookRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: Uint8Array;
  remoteAddr: string;
}

export type WebhookHandler = (req: WebhookRequest) => Promise<Response>;

/** Platforms' events are small; a larger body is refused before it is read. */
export const DEFAULT_WEBHOOK_MAX_BODY = 1024 * 1024;

export interface WebhookRoute {
  path: string;
  handler: WebhookHandler;
  maxBodyBytes: number;
}

/** What a channel sees: add a path, get back how to remove it. */
export interface WebhookRoutes {
  add(path: string, handler: WebhookHandler, opts?: { maxBodyBytes?: number }): () => void;
}

export class WebhookTable implements WebhookRoutes {
  private readonly routes = new Map<string, WebhookRoute>();

  add(path: string, handler: WebhookHandler, opts: { maxBodyBytes?: number } = {}): () => void {
    const key = normalize(path);
    if (this.routes.has(key)) {
      // Two channels on one path would each see the other's events: refuse the second.
      throw new Error(`the gateway path ${key} is already taken by another channel`);
    }
    const route = {
      path: key,
      handler,
      maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY,
    };
    this.routes.set(key, route);
    return () => {
      if (this.routes.get(key) === route) this.routes.delete(key);
    };
  }

  match(path: string): WebhookRoute | undefined {
    return this.routes.get(normalize(path));
  }

  paths(): string[] {
    return [...this.routes.keys()];
  }
}

/** "/googlechat/" and "/googlechat" are the same path. */
function normalize(path: string): string {
  const p = path.startsWith("/") ? path : `/${path}`;
  return p.length > 1 ? p.replace(/\/+$/, "") : p;
}
