/**
 * Discord: a bot token (shape checked, verified live with users/@me when the
 * API is reachable) → channels.discord.token. Allowlist usernames ("@jane",
 * "jane") are resolved to user ids by searching the members of the bot's
 * servers (exact, unique usernames only, never display names or nicknames);
 * ids are kept as they are.
 */
import { type ChannelPlan, channelQuestions, type ChannelSetupContext } from "../context.ts";
import { checkDiscordToken, validateDiscordToken } from "./check.ts";
import { fetchJson, unreachableReason } from "../live-check.ts";
import { askDmAccess, type Resolution } from "../dm-access.ts";
import { SENDER_ID_RULES } from "../sender-ids.ts";

export async function setupDiscord(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const q = channelQuestions(ctx, "discord");
  const where = "Developer Portal → Bot → Reset Token";
  const token = await q.botToken("token", where, (t) => checkDiscordToken(t, ctx), {
    validate: validateDiscordToken,
    // "Bot <token>" (as in an Authorization header) is accepted; the prefix is not stored.
    tidy: (t) => t.replace(/^Bot\s+/i, ""),
  });
  const dm = await askDmAccess(ctx, "discord", {
    idHint: "Discord user ids, or usernames looked up in the bot's servers",
    resolve: (entries) =>
      resolveDiscordUsers(entries, {
        token,
        apiBase: ctx.apiBase.discord,
        timeoutMs: ctx.timeoutMs,
      }),
  });
  return {
    configEdits: [...q.enable({ token }), ...dm],
    secrets: [token],
    nextSteps: [
      "Discord: invite the bot to your server (OAuth2 → URL Generator, scope bot), then DM it.",
    ],
  };
}

interface Guild {
  id: string;
  name: string;
}
interface Member {
  user?: { id: string; username: string; global_name?: string };
  nick?: string;
}

/** Names → Discord user ids through the bot's guilds; unresolved names are kept. */
export async function resolveDiscordUsers(
  entries: string[],
  opts: { token: string; apiBase: string; timeoutMs: number },
): Promise<Resolution> {
  const names = entries.filter((e) => !isDiscordId(e));
  if (names.length === 0) return { entries: entries.map(stripMention), unresolved: [] };
  const headers = { Authorization: `Bot ${opts.token}` };
  let guilds: Guild[];
  try {
    const r = await fetchJson(`${opts.apiBase}/users/@me/guilds`, {
      headers,
      timeoutMs: opts.timeoutMs,
    });
    if (!r.ok || !Array.isArray(r.body)) {
      return {
        entries: entries.map(stripMention),
        unresolved: names,
        note: `could not list the bot's servers (Discord answered ${r.status})`,
      };
    }
    guilds = r.body as Guild[];
  } catch (err) {
    return {
      entries: entries.map(stripMention),
      unresolved: names,
      note: `names not resolved: ${unreachableReason(err, opts.apiBase, opts.timeoutMs)}`,
    };
  }
  const out: string[] = [];
  const unresolved: string[] = [];
  for (const entry of entries) {
    if (isDiscordId(entry)) {
      out.push(stripMention(entry));
      continue;
    }
    const id = await findMember(entry.replace(/^@/, ""), guilds, headers, opts);
    if (id) out.push(id);
    else {
      out.push(entry);
      unresolved.push(entry);
    }
  }
  return { entries: out, unresolved };
}

async function findMember(
  name: string,
  guilds: Guild[],
  headers: Record<string, string>,
  opts: { apiBase: string; timeoutMs: number },
): Promise<string | undefined> {
  const wanted = name.toLowerCase();
  for (const g of guilds) {
    try {
      const r = await fetchJson(
        `${opts.apiBase}/guilds/${g.id}/members/search?query=${encodeURIComponent(name)}&limit=10`,
        { headers, timeoutMs: opts.timeoutMs },
      );
      if (!r.ok || !Array.isArray(r.body)) continue;
      // The username only: it is unique on Discord. Display names and server
      // nicknames are chosen freely, so a stranger could wear the one typed here.
      const hit = (r.body as Member[]).find((m) => m.user?.username.toLowerCase() === wanted);
      if (hit?.user) return hit.user.id;
    } catch {
      // this guild did not answer: try the next
    }
  }
  return undefined;
}

/** Snowflake ids, or mentions like <@123…>. */
function isDiscordId(entry: string): boolean {
  return SENDER_ID_RULES.discord.isId(stripMention(entry));
}

function stripMention(entry: string): string {
  return entry.replace(/^<@!?(\d+)>$/, "$1");
}
