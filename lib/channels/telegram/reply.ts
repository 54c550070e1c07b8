/**
 * Answering in a Telegram chat: replies are sent as plain text, split into
 * messages of at most 4,096 characters (Telegram's limit; see
 * ../split-message.ts for where it cuts), with the "typing" action while
 * the agent works.
 */

/** Telegram's limit on one message's text, in UTF-16 code units (JS string length). */
export const TELEGRAM_MAX_MESSAGE = 4096;
