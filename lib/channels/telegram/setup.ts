/**
 * Telegram: a bot token from @BotFather (shape checked, then verified live
 * with getMe when the Bot API is reachable) → channels.telegram.botToken.
 * Allowlist @usernames are resolved to numeric ids with getChat where
 * Telegram answers it (public usernames it knows; for most people it says
 * "chat not found"), and kept with a warning otherwise: at run time only
 * numeric ids match.
 */
import { type ChannelPlan, channelQuestions, type ChannelSetupContext } from "../context.ts";
import { checkTelegramToken, validateTelegramToken } from "./check.ts";
import { unreachableReason } from "../live-check.ts";
import { askDmAccess, type Resolution } from "../dm-access.ts";
import { TelegramApiError, TelegramBotApi } from "./api.ts";
import { SENDER_ID_RULES } from "../sender-ids.ts";
import { cli } from "../../platform/invocation.ts";

export async function setupTelegram(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const q = channelQuestions(ctx, "telegram");
  const token = await q.botToken("botToken", "from @BotFather", (t) => checkTelegramToken(t, ctx), {
    placeholder: "123456789:AA…",
    validate: validateTelegramToken,
  });
  const dm = await askDmAccess(ctx, "telegram", {
    idHint: "numeric Telegram user ids; @usernames are looked up where Telegram allows",
    resolve: (entries) =>
      ctx.liveChecks
        ? resolveTelegramUsers(entries, {
          token,
          apiBase: ctx.apiBase.telegram,
          timeoutMs: ctx.timeoutMs,
        })
        : Promise.resolve({ entries, unresolved: [] }),
  });
  return {
    configEdits: [...q.enable({ botToken: token }), ...dm],
    secrets: [token],
    nextSteps: [nextStep(dm.find((e) => e.path[2] === "dmPolicy")?.value)],
  };
}

/** A Telegram username: 5–32 letters, digits and _, starting with a letter; "@" optional. */
const USERNAME = /^@?([A-Za-z][A-Za-z0-9_]{3,31})$/;

/**
 * "@name" → the numeric id of the person with that username, through
 * getChat. Only a private chat (a person) counts: a channel or group of that
 * name has an id no DM ever comes from. Unresolved entries are kept.
 */
export async function resolveTelegramUsers(
  entries: string[],
  opts: { token: string; apiBase: string; timeoutMs: number },
): Promise<Resolution> {
  const api = new TelegramBotApi(opts.apiBase, opts.token);
  const out: string[] = [];
  const notes: string[] = [];
  let reachable = true;
  for (const entry of entries) {
    const name = entry.match(USERNAME)?.[1];
    if (SENDER_ID_RULES.telegram.isId(entry) || !name || !reachable) {
      out.push(entry);
      continue;
    }
    try {
      const chat = await api.getChat(`@${name}`, AbortSignal.timeout(opts.timeoutMs));
      if (chat.type === "private" && Number.isSafeInteger(chat.id) && chat.id > 0) {
        out.push(String(chat.id));
      } else {
        out.push(entry);
        notes.push(`@${name} is a ${chat.type}, not a person`);
      }
    } catch (err) {
      out.push(entry);
      if (!(err instanceof TelegramApiError)) {
        reachable = false;
        notes.push(`names not resolved: ${unreachableReason(err, opts.apiBase, opts.timeoutMs)}`);
      }
      // Otherwise "chat not found": the Bot API does not look up most people by username.
    }
  }
  return { entries: out, unresolved: [], note: notes.length ? notes.join("; ") : undefined };
}

/** What to do next depends on who may DM the bot. */
function nextStep(policy: unknown): string {
  switch (policy) {
    case "allowlist":
      return "Telegram: only the numeric ids in channels.telegram.allowFrom can DM the bot; " +
        "others are ignored (the gateway log names their ids).";
    case "open":
      return "Telegram: anyone who finds the bot can DM it.";
    case "disabled":
      return "Telegram: DMs are off (channels.telegram.dmPolicy disabled).";
    default:
      return `Telegram: DM your bot; it answers with a pairing code. Approve it with \`${
        cli("pairing approve telegram <code>")
      }\`.`;
  }
}
