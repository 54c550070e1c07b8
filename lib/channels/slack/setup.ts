/**
 * Slack: a bot token (xoxb-…, verified live with auth.test when the Web API
 * is reachable) → channels.slack.botToken, and an optional app-level token
 * (xapp-…, for Socket Mode; shape checked only: checking it live would open
 * a socket connection) → channels.slack.appToken. Allowlist handles ("@jane")
 * and emails are resolved to user ids with users.list / users.lookupByEmail
 * (handles only: display and real names are not unique); ids (U…/W…) are
 * kept as they are.
 */
import {
  type ChannelPlan,
  type ChannelQuestions,
  channelQuestions,
  type ChannelSetupContext,
} from "../context.ts";
import { checkSlackToken, validateSlackAppToken, validateSlackBotToken } from "./check.ts";
import { fetchJson, unreachableReason } from "../live-check.ts";
import { askDmAccess, type Resolution } from "../dm-access.ts";
import { SENDER_ID_RULES } from "../sender-ids.ts";

export async function setupSlack(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const q = channelQuestions(ctx, "slack");
  const where = "OAuth & Permissions → Bot User OAuth Token";
  const token = await q.botToken("botToken", where, (t) => checkSlackToken(t, ctx), {
    placeholder: "xoxb-…",
    validate: validateSlackBotToken,
  });
  const appToken = await askAppToken(q);
  const dm = await askDmAccess(ctx, "slack", {
    idHint: "Slack member ids (U…), or @handles and emails looked up in the workspace",
    resolve: (entries) =>
      resolveSlackUsers(entries, { token, apiBase: ctx.apiBase.slack, timeoutMs: ctx.timeoutMs }),
  });
  return {
    configEdits: [
      ...q.enable(appToken ? { botToken: token, appToken } : { botToken: token }),
      ...dm,
    ],
    secrets: appToken ? [token, appToken] : [token],
    nextSteps: [
      appToken
        ? "Slack: Socket Mode is on (app token set); invite the bot to a channel or DM it."
        : "Slack: without an app token the gateway needs Event Subscriptions (HTTP) pointed " +
          `at it; add ${q.flag("appToken").split(" ")[0]} for Socket Mode.`,
    ],
  };
}

/** Optional: Enter skips it (or keeps the current one). */
async function askAppToken(
  q: ChannelQuestions,
): Promise<string | undefined> {
  const existing = q.current("appToken");
  const typed = await q.text("appToken", {
    message: existing
      ? "Slack app-level token (Enter keeps the current one)"
      : "Slack app-level token xapp-… for Socket Mode (Enter to skip)",
    placeholder: "xapp-…",
    sensitive: true,
    required: false,
    initialValue: "",
    validate: (v) => (v.trim() === "" ? undefined : validateSlackAppToken(v)),
  });
  return typed || existing;
}

interface SlackMember {
  id: string;
  name?: string;
  deleted?: boolean;
  real_name?: string;
  profile?: { display_name?: string; real_name?: string; email?: string };
}

interface SlackOpts {
  token: string;
  apiBase: string;
  timeoutMs: number;
}

/** Member ids: U… or W… (enterprise), upper-case letters and digits; <@U…> mentions too. */
function isSlackId(entry: string): boolean {
  return SENDER_ID_RULES.slack.isId(stripMention(entry));
}

const stripMention = (entry: string) => entry.replace(/^<@([UW][A-Z0-9]+)>$/, "$1");
const isEmail = (entry: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(entry);

/** "@jane" or "jane@example.com" → Slack member ids; unresolved entries are kept. */
export async function resolveSlackUsers(entries: string[], opts: SlackOpts): Promise<Resolution> {
  const kept = entries.map(stripMention);
  const names = entries.filter((e) => !isSlackId(e));
  if (names.length === 0) return { entries: kept, unresolved: [] };
  let members: SlackMember[] | undefined;
  const out: string[] = [];
  const unresolved: string[] = [];
  try {
    for (const entry of entries) {
      if (isSlackId(entry)) {
        out.push(stripMention(entry));
        continue;
      }
      let id: string | undefined;
      if (isEmail(entry)) id = await lookupByEmail(entry, opts);
      else {
        members ??= await listMembers(opts);
        id = matchMember(entry, members);
      }
      if (id) out.push(id);
      else {
        out.push(entry);
        unresolved.push(entry);
      }
    }
  } catch (err) {
    const note = err instanceof SlackApiError
      ? `names not resolved: ${err.message}`
      : `names not resolved: ${unreachableReason(err, opts.apiBase, opts.timeoutMs)}`;
    return { entries: kept, unresolved: names, note };
  }
  return { entries: out, unresolved };
}

/** The lookup could not run at all (missing scope, bad token): every name stays as written. */
class SlackApiError extends Error {}

async function slackGet(method: string, params: Record<string, string>, opts: SlackOpts) {
  const qs = new URLSearchParams(params).toString();
  const r = await fetchJson(`${opts.apiBase}/${method}${qs ? `?${qs}` : ""}`, {
    headers: { Authorization: `Bearer ${opts.token}` },
    timeoutMs: opts.timeoutMs,
  });
  const body = (r.body ?? {}) as { ok?: boolean; error?: string } & Record<string, unknown>;
  return { status: r.status, body };
}

async function lookupByEmail(email: string, opts: SlackOpts): Promise<string | undefined> {
  const { status, body } = await slackGet("users.lookupByEmail", { email }, opts);
  if (body.ok) return (body.user as SlackMember | undefined)?.id;
  if (body.error === "users_not_found") return undefined;
  throw new SlackApiError(
    `Slack answered ${
      body.error ?? status
    } to users.lookupByEmail (the app needs users:read.email)`,
  );
}

/** Every member of the workspace, page by page (a few hundred per request). */
async function listMembers(opts: SlackOpts): Promise<SlackMember[]> {
  const all: SlackMember[] = [];
  let cursor = "";
  for (let page = 0; page < 50; page++) {
    const params: Record<string, string> = { limit: "200" };
    if (cursor) params.cursor = cursor;
    const { status, body } = await slackGet("users.list", params, opts);
    if (!body.ok) {
      throw new SlackApiError(
        `Slack answered ${body.error ?? status} to users.list (the app needs users:read)`,
      );
    }
    all.push(...((body.members as SlackMember[] | undefined) ?? []));
    cursor = (body.response_metadata as { next_cursor?: string } | undefined)?.next_cursor ?? "";
    if (!cursor) break;
  }
  return all;
}

/**
 * A name matches the member's handle (unique in the workspace), ignoring
 * case and a leading @. Display and real names are not unique and anyone
 * can set theirs, so they never pick an id.
 */
function matchMember(entry: string, members: SlackMember[]): string | undefined {
  const wanted = entry.replace(/^@/, "").toLowerCase();
  return members.find((m) => !m.deleted && m.name?.toLowerCase() === wanted)?.id;
}
