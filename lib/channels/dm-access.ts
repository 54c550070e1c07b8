/**
 * Who may DM the bot. The default is pairing: an unknown sender gets a
 * one-time code and is let in after `openclaw pairing approve`. The
 * alternative is an allowlist of sender ids; names are resolved to ids
 * where the platform's API allows it, and kept (with a warning that they
 * never match) otherwise. What counts as an id is sender-ids.ts's rule, so
 * the warning says exactly what the runtime and `openclaw doctor` will do.
 */
import type { DmPolicy } from "./schemas.ts";
import { askSelect, askText, type ChannelSetupContext, edit } from "./context.ts";
import type { ChannelId } from "./flags.ts";
import type { ConfigEdit } from "../plan/types.ts";
import { SENDER_ID_RULES, unresolvedEntries } from "./sender-ids.ts";
import { printable } from "../platform/terminal-text.ts";
import { cli } from "../platform/invocation.ts";

export interface Resolution {
  /** Entries as they go into allowFrom: ids where resolved, the original text otherwise. */
  entries: string[];
  /** Entries that could not be turned into ids (judged again by the channel's id rule). */
  unresolved: string[];
  /** Why, when the whole lookup could not run (no token, API unreachable). */
  note?: string;
}

export type Resolver = (entries: string[]) => Promise<Resolution>;

const POLICY_OPTIONS: { value: DmPolicy; label: string; hint: string }[] = [
  {
    value: "pairing",
    label: "Pairing",
    hint: "recommended: unknown senders get a code you approve",
  },
  { value: "allowlist", label: "Allowlist", hint: "only the senders you list" },
  { value: "open", label: "Open", hint: "anyone who finds the bot can use your agent" },
  { value: "disabled", label: "Disabled", hint: "ignore direct messages" },
];

export function parseList(raw: string): string[] {
  return raw.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean);
}

export async function askDmAccess(
  ctx: ChannelSetupContext,
  channel: ChannelId,
  opts: { idHint: string; resolve?: Resolver },
): Promise<ConfigEdit[]> {
  const current = ctx.current.dmPolicy as DmPolicy | undefined;
  const policy = await askSelect<DmPolicy>(ctx, channel, "dmPolicy", {
    message: "Who may send the bot direct messages?",
    options: POLICY_OPTIONS,
    initialValue: current ?? "pairing",
    silent: !ctx.advanced,
  });
  const edits: ConfigEdit[] = [edit(channel, "dmPolicy", policy)];
  if (policy === "open") {
    await ctx.warn(
      `${channel}: DMs are open — anyone who finds the bot can talk to your agent and use its tools.`,
    );
    edits.push(edit(channel, "allowFrom", ["*"]));
    return edits;
  }
  if (policy !== "allowlist") return edits;
  const currentList = Array.isArray(ctx.current.allowFrom)
    ? (ctx.current.allowFrom as unknown[]).map(String).join(", ")
    : undefined;
  const raw = await askText(ctx, channel, "allowFrom", {
    message: `Allowed senders (comma-separated; ${opts.idHint})`,
    initialValue: currentList,
    required: currentList === undefined,
    validate: (v) =>
      parseList(v).length === 0
        ? "List at least one sender (or choose pairing instead)."
        : undefined,
  });
  const entries = parseList(raw);
  const resolution = opts.resolve ? await opts.resolve(entries) : { entries, unresolved: [] };
  if (resolution.note) await ctx.warn(`${channel}: ${printable(resolution.note)}`);
  // Judged by the same rule as the runtime and doctor, whatever the resolver said.
  const unresolved = unresolvedEntries(channel, resolution.entries);
  if (unresolved.length > 0) {
    await ctx.warn(unresolvedWarning(channel, unresolved));
  }
  edits.push(edit(channel, "allowFrom", resolution.entries));
  return edits;
}

/** Entries kept as written: they are in the config but can never let anyone in. */
export function unresolvedWarning(channel: ChannelId, unresolved: string[]): string {
  const findId = SENDER_ID_RULES[channel].findId;
  return `${channel}: kept as written (not resolved to ids): ${
    printable(unresolved.join(", "))
  }. ` +
    `These will never match anyone: the allowlist matches ids only ` +
    `(${SENDER_ID_RULES[channel].hint}), never names. ` +
    `Replace them with ids in channels.${channel}.allowFrom` +
    (findId ? `; ${findId}` : "") + `. \`${cli("doctor")}\` lists entries that are not ids.`;
}

/** What onboarding and `channels add` say before a channel's questions: the default, pairing. */
export const dmSecurityNote = () =>
  [
    "By default a chat channel uses pairing: the first DM from someone unknown gets a",
    "short code, and nothing reaches your agent until you run",
    `  ${cli("pairing approve <channel> <code>")}`,
    "Allowlists (advanced flow, or --<channel>-allow-from) are the alternative.",
  ].join("\n");
