/**
 * What a channel's setup sees, and the small helpers every channel uses to
 * ask its questions with the right id and flag twin. A channel's setup asks
 * and decides; it returns a plan part (config edits, files, tasks) that the
 * one apply phase writes.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { Prompter, SelectOption, Validator } from "../wizard/prompter.ts";
import type { PlanPart } from "../plan/types.ts";
import { CHANNEL_FIELDS, type ChannelId, questionId } from "./flags.ts";
import { CHANNELS } from "./registry.ts";
import { validateHttpUrl } from "./schemas.ts";
import type { ApiBases, CheckOutcome } from "./live-check.ts";
import { verifyLive } from "./verify.ts";

export interface ChannelSetupContext {
  host: Host;
  paths: StatePaths;
  prompter: Prompter;
  /** This channel's current settings (channels.<id>), {} when new. */
  current: Record<string, unknown>;
  /** The whole current config, for cross-channel facts (plugins). */
  config: Record<string, unknown>;
  /** Which flag names errors name: `onboard` twins or `channels add` flags. */
  flagStyle: "onboard" | "add";
  /** Ask optional questions too (DM policy); QuickStart keeps the defaults. */
  advanced: boolean;
  /** Run live checks of tokens (off with --skip-checks or in dry runs of tests). */
  liveChecks: boolean;
  /** API bases and timeouts (stand-ins in tests). */
  apiBase: ApiBases;
  timeoutMs: number;
  /** Lines the setup wants shown as warnings (unreachable API, unresolved names). */
  warn(message: string): Promise<void>;
}

export type ChannelPlan = PlanPart;

export function flagOf(ctx: ChannelSetupContext, channel: ChannelId, key: string): string {
  const f = CHANNEL_FIELDS[channel].find((x) => x.key === key);
  if (!f) return `(${questionId(channel, key)})`;
  return (ctx.flagStyle === "add" ? f.add : f.onboard) ?? f.onboard;
}

export interface TextAsk {
  message: string;
  validate?: Validator;
  sensitive?: boolean;
  required?: boolean;
  initialValue?: string;
  placeholder?: string;
}

export async function askText(
  ctx: ChannelSetupContext,
  channel: ChannelId,
  key: string,
  q: TextAsk,
): Promise<string> {
  const v = await ctx.prompter.text({
    id: questionId(channel, key),
    flag: flagOf(ctx, channel, key),
    ...q,
  });
  return v.trim();
}

export function askSelect<T>(
  ctx: ChannelSetupContext,
  channel: ChannelId,
  key: string,
  q: { message: string; options: SelectOption<T>[]; initialValue?: T; silent?: boolean },
): Promise<T> {
  return ctx.prompter.select<T>({
    id: questionId(channel, key),
    flag: flagOf(ctx, channel, key),
    ...q,
  });
}

export function askConfirm(
  ctx: ChannelSetupContext,
  channel: ChannelId,
  key: string,
  q: { message: string; initialValue?: boolean },
): Promise<boolean> {
  return ctx.prompter.confirm({
    id: questionId(channel, key),
    flag: flagOf(ctx, channel, key),
    ...q,
  });
}

/** A config edit under channels.<id>. */
export function edit(channel: string, key: string, value: unknown) {
  return { path: ["channels", channel, key], value };
}

export function currentString(ctx: ChannelSetupContext, key: string): string | undefined {
  const v = ctx.current[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * The http(s) URL of a server the channel talks to (Mattermost, BlueBubbles),
 * the current one offered again. Trailing slashes are dropped: API paths are
 * appended to it.
 */
export async function askServerUrl(
  ctx: ChannelSetupContext,
  channel: ChannelId,
  key: string,
  q: { message: string; placeholder: string },
): Promise<string> {
  const current = currentString(ctx, key);
  const url = await askText(ctx, channel, key, {
    ...q,
    initialValue: current,
    required: current === undefined,
    validate: validateHttpUrl,
  });
  return url.replace(/\/+$/, "");
}

export interface KeptSecretAsk {
  /** The question on a re-run; " (Enter keeps the current one)" is added. */
  message: string;
  /** The question when channels.<id>.<key> holds none yet. */
  firstMessage: string;
  placeholder?: string;
  /** Checks a newly typed value. */
  validate: Validator;
  /** Tidies a newly typed value (the kept one is returned as it is). */
  tidy?: (typed: string) => string;
  /**
   * Which answers keep the current secret; by default a blank one. Mattermost
   * and BlueBubbles keep it only when nothing at all is typed: their validator
   * refuses an answer of spaces.
   */
  keeps?: (answer: string) => boolean;
}

/**
 * A secret (token, password) that channels.<id>.<key> may hold already. When
 * it does, the question is optional and Enter keeps it, so a re-run never makes
 * anyone paste it again to change something else. Returns "" only when there is
 * neither an answer nor a current secret (a missing flag, reported by the
 * prompter).
 */
export async function askKeptSecret(
  ctx: ChannelSetupContext,
  channel: ChannelId,
  key: string,
  q: KeptSecretAsk,
): Promise<string> {
  const existing = currentString(ctx, key);
  const keeps = q.keeps ?? ((answer: string) => answer.trim() === "");
  const typed = await askText(ctx, channel, key, {
    message: existing ? `${q.message} (Enter keeps the current one)` : q.firstMessage,
    placeholder: q.placeholder,
    sensitive: true,
    required: !existing,
    initialValue: existing ? "" : undefined,
    validate: (v) => (existing && keeps(v) ? undefined : q.validate(v)),
  });
  if (!typed) return existing ?? "";
  return q.tidy ? q.tidy(typed) : typed;
}

/**
 * One channel's questions, bound to its context and id: what every setup
 * asks through, so a setup names its channel once.
 */
export function channelQuestions(ctx: ChannelSetupContext, channel: ChannelId) {
  /**
   * A secret checked live once entered (see verify.ts); messages name it
   * `what`, by default the question, e.g. "Telegram bot token".
   */
  const checkedSecret = (
    key: string,
    q: KeptSecretAsk & { what?: string },
    check: (value: string) => Promise<CheckOutcome>,
  ) =>
    verifyLive(
      ctx,
      q.what ?? q.message,
      () => askKeptSecret(ctx, channel, key, q),
      check,
      flagOf(ctx, channel, key),
    );
  return {
    text: (key: string, q: TextAsk) => askText(ctx, channel, key, q),
    select: <T>(key: string, q: Parameters<typeof askSelect<T>>[3]) =>
      askSelect<T>(ctx, channel, key, q),
    confirm: (key: string, q: { message: string; initialValue?: boolean }) =>
      askConfirm(ctx, channel, key, q),
    secret: (key: string, q: KeptSecretAsk) => askKeptSecret(ctx, channel, key, q),
    checkedSecret,
    /**
     * A bot token, checked live: "<Label> bot token", the first time with
     * where to find it.
     */
    botToken: (
      key: string,
      where: string,
      check: (value: string) => Promise<CheckOutcome>,
      q: Omit<KeptSecretAsk, "message" | "firstMessage">,
    ) => {
      const message = `${CHANNELS[channel].label} bot token`;
      return checkedSecret(key, { message, firstMessage: `${message} (${where})`, ...q }, check);
    },
    /**
     * A server's URL, then a secret checked against that server. Enter keeps
     * the current secret only when nothing at all is typed: these servers'
     * validators refuse an answer of spaces.
     */
    serverLogin: async (
      url: [key: string, message: string, placeholder: string],
      check: (url: string, secret: string) => Promise<CheckOutcome>,
      secret: KeptSecretAsk & { key: string; what?: string },
    ): Promise<[url: string, secret: string]> => {
      const [urlKey, message, placeholder] = url;
      const serverUrl = await askServerUrl(ctx, channel, urlKey, { message, placeholder });
      const keeps = (answer: string) => answer === "";
      const value = await checkedSecret(
        secret.key,
        { keeps, ...secret },
        (v) => check(serverUrl, v),
      );
      return [serverUrl, value];
    },
    flag: (key: string) => flagOf(ctx, channel, key),
    current: (key: string) => currentString(ctx, key),
    /** channels.<id>.enabled = true and the given settings, as config edits. */
    enable: (settings: Record<string, unknown>) =>
      Object.entries({ enabled: true, ...settings }).map(([k, v]) => edit(channel, k, v)),
  };
}

export type ChannelQuestions = ReturnType<typeof channelQuestions>;
