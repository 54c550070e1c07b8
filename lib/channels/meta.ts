/**
 * What a channel is, in two parts. Each channel is a folder,
 * lib/channels/<id>/, whose `meta.ts` exports a ChannelMeta: data only (its
 * label, its questions' flags, the shape of its config, its legacy keys,
 * what a sender id looks like) and a `load()` for the rest. `openclaw
 * onboard --help` and the first prompt read the metas only, so a meta
 * imports no zod and no setup code; `load()` brings the ChannelDescriptor
 * (setup, live check, probe, runtime) when a channel is actually set up,
 * probed or run. The registry (registry.ts) lists the metas.
 */
import type { PluginInfo } from "./plugins.ts";
import type { ChannelPlan, ChannelSetupContext } from "./context.ts";
import type { CheckOutcome } from "./live-check.ts";
import type { ChannelProbe, ProbeContext } from "./probe.ts";
import type { ZodType } from "zod";
import type { Host } from "../host.ts";

export interface ChannelField {
  key: string;
  /** `openclaw onboard` flag, with its value placeholder. */
  onboard: string;
  /** `openclaw channels add` flag, when it has one. */
  add?: string;
  description: string;
  /** A boolean flag (no value). */
  boolean?: boolean;
  /**
   * A secret: the environment variable that answers the question when the
   * flag is absent (flags are visible to other local users in `ps`).
   */
  env?: string;
}

/**
 * How the config loader checks one key of channels.<id> (schemas.ts turns
 * these into zod): free text, a secret (its own "… is empty." message), a
 * URL, a webhook path, a phone number, a GUID, WhatsApp's accounts, or one
 * of a list of words.
 */
export type ConfigKind =
  | "text"
  | "secret"
  | "httpUrl"
  | "webhookPath"
  | "e164"
  | "guid"
  | "accounts"
  | readonly string[];

/** What counts as a sender id in a channel's allowFrom (see sender-ids.ts). */
export interface SenderIdRule {
  /** Whether an allowFrom entry is an id the runtime can match. */
  isId(entry: string): boolean;
  /** What the ids look like and where to find one, for warnings and doctor. */
  hint: string;
  /** How to learn a person's id when the platform cannot look a name up. */
  findId?: string;
}

export interface ChannelMeta<Id extends string = string> {
  id: Id;
  label: string;
  hint: string;
  /** Set for channels that ship as a plugin. */
  plugin?: PluginInfo;
  /** Every question's flag twins, dmPolicy and allowFrom included. */
  fields: readonly ChannelField[];
  /** The keys of channels.<id> besides enabled/dmPolicy/allowFrom, and how each is checked. */
  config: Readonly<Record<string, ConfigKind>>;
  /** Top-level config keys of older releases that moved to channels.<id>. */
  legacyKeys: readonly string[];
  senderIds: SenderIdRule;
  /** The platform's API, movable by an environment variable (mirrors, stand-ins in tests). */
  apiBase?: { url: string; env: string };
  /** The rest of the channel, loaded when it is set up, probed or run. */
  load(): Promise<ChannelDescriptor>;
}

/** A channel section of the config, as read (not yet trusted). */
export type Section = Record<string, unknown>;

/** The whole channel: its data and its code. */
export interface ChannelDescriptor {
  meta: ChannelMeta;
  /** channels.<id>'s schema, built from meta.config. */
  schema: ZodType;
  /** Ask this channel's questions; return the plan part the one apply writes. */
  setup(ctx: ChannelSetupContext): Promise<ChannelPlan>;
  /** Check the credentials in a config section against the platform, when it has an API. */
  liveCheck?(settings: Section, ctx: ProbeContext): Promise<CheckOutcome>;
  /** `status --deep`: what can be checked from here (never throws, never prints secrets). */
  probe(settings: Section, ctx: ProbeContext): Promise<Omit<ChannelProbe, "channel">>;
  /**
   * `pairing approve --notify`: tell an approved sender from the CLI, when the
   * channel can. Returns why it could not (the sender stays approved).
   */
  notifyApproved?(settings: Section, host: Host, chatId: string): Promise<string | undefined>;
}

/** Who may DM the bot: every channel has these two questions. */
export function dmFields(id: string): ChannelField[] {
  return [
    {
      key: "dmPolicy",
      onboard: `--${id}-dm-policy <policy>`,
      add: "--dm-policy <policy>",
      description: "who may DM the bot: pairing (default), allowlist, open, disabled",
    },
    {
      key: "allowFrom",
      onboard: `--${id}-allow-from <ids>`,
      add: "--allow-from <ids>",
      description:
        "comma-separated senders allowed to DM the bot (ids, or names resolved when possible)",
    },
  ];
}

/** Sender id shapes several channels share. */
export const E164 = /^\+[1-9]\d{6,14}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
