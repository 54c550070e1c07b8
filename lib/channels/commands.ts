/**
 * `openclaw channels add|list|remove`. Add is the channel's own setup (the
 * same questions as onboarding) followed by the one apply phase; without
 * flags it is guided, with `--channel <id>` and the channel's flags it runs
 * unattended. Remove disables a channel, or deletes its section (--delete).
 */
import type { Host } from "../host.ts";
import { type StatePaths, tildify } from "../config/paths.ts";
import { readConfigOrStop } from "../config/read-valid.ts";
import { ActionableError, UsageError } from "../errors.ts";
import type { Prompter } from "../wizard/prompter.ts";
import { runPlan } from "../plan/runner.ts";
import type { ApplyResult } from "../plan/apply.ts";
import { emptyPlan, mergePlan, type Plan } from "../plan/types.ts";
import { renderPlan } from "../plan/render.ts";
import { maskSecret } from "../auth/profiles.ts";
import {
  attributeName,
  CHANNEL_FIELDS,
  CHANNEL_IDS,
  type ChannelId,
  dmFlagRules,
  flagNameOf,
  questionId,
} from "./flags.ts";
import { channelList, CHANNELS, isChannelId, requireChannelId } from "./registry.ts";
import { setupChannels } from "./setup.ts";
import { dmSecurityNote } from "./dm-access.ts";
import { printable } from "../platform/terminal-text.ts";
import { cli } from "../platform/invocation.ts";

/** `channels add` flags by commander attribute name → question ids of the chosen channel. */
export function addAnswers(
  channel: ChannelId,
  flags: Record<string, unknown>,
): Map<string, unknown> {
  const answers = new Map<string, unknown>();
  for (const f of CHANNEL_FIELDS[channel]) {
    if (!f.add) continue;
    const attr = attributeName(f.add);
    if (flags[attr] !== undefined) answers.set(questionId(channel, f.key), flags[attr]);
  }
  dmFlagRules(answers, [channel], (_, key) => flagNameOf(channel, key, "add"));
  return answers;
}

/** Flags given that the chosen channel does not use: a usage error, not silently ignored. */
export function unusedAddFlags(
  channel: ChannelId,
  flags: Record<string, unknown>,
  allAttrs: string[],
): string[] {
  const used = new Set(
    CHANNEL_FIELDS[channel].filter((f) => f.add).map((f) => attributeName(f.add!)),
  );
  return allAttrs.filter((a) => flags[a] !== undefined && !used.has(a));
}

function channelSections(config: Record<string, unknown>): Record<string, unknown> {
  return (config.channels ?? {}) as Record<string, unknown>;
}

export interface AddRequest {
  host: Host;
  paths: StatePaths;
  prompter: Prompter;
  channel?: string;
  json: boolean;
  dryRun: boolean;
}

export function channelsAdd(req: AddRequest): Promise<number> {
  const { host, paths } = req;
  let channel: ChannelId | undefined;
  return runPlan({
    host,
    paths,
    prompter: req.prompter,
    command: "openclaw channels add",
    dryRun: req.dryRun,
    config: "valid",
    async ask(loaded, prompter) {
      channel = req.channel !== undefined
        ? requireChannelId(req.channel)
        : await prompter.select<ChannelId>({
          id: "channels.add.channel",
          flag: "--channel <id>",
          message: "Which channel do you want to add?",
          options: channelList().map((c) => ({ value: c.id, label: c.label, hint: c.hint })),
          required: true,
        });
      // A missing --channel is named alone: which other flags are missing depends on it.
      prompter.finish();
      if (prompter.interactive) await prompter.note(dmSecurityNote(), "DM security");
      return await setupChannels({
        host,
        paths,
        prompter,
        config: loaded.config as Record<string, unknown>,
        channels: [channel],
        flagStyle: "add",
        advanced: prompter.interactive,
      });
    },
    report: ({ plan, result }) => reportAdd(req, channel!, plan, result),
  });
}

async function reportAdd(
  req: AddRequest,
  channel: ChannelId,
  plan: Plan,
  result: ApplyResult | undefined,
): Promise<number> {
  const { host, paths, prompter } = req;
  if (!result) {
    if (req.json) {
      host.stdout(JSON.stringify({ ok: true, dryRun: true, channel }, null, 2) + "\n");
    } else {
      const text = renderPlan(plan, host.home, paths.configPath);
      host.stdout(`Dry run: nothing was written. The plan:\n${text}\n`);
    }
    return 0;
  }
  if (req.json) {
    host.stdout(
      JSON.stringify(
        { ok: true, channel, configPath: result.configPath, configChanged: result.configChanged },
        null,
        2,
      ) +
        "\n",
    );
    return 0;
  }
  const lines = [
    `Added ${CHANNELS[channel].label} (channels.${channel}) to ${
      tildify(result.configPath, host.home)
    }.`,
    ...plan.nextSteps.map((s) => `- ${s}`),
  ];
  if (prompter.interactive) await prompter.outro(lines.join("\n"));
  else host.stdout(lines.join("\n") + "\n");
  return 0;
}

export interface ChannelListing {
  id: string;
  label: string;
  enabled: boolean;
  plugin: boolean;
  dmPolicy: string;
  details: Record<string, string>;
}

/** What `channels list` shows for one channel: its settings with secrets masked. */
export function describeChannel(id: string, section: Record<string, unknown>): ChannelListing {
  const secretKeys = new Set([
    "botToken",
    "token",
    "password",
    "appToken",
    "accessToken",
    "appPassword",
  ]);
  const details: Record<string, string> = {};
  for (const [k, v] of Object.entries(section)) {
    if (["enabled", "dmPolicy", "allowFrom", "accounts"].includes(k)) continue;
    if (typeof v !== "string" && typeof v !== "number") continue;
    details[k] = secretKeys.has(k) ? maskSecret(String(v)) : String(v);
  }
  if (Array.isArray(section.allowFrom)) details.allowFrom = section.allowFrom.join(", ");
  if (section.accounts && typeof section.accounts === "object") {
    details.accounts = Object.keys(section.accounts).join(", ");
  }
  return {
    id,
    label: isChannelId(id) ? CHANNELS[id].label : id,
    enabled: section.enabled !== false,
    plugin: isChannelId(id) ? CHANNELS[id].plugin !== undefined : true,
    dmPolicy: typeof section.dmPolicy === "string" ? section.dmPolicy : "pairing",
    details,
  };
}

export async function channelsList(
  req: { host: Host; paths: StatePaths; json: boolean; all: boolean },
): Promise<number> {
  const { config } = await readConfigOrStop(req.host, req.paths);
  const sections = (config.channels ?? {}) as Record<string, Record<string, unknown>>;
  const listed = Object.entries(sections).map(([id, s]) => describeChannel(id, s));
  const available = req.all ? CHANNEL_IDS.filter((id) => !(id in sections)) : [];
  if (req.json) {
    req.host.stdout(JSON.stringify({ channels: listed, available }, null, 2) + "\n");
    return 0;
  }
  const lines: string[] = [];
  if (listed.length === 0) {
    lines.push(`No chat channels are set up. Add one: ${cli("channels add")}`);
  }
  for (const c of listed) {
    lines.push(
      `${c.label} (${c.id})${c.enabled ? "" : " — disabled"}${c.plugin ? " [plugin]" : ""}`,
    );
    lines.push(`  DMs: ${c.dmPolicy}`);
    for (const [k, v] of Object.entries(c.details)) lines.push(`  ${k}: ${v}`);
  }
  if (available.length) {
    lines.push("", "Available:");
    for (const id of available) {
      lines.push(`  ${CHANNELS[id].label} (${id}) — ${CHANNELS[id].hint}`);
    }
  }
  req.host.stdout(lines.join("\n") + "\n");
  return 0;
}

export function channelsRemove(
  req: {
    host: Host;
    paths: StatePaths;
    prompter: Prompter;
    channel?: string;
    del: boolean;
    json: boolean;
  },
): Promise<number> {
  const { host, paths } = req;
  let channel = req.channel?.trim().toLowerCase();
  return runPlan({
    host,
    paths,
    prompter: req.prompter,
    command: "openclaw channels remove",
    config: "valid",
    async ask(loaded, prompter) {
      const sections = channelSections(loaded.config as Record<string, unknown>);
      const configured = Object.keys(sections);
      if (req.channel === undefined) {
        if (configured.length === 0) {
          throw new ActionableError("No chat channels are set up; nothing to remove.");
        }
        channel = await prompter.select<string>({
          id: "channels.remove.channel",
          flag: "--channel <id>",
          message: "Which channel do you want to remove?",
          options: configured.map((id) => ({ value: id, label: id })),
          required: true,
        });
        prompter.finish();
      }
      const id = channel!;
      if (!(id in sections)) {
        if (!isChannelId(id)) requireChannelId(id);
        throw new UsageError(
          `--channel: ${id} is not set up${
            configured.length ? ` (set up: ${configured.join(", ")})` : ""
          }.`,
          ["--channel"],
        );
      }
      return mergePlan(emptyPlan(), {
        configEdits: req.del
          ? [{ path: ["channels", id], value: undefined }]
          : [{ path: ["channels", id, "enabled"], value: false }],
      });
    },
    // deno-lint-ignore require-await -- the report's shape: every command's report is async
    async report({ result }) {
      const what = req.del ? "deleted" : "disabled";
      if (req.json) {
        host.stdout(JSON.stringify({ ok: true, channel, action: what }, null, 2) + "\n");
      } else {
        host.stdout(
          `${req.del ? "Deleted" : "Disabled"} channels.${channel} in ${
            tildify(result!.configPath, host.home)
          }` +
            (req.del
              ? " (the previous config is in openclaw.json.bak).\n"
              : "; --delete removes its settings.\n"),
        );
      }
      return 0;
    },
  });
}

/** `channels login --channel whatsapp [--account id]`: link a WhatsApp account (QR code). */
export async function channelsLogin(
  req: { host: Host; paths: StatePaths; channel?: string; account?: string; timeoutMs?: number },
): Promise<number> {
  const channel = requireChannelId(req.channel ?? "whatsapp");
  if (channel !== "whatsapp") {
    throw new UsageError(
      `--channel: only whatsapp links by QR code; ${channel} is set up with ${
        cli(`channels add --channel ${channel}`)
      }.`,
      ["--channel"],
    );
  }
  const { validateAccountId } = await import("./schemas.ts");
  const account = req.account ?? "default";
  const problem = validateAccountId(account);
  if (problem) throw new UsageError(`--account: ${problem}`, ["--account"]);
  const { whatsappAuthDir } = await import("./whatsapp/setup.ts");
  const { whatsappLogin } = await import("./whatsapp/login.ts");
  const authDir = whatsappAuthDir(req.paths.credentialsDir, account);
  await ensureStateDir(req.paths);
  const r = await whatsappLogin({
    host: req.host,
    authDir,
    write: (t) => req.host.stdout(t),
    timeoutMs: req.timeoutMs,
  });
  req.host.stdout(
    `WhatsApp linked${
      r.account ? ` (${printable(r.account.split(":")[0])})` : ""
    }; credentials in ${tildify(authDir, req.host.home)}.\n` +
      `Add the channel if you have not: ${cli("channels add --channel whatsapp")}\n`,
  );
  return 0;
}

async function ensureStateDir(paths: StatePaths): Promise<void> {
  const { ensureDir, SECRET_DIR_MODE } = await import("../platform/files.ts");
  await ensureDir(paths.stateDir, SECRET_DIR_MODE);
  await ensureDir(paths.credentialsDir, SECRET_DIR_MODE);
  await ensureDir(`${paths.credentialsDir}/whatsapp`, SECRET_DIR_MODE);
}
