/**
 * The few Telegram Bot API calls openclaw makes (getUpdates, sendMessage, sendChatAction, getChat),
 * against an overridable base URL. Errors carry the HTTP status so callers
 * tell a rejected token (401) from a network problem.
 */
export interface TelegramUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  username?: string;
}

export interface TelegramMessage {
  message_id: number;
  from?: TelegramUser;
  chat: { id: number; type: "private" | "group" | "supergroup" | "channel" };
  date: number;
  text?: string;
  /** Mentions and the like, as offsets into `text`. */
  entities?: { type: string; offset: number; length: number }[];
  /** The message this one answers (a reply to the bot counts as mentioning it). */
  reply_to_message?: { from?: TelegramUser };
}

export interface TelegramChat {
  id: number;
  type: string;
  username?: string;
}

export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
}

export class TelegramApiError extends Error {
  constructor(readonly status: number, readonly description: string) {
    super(`Telegram API ${status}: ${description}`);
  }
}

export class TelegramBotApi {
  constructor(private readonly apiBase: string, private readonly token: string) {}

  private async call<T>(method: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const res = await fetch(`${this.apiBase}/bot${this.token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal,
    });
    const data = await res.json().catch(() => ({})) as {
      ok?: boolean;
      result?: T;
      description?: string;
    };
    if (!res.ok || !data.ok) {
      throw new TelegramApiError(res.status, data.description ?? res.statusText);
    }
    return data.result as T;
  }

  /** Long poll: waits up to `timeoutSec` for updates after `offset`. */
  getUpdates(
    offset: number | undefined,
    timeoutSec: number,
    signal?: AbortSignal,
  ): Promise<TelegramUpdate[]> {
    return this.call(
      "getUpdates",
      { offset, timeout: timeoutSec, allowed_updates: ["message"] },
      signal,
    );
  }

  /** The bot itself: its id and @username (what a mention in a group names). */
  getMe(signal?: AbortSignal): Promise<TelegramUser> {
    return this.call("getMe", {}, signal);
  }

  /** A chat by id or public "@username"; Telegram finds few people this way, mostly channels. */
  getChat(chatId: number | string, signal?: AbortSignal): Promise<TelegramChat> {
    return this.call("getChat", { chat_id: chatId }, signal);
  }

  /** "typing…" in the chat for about 5 s, or until the bot's next message. */
  sendChatAction(
    chatId: number | string,
    action: "typing",
    signal?: AbortSignal,
  ): Promise<boolean> {
    return this.call("sendChatAction", { chat_id: chatId, action }, signal);
  }

  sendMessage(
    chatId: number | string,
    text: string,
    signal?: AbortSignal,
  ): Promise<TelegramMessage> {
    return this.call("sendMessage", { chat_id: chatId, text }, signal);
  }
}
