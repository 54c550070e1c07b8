/**
 * Teams' answering side: the Bot Connector at the service URL each activity
 * came with, called with an access token from Microsoft Entra (client
 * credentials: the app id and client secret, scope
 * https://api.botframework.com/.default, kept until it nearly expires). A
 * reply or a typing indicator is `POST {serviceUrl}/v3/conversations/{id}/activities`.
 * An app id or secret Entra refuses is a CredentialRejected.
 */
import { requestToken, TokenCache } from "../oauth-token.ts";

const BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default";
/** Multi-tenant bots get their tokens from the Bot Framework's own tenant. */
const BOT_FRAMEWORK_TENANT = "botframework.com";
/** Teams refuses activities over about 28 KB. */
export const MSTEAMS_MAX_MESSAGE = 28_000;
/** Conversations whose service URL is remembered; the oldest is forgotten past this. */
const MAX_CONVERSATIONS = 10_000;

export class ConnectorError extends Error {}

export interface TeamsCredentials {
  appId: string;
  appPassword: string;
  tenantId?: string;
}

export class TeamsConnector {
  private readonly tokens: TokenCache;
  /** conversation id → the service URL its last verified activity came with. */
  private readonly serviceUrls = new Map<string, string>();

  constructor(creds: TeamsCredentials, loginBase: string, now: () => number) {
    const tenant = creds.tenantId || BOT_FRAMEWORK_TENANT;
    const url = `${loginBase.replace(/\/+$/, "")}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
    const form = () =>
      new URLSearchParams({
        grant_type: "client_credentials",
        client_id: creds.appId,
        client_secret: creds.appPassword,
        scope: BOT_FRAMEWORK_SCOPE,
      });
    this.tokens = new TokenCache(
      (signal) => requestToken(url, form(), "the app id and client secret", signal),
      now,
    );
  }

  /** Fetch (or reuse) the access token: proves the app id and secret work. */
  token(signal: AbortSignal): Promise<string> {
    return this.tokens.get(signal);
  }

  /** Where to answer in a conversation (from an activity whose token named this URL). */
  remember(conversationId: string, serviceUrl: string): void {
    this.serviceUrls.delete(conversationId);
    this.serviceUrls.set(conversationId, serviceUrl);
    if (this.serviceUrls.size > MAX_CONVERSATIONS) {
      this.serviceUrls.delete(this.serviceUrls.keys().next().value!);
    }
  }

  async post(
    conversationId: string,
    activity: { type: "message"; text: string } | { type: "typing" },
    signal: AbortSignal,
  ): Promise<void> {
    const serviceUrl = this.serviceUrls.get(conversationId);
    if (!serviceUrl) throw new ConnectorError("no service URL known for this conversation");
    const url = `${serviceUrl.replace(/\/+$/, "")}/v3/conversations/${
      encodeURIComponent(conversationId)
    }/activities`;
    const r = await this.tokens.postJson(url, activity, signal);
    if (!r.ok) {
      throw new ConnectorError(
        `the Bot Connector answered ${r.status} for a ${activity.type} activity`,
      );
    }
  }
}
