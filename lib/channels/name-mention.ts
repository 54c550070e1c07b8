/**
 * "Mentioned" for platforms without bot mentions (iMessage, through
 * BlueBubbles or imsg): the bot is a person's Apple ID there, so nothing in
 * a group message marks it as addressed to the bot. A group message counts
 * as mentioning the bot when its text names it: one of the channel's
 * `mentionNames` (comma-separated), else the default agent's name from
 * agents.list, else "openclaw". The name matches as a whole word, any case,
 * with or without a leading "@"; it is taken out of the text the agent sees.
 */

export const DEFAULT_MENTION_NAME = "openclaw";

export interface NameMention {
  /** The names that count, for docs and status. */
  names: string[];
  mentioned(text: string): boolean;
  /** The text without the names (the whole text when nothing else is left). */
  strip(text: string): string;
}

/** The names a channel section and the config give, in the order above. */
export function mentionNames(
  section: { mentionNames?: unknown },
  config: { agents?: unknown },
): string[] {
  const own = typeof section.mentionNames === "string"
    ? section.mentionNames.split(",").map((n) => n.trim()).filter(Boolean)
    : [];
  if (own.length > 0) return own;
  const agent = defaultAgentName(config.agents);
  return agent ? [agent] : [DEFAULT_MENTION_NAME];
}

function defaultAgentName(agents: unknown): string | undefined {
  const list = (agents as { list?: unknown })?.list;
  if (!Array.isArray(list)) return undefined;
  const entry = list.find((a) => a?.default === true) ?? list[0];
  const name = typeof entry?.name === "string" ? entry.name.trim() : "";
  return name || undefined;
}

export function nameMention(names: string[]): NameMention {
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  // Letters and digits of any script around the name mean it is part of another word.
  const source = `(?<![\\p{L}\\p{N}_])@?(?:${escaped.join("|")})(?![\\p{L}\\p{N}_])`;
  return {
    names,
    mentioned: (text) => new RegExp(source, "iu").test(text),
    strip: (text) =>
      text.replace(new RegExp(`${source}[,:]?`, "giu"), "").replace(/\s{2,}/g, " ").trim() ||
      text,
  };
}
