/**
 * `openclaw pairing list [channel]` and `openclaw pairing approve <channel> <code>`.
 * With exactly one channel set up, the channel may be left out.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import { readConfigOrStop } from "../config/read-valid.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { UsageError } from "../errors.ts";
import { CHANNEL_IDS } from "./flags.ts";
import { isChannelId, loadChannel, requireChannelId } from "./registry.ts";
import type { Section } from "./meta.ts";
import { PairingStore } from "./pairing-store.ts";
import { printable } from "../platform/terminal-text.ts";
import { cli } from "../platform/invocation.ts";

function configuredChannels(config: OpenclawConfig): string[] {
  const channels = (config as { channels?: Record<string, unknown> }).channels ?? {};
  return Object.keys(channels).filter((id) => (CHANNEL_IDS as readonly string[]).includes(id));
}

/**
 * The channel named, or the only one set up; otherwise a usage error saying
 * which to name. A broken config stops the command first (it is not "no channel").
 */
export async function pickChannel(
  host: Host,
  paths: StatePaths,
  given: string | undefined,
): Promise<string> {
  const { config } = await readConfigOrStop(host, paths);
  if (given !== undefined) return requireChannelId(given);
  const configured = configuredChannels(config);
  if (configured.length === 1) return configured[0];
  throw new UsageError(
    configured.length === 0
      ? `No chat channel is set up. Name one (${cli("pairing list telegram")}) or add one: ${
        cli("channels add")
      }.`
      : `Several channels are set up (${configured.join(", ")}): name one, e.g. ${
        cli(`pairing list ${configured[0]}`)
      }.`,
    ["--channel"],
  );
}

export async function pairingList(
  req: { host: Host; paths: StatePaths; channel?: string; json: boolean },
): Promise<number> {
  const channel = await pickChannel(req.host, req.paths, req.channel);
  const store = new PairingStore(req.host, req.paths);
  // Names are chosen by the senders: shown only through printable(), here and in JSON.
  const pending = (await store.pending(channel)).map((r) =>
    r.name === undefined ? r : { ...r, name: printable(r.name) }
  );
  if (req.json) {
    req.host.stdout(JSON.stringify({ channel, requests: pending }, null, 2) + "\n");
    return 0;
  }
  if (pending.length === 0) {
    req.host.stdout(`No ${channel} pairing requests are waiting.\n`);
    return 0;
  }
  const lines = [`Waiting ${channel} pairing requests:`];
  for (const r of pending) {
    lines.push(
      `  ${printable(r.code)}  from ${
        r.name ? `${r.name} (${printable(r.senderId)})` : printable(r.senderId)
      }, expires ${printable(r.expiresAt ?? "")}`,
    );
  }
  lines.push(`Approve one: ${cli(`pairing approve ${channel} <code>`)}`);
  req.host.stdout(lines.join("\n") + "\n");
  return 0;
}

export async function pairingApprove(
  req: {
    host: Host;
    paths: StatePaths;
    channel?: string;
    code: string;
    notify: boolean;
    json: boolean;
  },
): Promise<number> {
  const channel = await pickChannel(req.host, req.paths, req.channel);
  const store = new PairingStore(req.host, req.paths);
  const approved = await store.approve(channel, req.code);
  let notified = false;
  if (req.notify) notified = await notify(req, channel, approved.chatId ?? approved.senderId);
  const who = approved.name
    ? `${printable(approved.name)} (${printable(approved.senderId)})`
    : printable(approved.senderId);
  if (req.json) {
    req.host.stdout(
      JSON.stringify({ ok: true, channel, senderId: approved.senderId, notified }, null, 2) + "\n",
    );
  } else {
    req.host.stdout(`Approved ${who} on ${channel}: their messages now reach your agent.\n`);
  }
  return 0;
}

/** --notify: tell the sender on the same channel, when the channel can send from the CLI. */
async function notify(
  req: { host: Host; paths: StatePaths },
  channel: string,
  chatId: string,
): Promise<boolean> {
  const descriptor = isChannelId(channel) ? await loadChannel(channel) : undefined;
  if (!descriptor?.notifyApproved) {
    req.host.stderr(
      `--notify: sending from the CLI is not available for ${channel}; the sender was approved.\n`,
    );
    return false;
  }
  const { config } = await readConfigOrStop(req.host, req.paths);
  const sections = (config as { channels?: Record<string, Section> }).channels;
  const problem = await descriptor.notifyApproved(sections?.[channel] ?? {}, req.host, chatId);
  if (problem) req.host.stderr(`--notify: ${problem}\n`);
  return problem === undefined;
}
